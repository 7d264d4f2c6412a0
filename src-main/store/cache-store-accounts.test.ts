import { readFileSync } from 'node:fs';
import { localPathFor } from './db.ts';
import { LOCAL_SCHEMA } from './migrations/0008-precious-state.ts';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AccountRecord, CacheStore } from './cache-store.ts';
import { ALICE, account, message, useStores } from '../test-support/store.ts';

/** Every kind of row an account can own. */
function populate(store: CacheStore, accountId: string): void {
  store.upsertAccount(account({ id: accountId }));
  store.upsertThreads(accountId, [{ id: 'shared-thread-id', topic: 'Topic' }]);
  store.upsertMessages(accountId, 'shared-thread-id', [message(3, { content: `searchable ${accountId}` }), message(4)]);
  store.replaceParticipants(accountId, 'shared-thread-id', [{ userId: ALICE, kind: 'acs-user', displayName: 'Alice', shareHistoryTime: null, metadata: null }]);
  store.upsertReadReceipts(accountId, 'shared-thread-id', [{ userId: ALICE, messageId: message(3).id, readOn: 1 }]);
  store.setCursor(accountId, 'threads', { syncedUntil: 1 });
  store.setCursor(accountId, 'shared-thread-id', { syncedUntil: 1 });
  store.enqueueOutbox({ accountId, threadId: 'shared-thread-id', clientId: `c-${accountId}`, content: 'x', type: 'text', senderDisplayName: 'Me', createdAt: 1 });
  store.saveDraft(accountId, 'shared-thread-id', { text: 'draft', format: 'text' });
  store.setValue('collapsed', true, accountId);
}

/** Row counts per table for one account, read straight from the file. */
function rowsOf(path: string, accountId: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  db.prepare(`ATTACH DATABASE ? AS ${LOCAL_SCHEMA}`).run(localPathFor(path));
  const count = (sql: string) => db.prepare(sql).pluck().get(accountId) as number;
  const inThread = (table: string) => count(`SELECT count(*) FROM ${table} JOIN threads t ON t.local_id = thread_local_id WHERE t.account_id = ?`);
  const counts = {
    accounts: count('SELECT count(*) FROM accounts WHERE id = ?'),
    threads: count('SELECT count(*) FROM threads WHERE account_id = ?'),
    messages: inThread('messages'),
    participants: inThread('participants'),
    read_receipts: inThread('read_receipts'),
    sync_cursors: count('SELECT count(*) FROM sync_cursors WHERE account_id = ?'),
    outbox: count('SELECT count(*) FROM outbox WHERE account_id = ?'),
    drafts: count('SELECT count(*) FROM drafts WHERE account_id = ?'),
    settings: count('SELECT count(*) FROM settings WHERE account_id = ?'),
  };
  db.close();
  return counts;
}

function indexedRowCount(path: string): number {
  const db = new Database(path, { readonly: true });
  const total = db.prepare(`SELECT count(*) FROM message_search WHERE message_search MATCH '"mes" OR "sea"'`).pluck().get() as number;
  db.close();
  return total;
}

describe('cache store: removing accounts', () => {
  const stores = useStores();

  it('purges every row of the account, its index entries included, and nothing of another', () => {
    const store = stores.open();
    populate(store, 'leaving');
    populate(store, 'staying');
    const before = rowsOf(stores.path(), 'staying');
    expect(Object.values(before).every((rows) => rows > 0)).toBe(true);
    expect(indexedRowCount(stores.path())).toBe(4);

    store.deleteAccount('leaving', { purgeCache: true });
    expect(store.search('leaving', 'searchable')).toEqual([]);
    expect(store.search('staying', 'searchable').map((hit) => hit.accountId)).toEqual(['staying']);
    store.close();

    expect(Object.values(rowsOf(stores.path(), 'leaving')).every((rows) => rows === 0)).toBe(true);
    expect(rowsOf(stores.path(), 'staying')).toEqual(before);
    expect(indexedRowCount(stores.path())).toBe(2);
  });

  it('without purge forgets the account but keeps its cache for when it comes back', () => {
    const store = stores.open();
    populate(store, 'returning');
    store.deleteAccount('returning', { purgeCache: false });
    expect(store.listAccounts()).toEqual([]);
    expect(store.getAccount('returning')).toBeNull();
    store.upsertAccount(account({ id: 'returning' }));
    expect(store.listThreads('returning')).toHaveLength(1);
    expect(store.search('returning', 'searchable')).toHaveLength(1);
  });

  it('never writes a secret to the file, even when one is passed along', () => {
    const secret = 'endpoint=https://x/;accesskey=c2VjcmV0LXNob3VsZC1uZXZlci1sZWFr';
    const store = stores.open();
    store.upsertAccount({ ...account(), token: secret, accessKey: secret, connectionString: secret } as AccountRecord);
    store.close();
    const bytes = Buffer.concat([readFileSync(stores.path()), readFileSync(localPathFor(stores.path()))]);
    expect(bytes.includes(Buffer.from('c2VjcmV0LXNob3VsZC1uZXZlci1sZWFr'))).toBe(false);
    expect(bytes.includes(Buffer.from(account().endpoint))).toBe(true);
  });
});

describe('cache store: accounts', () => {
  const stores = useStores();

  it('adds, updates, lists and gets accounts', () => {
    const store = stores.open();
    store.upsertAccount(account({ id: 'b', createdAt: 2 }));
    store.upsertAccount(account({ id: 'a', createdAt: 3, kind: 'demo' }));
    store.upsertAccount(account({ id: 'b', createdAt: 99, displayName: 'Renamed' }));
    expect(store.listAccounts().map((entry) => [entry.id, entry.displayName, entry.createdAt])).toEqual([
      ['b', 'Renamed', 2],
      ['a', 'Me', 3],
    ]);
    expect(store.getAccount('a')).toEqual(account({ id: 'a', createdAt: 3, kind: 'demo' }));
    expect(store.getAccount('missing')).toBeNull();
  });
});
