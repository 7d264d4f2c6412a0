import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate.ts';
import { ftsMatchExpression, parseSearchQuery } from '../search-text.ts';
import { MIGRATIONS } from './index.ts';
import { migrateToLatest, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 4: search word keys', () => {
  const databaseAt = useDatabaseAt();

  it('indexes cached messages again so that one-character terms find them, once each', () => {
    const db = databaseAt(3);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    const insert = db.prepare("INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, content, created_on) VALUES (?, 1, ?, ?, '1', 'text', ?, 0)");
    insert.run(10, 'm1', 1, 'zebracorn 7 is out');
    insert.run(11, 'm2', 2, 'zebracorn 8 is out');
    // What version 3 indexed for these messages: the text without the new keys.
    db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)').run(10, 'zebracorn 7 is out');
    db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)').run(11, 'zebracorn 8 is out');
    const matches = (query: string) =>
      db
        .prepare('SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid')
        .pluck()
        .all(ftsMatchExpression(parseSearchQuery(query))) as number[];
    expect(matches('zebracorn 7')).toEqual([]);
    migrateToLatest(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(matches('zebracorn 7')).toEqual([10]);
    expect(matches('zebracorn')).toEqual([10, 11]);
  });
});
