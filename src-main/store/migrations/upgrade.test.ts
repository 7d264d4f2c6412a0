import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCacheStore } from '../cache-store.ts';
import { openCacheDatabase } from '../db.ts';
import { NewerSchemaError, schemaVersion } from '../migrate.ts';
import { MIGRATIONS } from './index.ts';
import { migrateToLatest, populateAt, schemaText, useDatabaseAt } from '../../test-support/migrations.ts';
import { useTemporaryDirectory } from '../../test-support/store.ts';

describe('a profile from every earlier version', () => {
  const databaseAt = useDatabaseAt();
  const directory = useTemporaryDirectory();
  const latestSchema = () => schemaText(databaseAt(MIGRATIONS.length));

  for (let version = 0; version < MIGRATIONS.length; version += 1) {
    it(`upgrades a populated version ${version} database to version ${MIGRATIONS.length}, keeping everything`, () => {
      const db = databaseAt(version);
      const before = populateAt(db, version);
      expect(migrateToLatest(db)).toBe(MIGRATIONS.length - version);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      expect(schemaText(db)).toBe(latestSchema());
      expect(db.pragma('foreign_key_check')).toEqual([]);

      const store = createCacheStore(db);
      expect(store.listAccounts().map((account) => account.id)).toEqual(before.accounts);
      const threads = before.accounts.flatMap((accountId) => store.listThreads(accountId).map((thread) => thread.id));
      expect(threads.sort()).toEqual([...before.threads].sort());
      const messages = before.accounts.flatMap((accountId) => store.listThreads(accountId).flatMap((thread) => store.listMessages(accountId, thread.id, { limit: 100 }).messages));
      expect(messages).toHaveLength(before.messages);
      for (const term of before.searchable) expect(before.accounts.flatMap((accountId) => store.search(accountId, term)).length, term).toBe(1);
      const outbox = store.listOutbox('acct-a').map((item) => item.clientId);
      expect(outbox).toEqual(before.outbox);
      const drafts = before.drafts.filter((draft) => [...before.accounts].some((accountId) => store.getDraft(accountId, draft.threadId).text === draft.text));
      expect(drafts).toEqual(before.drafts);
      if (before.theme) expect(store.getSettings().theme).toBe(before.theme);
      console.log(
        `faults: profile at schema version ${version} (${before.messages} messages) upgraded to ${MIGRATIONS.length}; ` +
          `kept: outbox ${outbox.length}/${before.outbox.length}, drafts ${drafts.length}/${before.drafts.length}, settings${before.theme ? '' : ' (none yet)'}, accounts ${before.accounts.length}/${before.accounts.length}`,
      );
    });
  }

  it('refuses a database from a newer Parley with a clear message and leaves the file byte for byte', () => {
    const path = join(directory(), 'newer.sqlite');
    const source = databaseAt(MIGRATIONS.length);
    const before = populateAt(source, MIGRATIONS.length);
    source.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    source.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(source.name, path);
    const bytes = readFileSync(path);

    let refusal: unknown;
    try {
      openCacheDatabase(path).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(NewerSchemaError);
    expect((refusal as Error).message).toMatch(/newer version of Parley.*left it untouched/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    const check = new Database(path, { readonly: true });
    expect(schemaVersion(check)).toBe(MIGRATIONS.length + 1);
    expect(check.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(before.messages);
    check.close();
    console.log(
      `faults: profile at schema version ${MIGRATIONS.length + 1} (newer than this Parley); refused: "${(refusal as Error).message}"; ` +
        `kept: outbox ${before.outbox.length}/${before.outbox.length}, drafts ${before.drafts.length}/${before.drafts.length}, settings, accounts ${before.accounts.length}/${before.accounts.length} (file unchanged)`,
    );
  });
});
