import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3…: stored in `PRAGMA user_version` once applied. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** The file was written by a newer Parley: opening it would risk its data, so it is left as it is. */
export class NewerSchemaError extends Error {
  readonly found: number;
  readonly known: number;
  constructor(found: number, known: number) {
    super(
      `This profile was last used by a newer version of Parley (data version ${found}; this version reads up to ${known}). ` +
        'Parley left it untouched: install the newer version again to open it.',
    );
    this.name = 'NewerSchemaError';
    this.found = found;
    this.known = known;
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations newer than the database, in order, each in its own transaction with the
 * version bump, so a crash leaves the file at a whole version. Returns how many were applied.
 */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) throw new NewerSchemaError(current, latest);
  let applied = 0;
  for (const migration of migrations.slice(current)) {
    const apply = db.transaction(() => {
      // Another process may have migrated between our check and this write lock.
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      applied += 1;
    });
    apply.immediate();
  }
  return applied;
}
