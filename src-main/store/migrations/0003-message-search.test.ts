import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';
import { ftsMatchExpression, parseSearchQuery } from '../search-text.ts';
import { migrateToLatest, schemaText, tableNames, useDatabaseAt } from '../../test-support/migrations.ts';

function matches(db: import('better-sqlite3').Database, query: string): number[] {
  return db
    .prepare('SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid')
    .pluck()
    .all(ftsMatchExpression(parseSearchQuery(query))) as number[];
}

describe('migration 3: message search', () => {
  const databaseAt = useDatabaseAt();

  it('indexes the messages already cached: user messages, not deleted, HTML reduced', () => {
    const db = databaseAt(2);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    const insert = db.prepare(
      "INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, content, created_on, deleted_on) VALUES (?, 1, ?, ?, '1', ?, ?, 0, ?)",
    );
    insert.run(10, 'm1', 1, 'text', '내일 회의는 deployment', null);
    insert.run(11, 'm2', 2, 'html', '<p>회의록 <b>공유</b></p><script>secret()</script>', null);
    insert.run(12, 'm3', 3, 'text', '회의 deleted', 5);
    insert.run(13, 'm4', 4, 'topicUpdated', '', null);
    migrateToLatest(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toContain('message_search');
    expect(matches(db, '회의')).toEqual([10, 11]);
    expect(matches(db, 'ploym')).toEqual([10]);
    expect(matches(db, '공유')).toEqual([11]);
    expect(matches(db, 'secret')).toEqual([]);
  });

  it('merges index segments 8 at a time', () => {
    const db = databaseAt(3);
    expect(db.prepare("SELECT v FROM message_search_config WHERE k = 'automerge'").pluck().get()).toBe(8);
  });

  it('lets single rows be deleted from the contentless index', () => {
    const db = databaseAt(3);
    db.prepare("INSERT INTO message_search (rowid, text) VALUES (1, 'deploy now'), (2, 'deploy later')").run();
    db.prepare('DELETE FROM message_search WHERE rowid = 1').run();
    expect(matches(db, 'deploy')).toEqual([2]);
  });

  it('is a no-op when run again', () => {
    const db = databaseAt(MIGRATIONS.length);
    const schema = schemaText(db);
    expect(migrateToLatest(db)).toBe(0);
    expect(schemaText(db)).toBe(schema);
  });
});
