import { systemClock, type Clock } from '../base/clock.ts';
import type { CacheDatabase } from './db.ts';
import { createAccountStore, ownUserIdReader, type AccountStore } from './cache-store-accounts.ts';
import { createLocalStore, type LocalStore } from './cache-store-local.ts';
import { createMessageStore, type MessageStore } from './cache-store-messages.ts';
import { createSearchStore, type SearchStore } from './cache-store-search.ts';
import { createThreadStore, type ThreadStore } from './cache-store-threads.ts';

export type {
  AccountRecord,
  CursorScope,
  JsonValue,
  MessageQuery,
  MessageRecord,
  OutboxPatch,
  ParticipantRecord,
  SyncCursor,
  ThreadRecord,
  UpsertMessagesResult,
} from './cache-store-records.ts';
export { DEFAULT_PAGE_SIZE, DEFAULT_SEARCH_LIMIT, MAX_PAGE_SIZE, MAX_SEARCH_LIMIT, THREADS_CURSOR_SCOPE } from './cache-store-records.ts';
export { messageLocalId } from './cache-store-messages.ts';

/**
 * The local cache: one interface over modules that each own a concern and its SQL (accounts,
 * threads, messages, search, local state), composed by `createCacheStore`.
 */
export interface CacheStore extends AccountStore, ThreadStore, MessageStore, SearchStore, LocalStore {
  /**
   * Without `purgeCache` only the account row goes: its cached threads and messages stay, keyed
   * by account id, and reappear when the same account is added again. With it, every row of the
   * account goes too (threads, messages and their index entries, outbox, drafts, cursors, settings).
   */
  deleteAccount(id: string, options: { purgeCache: boolean }): void;
  /** Forgets the thread and everything in it (messages, participants, receipts, cursor, draft, outbox). */
  removeThread(accountId: string, threadId: string): void;
  close(): void;
}

export interface CacheStoreOptions {
  clock?: Clock;
}

export function createCacheStore(db: CacheDatabase, options: CacheStoreOptions = {}): CacheStore {
  const ownUserIdOf = ownUserIdReader(db);
  const search = createSearchStore(db);
  const threads = createThreadStore(db, { ownUserIdOf, unindexThread: search.index.removeThread });
  const messages = createMessageStore(db, { threads: threads.rows, searchIndex: search.index, ownUserIdOf });
  const local = createLocalStore(db, options.clock ?? systemClock);
  const accounts = createAccountStore(db, { ownUserIdOf, recountUnread: threads.rows.recountUnread });

  // Removal crosses concerns: a thread's rows live in the thread, search and local-state modules.
  const removeThreadRows = (accountId: string, threadId: string) => {
    threads.rows.removeThreadRows(accountId, threadId);
    local.rows.removeThreadRows(accountId, threadId);
  };

  const purgeAccount = db.transaction((accountId: string) => {
    for (const threadId of threads.rows.threadIdsOf(accountId)) removeThreadRows(accountId, threadId);
    threads.rows.removeAccountCursors(accountId);
    local.rows.removeAccountRows(accountId);
    accounts.deleteAccountRow(accountId);
  });

  return {
    ...accounts.store,
    ...threads.store,
    ...messages,
    ...search.store,
    ...local.store,
    deleteAccount: (id, { purgeCache }) => {
      if (purgeCache) purgeAccount(id);
      else accounts.deleteAccountRow(id);
    },
    removeThread: db.transaction(removeThreadRows),
    close: () => db.close(),
  };
}
