import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { NewerSchemaError, runMigrations, schemaVersion } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { copyPreciousState, LOCAL_SCHEMA, preciousState } from './migrations/0008-precious-state.ts';

export type CacheDatabase = Database.Database;

/** Which file is damaged: the rebuildable cache, or the small file of precious local state. */
export type DamagedFile = 'cache' | 'local';

/** A file failed its integrity check at open (SQLite's own errors say the same later: `isDamage`). */
export class CacheDamagedError extends Error {
  readonly file: DamagedFile;
  constructor(file: DamagedFile, detail: string) {
    super(`The ${file === 'cache' ? 'cache' : 'local state'} file is damaged (${detail})`);
    this.name = 'CacheDamagedError';
    this.file = file;
  }
}

/** SQLite found a damaged file: a corrupt page, or a file that is not (or no longer) a database. */
export function isDamage(error: unknown): boolean {
  if (error instanceof CacheDamagedError) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ');
}

/** The precious-state file beside a cache file: `cache.sqlite` → `cache.local.sqlite`. */
export function localPathFor(path: string): string {
  return path === ':memory:' ? ':memory:' : `${path.replace(/\.sqlite$|\.db$/, '')}.local.sqlite`;
}

export interface OpenOptions {
  /** Full integrity check at open for cache files up to this size (a scan: ~1 s per 200 MB); larger ones are checked as SQLite reads them. */
  checkCacheUpToBytes?: number;
}

/**
 * The check reads the whole file before the first screen can be drawn, so it is bounded: ~40 ms on a
 * quiet machine (a 122 MB cache of 10,000 threads took 1.6-2.1 s at load 13, the whole of its slower start).
 */
const DEFAULT_CHECK_UP_TO_BYTES = 8 * 1024 * 1024;

function quickCheck(db: Database.Database, schema: string, file: DamagedFile): void {
  const result = db.pragma(`${schema}.quick_check(1)`, { simple: true });
  if (result !== 'ok') throw new CacheDamagedError(file, String(result));
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Wraps SQLite's damage errors with the file they came from, so recovery knows what to set aside. */
function inFile<T>(file: DamagedFile, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (isDamage(error) && !(error instanceof CacheDamagedError)) throw new CacheDamagedError(file, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * Opens (creating if needed) the cache at `path`, or a throwaway one for ':memory:', with the
 * precious local state attached from its own file (`localPathFor`), migrated to the latest schema.
 * A damaged file throws `CacheDamagedError` naming it.
 */
export function openCacheDatabase(path: string, options: OpenOptions = {}): CacheDatabase {
  const db = inFile('cache', () => new Database(path));
  try {
    inFile('cache', () => {
      // Before any pragma that writes (WAL mode rewrites the header): a newer file stays byte for byte.
      const found = schemaVersion(db);
      if (found > MIGRATIONS.length) throw new NewerSchemaError(found, MIGRATIONS.length);
      // Version 0 is an empty file: tables there came from somewhere else (a stray -wal replayed into it).
      if (found === 0 && db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() !== 0) throw new CacheDamagedError('cache', 'tables without a schema version');
      db.pragma('journal_mode = WAL');
      // WAL with NORMAL is durable against application crashes; a power cut may lose the last
      // transactions, which the next sync fetches again.
      db.pragma('synchronous = NORMAL');
      if (path !== ':memory:' && fileSize(path) <= (options.checkCacheUpToBytes ?? DEFAULT_CHECK_UP_TO_BYTES)) quickCheck(db, 'main', 'cache');
    });
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    inFile('local', () => {
      db.prepare(`ATTACH DATABASE ? AS ${LOCAL_SCHEMA}`).run(localPathFor(path));
      db.pragma(`${LOCAL_SCHEMA}.journal_mode = WAL`);
      // What the user wrote: every commit reaches the disk.
      db.pragma(`${LOCAL_SCHEMA}.synchronous = FULL`);
      quickCheck(db, LOCAL_SCHEMA, 'local');
    });
    inFile('cache', () => {
      if (schemaVersion(db) < preciousState.version) copyPreciousState(db);
      runMigrations(db, MIGRATIONS);
    });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
