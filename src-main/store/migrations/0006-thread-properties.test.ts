import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';
import { columnNames, migrateToLatest, schemaText, useDatabaseAt } from '../../test-support/migrations.ts';

/** Raw ids and the kinds the SDK reads in them (the same ids are checked against the SDK in acs/identifiers.test.ts). */
const PEOPLE: Record<string, string> = {
  '8:acs:fa5c4fc3-a269-43e2-9eb6-0ca17b388993_0000000c-6218-8504-7bfa-553a0d0010a4': 'acs-user',
  '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130': 'teams-user',
  '8:teamsvisitor:45ab2481-1c1c-4005-be24-0ffb879b1130': 'teams-visitor',
  '8:gcch:45ab2481-1c1c-4005-be24-0ffb879b1130': 'teams-user',
  '4:+14255550123': 'phone',
  '28:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130': 'bot',
  '48:something-else': 'unknown',
};

describe('migration 6: thread properties', () => {
  const databaseAt = useDatabaseAt();

  it('adds metadata and retention to cached threads and labels cached participants as the SDK would', () => {
    const db = databaseAt(5);
    db.prepare("INSERT INTO accounts VALUES ('a', 'token', 'Me', 'https://e', 'u', 1)").run();
    db.prepare("INSERT INTO threads (account_id, id, topic, created_on) VALUES ('a', 't', 'Kept', 5)").run();
    const participant = db.prepare("INSERT INTO participants (thread_local_id, user_id, display_name, metadata) VALUES (1, ?, 'Someone', ?)");
    for (const userId of Object.keys(PEOPLE)) participant.run(userId, userId.startsWith('8:acs:') ? '{"role":"host"}' : null);

    migrateToLatest(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(columnNames(db, 'threads')).toEqual(expect.arrayContaining(['metadata', 'retention_policy']));
    expect(db.prepare("SELECT topic, created_on, metadata, retention_policy FROM threads WHERE id = 't'").get()).toEqual({
      topic: 'Kept',
      created_on: 5,
      metadata: null,
      retention_policy: null,
    });
    const kinds = db.prepare('SELECT user_id, kind FROM participants').all() as Array<{ user_id: string; kind: string }>;
    expect(Object.fromEntries(kinds.map((row) => [row.user_id, row.kind]))).toEqual(PEOPLE);
    expect(db.prepare("SELECT metadata FROM participants WHERE user_id LIKE '8:acs:%'").pluck().get()).toBe('{"role":"host"}');
  });

  it('refuses metadata that is not JSON and kinds outside the contract', () => {
    const db = databaseAt(6);
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    expect(() => db.prepare("UPDATE threads SET metadata = '{broken'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO participants (thread_local_id, user_id, kind) VALUES (1, 'x', 'robot')").run()).toThrow(/CHECK/);
  });

  it('is a no-op when run again', () => {
    const db = databaseAt(MIGRATIONS.length);
    const schema = schemaText(db);
    expect(migrateToLatest(db)).toBe(0);
    expect(schemaText(db)).toBe(schema);
  });
});
