import { describe, expect, it } from 'vitest';
import { openCacheDatabase } from './db.ts';
import { schemaVersion } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { useStores } from '../test-support/store.ts';

describe('openCacheDatabase', () => {
  const stores = useStores();

  it('opens a file in WAL mode with foreign keys, NORMAL sync and a busy timeout, migrated', () => {
    const db = openCacheDatabase(stores.path());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('reopens an existing file without migrating again', () => {
    openCacheDatabase(stores.path()).close();
    const db = openCacheDatabase(stores.path());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('opens an in-memory database', () => {
    const db = openCacheDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('keeps no column that could hold a secret', () => {
    const db = openCacheDatabase(':memory:');
    const columns = db.prepare("SELECT m.name || '.' || c.name FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table'").pluck().all() as string[];
    expect(columns.length).toBeGreaterThan(50);
    expect(columns.filter((column) => /token|secret|key|password|credential|connection|auth/i.test(column.split('.')[1]!))).toEqual([]);
    db.close();
  });
});
