import Database from 'better-sqlite3';
import { NewerSchemaError, runMigrations, schemaVersion } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type CacheDatabase = Database.Database;

/** Opens (creating if needed) the cache at `path`, or a throwaway one for ':memory:', migrated to the latest schema. */
export function openCacheDatabase(path: string): CacheDatabase {
  const db = new Database(path);
  try {
    // Before any pragma that writes (WAL mode rewrites the header): a newer file stays byte for byte.
    const found = schemaVersion(db);
    if (found > MIGRATIONS.length) throw new NewerSchemaError(found, MIGRATIONS.length);
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL is durable against application crashes; a power cut may lose the last
    // transactions, which the next sync fetches again.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    runMigrations(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
