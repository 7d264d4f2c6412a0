import { closeSync, copyFileSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/** A seeded generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Overwrites `count` of the pages holding `table` with random bytes (the file must be closed). */
export function overwriteTablePages(path: string, table: string, count: number, seed = 17): number[] {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(table) as number[];
  db.close();
  const random = seeded(seed);
  const chosen = [...new Set(Array.from({ length: count }, () => pages[Math.floor(random() * pages.length)]!))];
  const file = openSync(path, 'r+');
  for (const page of chosen) {
    const garbage = Buffer.from(Array.from({ length: pageSize }, () => Math.floor(random() * 256)));
    writeSync(file, garbage, 0, pageSize, (page - 1) * pageSize);
  }
  closeSync(file);
  return chosen;
}

export function truncateToHalf(path: string): void {
  truncateSync(path, Math.floor(readFileSync(path).length / 2));
}

export function zeroHeader(path: string): void {
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.alloc(100), 0, 100, 0);
  closeSync(file);
}

/**
 * Leaves beside `path` the -wal of another database (a crash elsewhere, a file restored from a
 * backup without its own -wal): frames that do not belong to this file.
 */
export function strayWal(path: string, scratchPath: string): void {
  const other = new Database(scratchPath);
  other.pragma('journal_mode = WAL');
  other.pragma('wal_autocheckpoint = 0');
  other.exec('CREATE TABLE messages (x); CREATE TABLE threads (y);');
  const insert = other.prepare('INSERT INTO messages VALUES (?)');
  for (let index = 0; index < 500; index += 1) insert.run('z'.repeat(500));
  copyFileSync(`${scratchPath}-wal`, `${path}-wal`);
  other.close();
}
