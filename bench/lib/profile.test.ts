import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheStore } from '../../src-main/store/cache-store.ts';
import { openCacheDatabase, type CacheDatabase } from '../../src-main/store/db.ts';
import { buildProfileDatabase, PROFILE_ACCOUNT, type BuiltProfile, type IndexWrites, type ProfileSize } from './profile.ts';

/** Small, but with every kind of write: a big and a small thread, many others, edits and deletions. */
const SIZE: ProfileSize = { threads: 12, messages: 4000, bigThread: 1500, smallThread: 300 };
const QUERIES = ['deploy', '회의', 'release build', '배포 일정', 'edited', 'a', '7', 'zzz-nothing'];

const directory = mkdtempSync(join(tmpdir(), 'parley-profile-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Row count and a digest of every row of `sql` (ordered), so that two files can be compared whole. */
function rowsDigest(db: CacheDatabase, sql: string): { rows: number; sha256: string } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const row of db.prepare(sql).raw().iterate()) {
    hash.update(JSON.stringify(row));
    rows += 1;
  }
  return { rows, sha256: hash.digest('hex') };
}

interface ProfileContent {
  built: BuiltProfile;
  tables: Record<string, { rows: number; sha256: string }>;
  /** Every (term, row id) pair the search index holds (`detail=none`: no positions to compare). */
  indexEntries: { rows: number; sha256: string };
  indexConfig: { rows: number; sha256: string };
  integrity: unknown;
  journalMode: unknown;
  searches: Record<string, string[]>;
}

function buildAndRead(indexWrites: IndexWrites): ProfileContent {
  const path = join(directory, `${indexWrites}.sqlite`);
  const built = buildProfileDatabase(path, SIZE, indexWrites);
  const db = openCacheDatabase(path);
  try {
    const tableNames = db
      .prepare("SELECT schema, name FROM pragma_table_list WHERE type = 'table' AND schema <> 'temp' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'message_search%'")
      .raw()
      .all() as Array<[string, string]>;
    const tables = Object.fromEntries(tableNames.map(([schema, name]) => [`${schema}.${name}`, rowsDigest(db, `SELECT * FROM ${schema}.${name} ORDER BY 1, 2`)]));
    db.exec("CREATE VIRTUAL TABLE temp.index_entries USING fts5vocab(main, message_search, 'instance')");
    const store = createCacheStore(db);
    const searches = Object.fromEntries(QUERIES.map((query) => [query, store.search(PROFILE_ACCOUNT.id, query, { limit: 50 }).map((hit) => `${hit.threadId}/${hit.messageId}`)]));
    return {
      built,
      tables,
      indexEntries: rowsDigest(db, 'SELECT term, doc FROM temp.index_entries ORDER BY term, doc'),
      indexConfig: rowsDigest(db, 'SELECT k, v FROM message_search_config ORDER BY k'),
      integrity: db.pragma('integrity_check', { simple: true }),
      journalMode: db.pragma('main.journal_mode', { simple: true }),
      searches,
    };
  } finally {
    db.close();
  }
}

describe('bench profile generation', () => {
  let asWritten: ProfileContent;
  let heldBack: ProfileContent;
  beforeAll(() => {
    asWritten = buildAndRead('as-written');
    heldBack = buildAndRead('held-back');
  });

  it('writes the same rows and the same index entries with the index held back as with the index written as the app writes it', () => {
    expect(heldBack).toEqual(asWritten);
  });

  it('exercises every kind of write it compares (so the comparison is not of empty files)', () => {
    expect(asWritten.built.edits).toBeGreaterThan(0);
    expect(asWritten.built.deletions).toBeGreaterThan(0);
    expect(asWritten.tables['main.messages']!.rows).toBe(SIZE.messages);
    expect(asWritten.tables['main.threads']!.rows).toBe(SIZE.threads);
    // Deleted messages are not indexed; every other one is, each under many trigrams.
    expect(asWritten.indexEntries.rows).toBeGreaterThan(SIZE.messages);
    expect(asWritten.searches.deploy!.length).toBeGreaterThan(0);
    expect(asWritten.searches['회의']!.length).toBeGreaterThan(0);
    expect(asWritten.searches['zzz-nothing']).toEqual([]);
  });

  it('leaves a sound file in the app’s journal mode', () => {
    expect(heldBack.integrity).toBe('ok');
    expect(heldBack.journalMode).toBe('wal');
  });
});
