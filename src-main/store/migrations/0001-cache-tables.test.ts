import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';
import { columnNames, indexNames, migrateToLatest, schemaText, tableNames, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 1: cache tables', () => {
  const databaseAt = useDatabaseAt();

  it('creates the cache tables on an empty database', () => {
    const db = databaseAt(1);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['accounts', 'messages', 'participants', 'read_receipts', 'sync_cursors', 'threads']);
    expect(indexNames(db, 'messages')).toEqual(['messages_by_client_id', 'messages_by_id', 'messages_by_sequence']);
    expect(columnNames(db, 'accounts')).toEqual(['id', 'kind', 'display_name', 'endpoint', 'user_id', 'created_at']);
  });

  it('keys messages by thread and id, and pages them by sequence id through an index', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    const insert = db.prepare("INSERT INTO messages (thread_local_id, id, sequence_id, version, type, content, created_on) VALUES (1, ?, ?, '1', 'text', '', 0)");
    insert.run('m1', 1);
    expect(() => insert.run('m1', 2)).toThrow(/UNIQUE/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT * FROM messages WHERE thread_local_id = 1 AND sequence_id < 10 ORDER BY sequence_id DESC LIMIT 5').all() as Array<{
      detail: string;
    }>;
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING INDEX messages_by_sequence/);
  });

  it('removes a thread’s messages, participants and receipts with the thread', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    db.prepare("INSERT INTO messages (thread_local_id, id, sequence_id, version, type, content, created_on) VALUES (1, 'm', 1, '1', 'text', '', 0)").run();
    db.prepare("INSERT INTO participants (thread_local_id, user_id) VALUES (1, 'u')").run();
    db.prepare("INSERT INTO read_receipts (thread_local_id, user_id, message_id, read_on) VALUES (1, 'u', 'm', 0)").run();
    db.prepare('DELETE FROM threads').run();
    for (const table of ['messages', 'participants', 'read_receipts']) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
  });

  it('rejects an unknown account kind', () => {
    const db = databaseAt(1);
    expect(() => db.prepare("INSERT INTO accounts VALUES ('a', 'password', 'n', 'e', 'u', 0)").run()).toThrow(/CHECK/);
  });

  it('is a no-op when run again', () => {
    const db = databaseAt(1);
    const before = schemaText(db);
    expect(migrateToLatest(db)).toBe(MIGRATIONS.length - 1);
    const latest = schemaText(db);
    expect(migrateToLatest(db)).toBe(0);
    expect(schemaText(db)).toBe(latest);
    expect(latest.startsWith(before.slice(0, 10))).toBe(true);
  });
});
