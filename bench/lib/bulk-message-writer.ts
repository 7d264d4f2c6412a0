/**
 * The cache store's message writes for building a bench profile, with the search index written once at
 * the end instead of page by page.
 *
 * Written page by page, the index cost ~55% of a profile's build (a CPU profile of the generator: FTS5
 * flushing a segment at every commit and at every row id below the one before, then merging them). Here
 * the store's own `upsertMessages` runs unchanged (same rows, same row ids, same unread counts) against
 * a search index that only notes each entry (`entryOf` is the store's: the same documents), and
 * `writeIndex` then hands them to the store's index in one pass, in row-id order, in one transaction:
 * FTS5 writes them as a few large segments. The index ends up holding the same documents under the same
 * row ids as if they had been written as they came (the unit test compares both ways).
 */
import { ownUserIdReader } from '../../src-main/store/cache-store-accounts.ts';
import { createMessageStore, type MessageStore } from '../../src-main/store/cache-store-messages.ts';
import { createSearchStore, type SearchEntry, type SearchIndex } from '../../src-main/store/cache-store-search.ts';
import { createThreadStore } from '../../src-main/store/cache-store-threads.ts';
import type { CacheDatabase } from '../../src-main/store/db.ts';

export interface BulkMessageWriter {
  /** The store's `upsertMessages`, its index entries held back until `writeIndex`. */
  upsertMessages: MessageStore['upsertMessages'];
  /** Writes every held-back entry to the search index (row-id order, one transaction); answers how many. */
  writeIndex(): number;
}

export function createBulkMessageWriter(db: CacheDatabase): BulkMessageWriter {
  const search = createSearchStore(db);
  const ownUserIdOf = ownUserIdReader(db);
  const pending = new Map<number, string>();
  const heldBack: SearchIndex = {
    entryOf: search.index.entryOf,
    add: (entries) => {
      for (const [localId, document] of entries) {
        // Two documents under one row id would be two index entries for one message (the store removes first).
        if (pending.has(localId)) throw new Error(`search entry ${localId} added twice`);
        pending.set(localId, document);
      }
    },
    // Every entry is still held back: removing one is forgetting it.
    remove: (localId) => {
      pending.delete(localId);
    },
    removeThread: () => {
      throw new Error('a profile build removes no thread');
    },
  };
  const threads = createThreadStore(db, { ownUserIdOf, unindexThread: heldBack.removeThread });
  const messages = createMessageStore(db, { threads: threads.rows, searchIndex: heldBack, ownUserIdOf });
  return {
    upsertMessages: messages.upsertMessages,
    writeIndex: () => {
      const entries: SearchEntry[] = [...pending];
      pending.clear();
      // `add` sorts by row id, so FTS5 appends to one growing segment instead of flushing at every step back.
      db.transaction(() => search.index.add(entries))();
      return entries.length;
    },
  };
}
