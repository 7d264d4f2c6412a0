import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';
import { indexNames, migrateToLatest, schemaText, tableNames, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 2: local state', () => {
  const databaseAt = useDatabaseAt();

  it('adds outbox, drafts and settings to the version 1 schema, keeping its data', () => {
    const db = databaseAt(1);
    db.prepare("INSERT INTO accounts VALUES ('a', 'demo', 'Me', 'https://e', 'u', 1)").run();
    migrateToLatest(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['outbox', 'drafts', 'settings']));
    expect(indexNames(db, 'outbox')).toEqual(['outbox_by_age', 'outbox_by_thread']);
    expect(db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(1);
  });

  it('only accepts known outbox states and JSON settings', () => {
    const db = databaseAt(2);
    const outbox = db.prepare("INSERT INTO outbox (client_id, account_id, thread_id, content, type, sender_name, state, created_at) VALUES (?, 'a', 't', 'x', 'text', 'Me', ?, 0)");
    outbox.run('c1', 'queued');
    expect(() => outbox.run('c2', 'lost')).toThrow(/CHECK/);
    const setting = db.prepare('INSERT INTO settings (name, value) VALUES (?, ?)');
    setting.run('theme', '"dark"');
    expect(() => setting.run('broken', '{not json')).toThrow(/CHECK/);
    expect(db.prepare('SELECT account_id FROM settings').pluck().get()).toBe('');
  });

  it('is a no-op when run again', () => {
    const db = databaseAt(2);
    migrateToLatest(db);
    const schema = schemaText(db);
    expect(migrateToLatest(db)).toBe(0);
    expect(schemaText(db)).toBe(schema);
  });
});
