import { describe, expect, it } from 'vitest';
import { columnNames, migrateToLatest, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 7: message attachments', () => {
  const databaseAt = useDatabaseAt();

  it('adds an attachments column that cached messages leave empty, and accepts only JSON', () => {
    const db = databaseAt(6);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    db.prepare("INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, content, created_on) VALUES (1, 1, 'm1', 1, '1', 'text', 'kept', 0)").run();
    migrateToLatest(db);
    expect(columnNames(db, 'messages')).toContain('attachments');
    expect(db.prepare('SELECT content, attachments FROM messages').get()).toEqual({ content: 'kept', attachments: null });
    expect(() => db.prepare("UPDATE messages SET attachments = '[{broken'").run()).toThrow(/CHECK/);
  });
});
