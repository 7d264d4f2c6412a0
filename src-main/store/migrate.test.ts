import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion, type Migration } from './migrate.ts';
import { useTemporaryDirectory } from '../test-support/store.ts';

describe('runMigrations', () => {
  const directory = useTemporaryDirectory();
  const open = () => new Database(join(directory(), 'm.db'));
  const migration = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

  it('applies pending migrations in order and records the version', () => {
    const db = open();
    expect(runMigrations(db, [migration(1, 'CREATE TABLE a (x)'), migration(2, 'CREATE TABLE b (x)')])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(runMigrations(db, [migration(1, 'CREATE TABLE a (x)'), migration(2, 'CREATE TABLE b (x)'), migration(3, 'CREATE TABLE c (x)')])).toBe(1);
    expect(schemaVersion(db)).toBe(3);
    db.close();
  });

  it('rolls a failing migration back whole, keeping the earlier ones', () => {
    const db = open();
    expect(() => runMigrations(db, [migration(1, 'CREATE TABLE a (x)'), migration(2, 'CREATE TABLE b (x); CREATE TABLE broken (')])).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'b'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer schema', () => {
    const db = open();
    db.pragma('user_version = 9');
    expect(() => runMigrations(db, [migration(1, 'CREATE TABLE a (x)')])).toThrow(/newer version of Parley/);
    db.close();
  });

  it('refuses migrations out of order', () => {
    const db = open();
    expect(() => runMigrations(db, [migration(2, 'CREATE TABLE a (x)')])).toThrow(/expected 1/);
    db.close();
  });
});
