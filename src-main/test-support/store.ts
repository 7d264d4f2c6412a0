import { mkdtempSync, rmSync } from 'node:fs';
import { userMessageRecord } from './message-records.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCacheStore, type AccountRecord, type CacheStore, type MessageRecord } from '../store/cache-store.ts';
import { openCacheDatabase } from '../store/db.ts';

/** A fresh directory per test, removed after it. */
export function useTemporaryDirectory(): () => string {
  let directory: string | null = null;
  afterEach(() => {
    if (directory !== null) rmSync(directory, { recursive: true, force: true });
    directory = null;
  });
  return () => (directory ??= mkdtempSync(join(tmpdir(), 'parley-store-')));
}

/** Stores on real SQLite files in a temporary directory, closed after each test. */
export function useStores(): { open(file?: string, now?: () => number): CacheStore; path(file?: string): string } {
  const directory = useTemporaryDirectory();
  const opened: CacheStore[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) {
      try {
        store.close();
      } catch {
        // already closed by the test
      }
    }
  });
  const path = (file = 'cache.db') => join(directory(), file);
  return {
    path,
    open(file, now = () => 1_700_000_000_000) {
      const store = createCacheStore(openCacheDatabase(path(file)), { clock: { now, wallNow: now } });
      opened.push(store);
      return store;
    },
  };
}

export const ME = '8:acs:me';
export const ALICE = '8:acs:alice';

export function account(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return { id: 'acct-1', kind: 'token', displayName: 'Me', endpoint: 'https://example.communication.azure.com', userId: ME, createdAt: 1, ...overrides };
}

const BASE_TIME = 1_700_000_000_000;

/** A text message from Alice with sequence id `sequenceId`, created one second per sequence step. */
export function message(sequenceId: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return userMessageRecord({ sequenceId, createdOn: BASE_TIME + sequenceId * 1000, senderId: ALICE, senderDisplayName: 'Alice', content: `message ${sequenceId}`, ...overrides });
}
