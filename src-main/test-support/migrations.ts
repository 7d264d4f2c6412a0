import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { runMigrations } from '../store/migrate.ts';
import { useTemporaryDirectory } from './store.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';

/** A raw database file migrated to `version` (0: empty), closed after the test. */
export function useDatabaseAt(): (version: number) => Database.Database {
  const directory = useTemporaryDirectory();
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return (version) => {
    const db = new Database(join(directory(), `v${version}-${opened.length}.db`));
    db.pragma('foreign_keys = ON');
    opened.push(db);
    runMigrations(db, MIGRATIONS.slice(0, version));
    return db;
  };
}

export function migrateToLatest(db: Database.Database): number {
  return runMigrations(db, MIGRATIONS);
}

export function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

export function indexNames(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_index_list(?) ORDER BY name`).pluck().all(table) as string[]).filter((name) => !name.startsWith('sqlite_autoindex'));
}

export function columnNames(db: Database.Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** The full schema text: equal before and after a second run means the run changed nothing. */
export function schemaText(db: Database.Database): string {
  return (db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as Array<{ sql: string | null }>).map((row) => JSON.stringify(row)).join('\n');
}
