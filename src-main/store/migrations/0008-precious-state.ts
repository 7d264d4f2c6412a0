import type Database from 'better-sqlite3';
import type { Migration } from '../migrate.ts';

/** The schema name under which the precious-state file is attached to the cache connection. */
export const LOCAL_SCHEMA = 'local';
export const PRECIOUS_TABLES = ['accounts', 'outbox', 'drafts', 'settings'] as const;

/** The same tables (same columns, same order) as migrations 1 and 2 made in the cache file. */
const LOCAL_TABLES = `
  CREATE TABLE IF NOT EXISTS local.accounts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('token', 'connection-string', 'demo')),
    display_name TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS local.outbox (
    client_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    content TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('text', 'html')),
    sender_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'failed')),
    error TEXT CHECK (error IS NULL OR json_valid(error)),
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE INDEX IF NOT EXISTS local.outbox_by_thread ON outbox (account_id, thread_id, created_at);
  CREATE INDEX IF NOT EXISTS local.outbox_by_age ON outbox (created_at);
  CREATE TABLE IF NOT EXISTS local.drafts (
    account_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, thread_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS local.settings (
    account_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    PRIMARY KEY (account_id, name)
  ) STRICT, WITHOUT ROWID;
`;

export function hasLocalSchema(db: Database.Database): boolean {
  return (db.prepare('SELECT name FROM pragma_database_list').pluck().all() as string[]).includes(LOCAL_SCHEMA);
}

function cacheStillHolds(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) === 1;
}

/**
 * Copies what the cache file still holds of the precious tables into the attached local file, in
 * its own committed transaction, before migration 6 drops them from the cache: local state and
 * cache are two files, and a transaction over two WAL files is atomic per file only, so the copy
 * must be durable before the drop. Repeating it is harmless (rows already there are kept).
 */
export function copyPreciousState(db: Database.Database): void {
  db.transaction(() => {
    db.exec(LOCAL_TABLES);
    for (const table of PRECIOUS_TABLES) {
      if (cacheStillHolds(db, table)) db.exec(`INSERT OR IGNORE INTO local.${table} SELECT * FROM main.${table}`);
    }
  }).immediate();
}

/**
 * What the user made or chose (accounts, outbox, drafts, settings) moves to its own small file,
 * attached as `local`, so damage to the large, rebuildable cache cannot take it along (store
 * README, "Precious state"). The cache's queries name these tables unqualified, and SQLite finds
 * them in `local` once `main` has none.
 */
export const preciousState: Migration = {
  version: 8,
  name: 'precious-state',
  up(db) {
    if (!hasLocalSchema(db)) throw new Error(`Migration 6 needs the local state file attached as "${LOCAL_SCHEMA}"`);
    db.exec(LOCAL_TABLES);
    for (const table of PRECIOUS_TABLES) {
      if (!cacheStillHolds(db, table)) continue;
      db.exec(`INSERT OR IGNORE INTO local.${table} SELECT * FROM main.${table}; DROP TABLE main.${table}`);
    }
  },
};
