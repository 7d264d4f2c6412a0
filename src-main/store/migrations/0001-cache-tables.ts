import type { Migration } from '../migrate.ts';

/**
 * What the service tells us, per account. Accounts hold no secret of any kind: tokens, keys and
 * connection strings live in the OS keychain only.
 *
 * Threads and messages get an integer `local_id` so that the large message table and its indexes
 * repeat a small integer instead of two long text ids. A message's `local_id` grows with its
 * creation time (see `messageLocalId`), which lets the search index return the newest hits first.
 */
export const cacheTables: Migration = {
  version: 1,
  name: 'cache-tables',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('token', 'connection-string', 'demo')),
        display_name TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE threads (
        local_id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        id TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        created_on INTEGER,
        created_by TEXT,
        deleted_on INTEGER,
        last_activity_at INTEGER,
        muted INTEGER NOT NULL DEFAULT 0,
        read_marker_sequence_id INTEGER NOT NULL DEFAULT 0,
        -- Kept by the store as messages arrive and the read marker moves: counting on every
        -- thread-list read would cost as much as the unread backlog.
        unread_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, id)
      ) STRICT;

      CREATE TABLE messages (
        local_id INTEGER PRIMARY KEY,
        thread_local_id INTEGER NOT NULL REFERENCES threads (local_id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        sequence_id INTEGER NOT NULL,
        version TEXT NOT NULL,
        type TEXT NOT NULL,
        sender_id TEXT,
        sender_name TEXT,
        content TEXT NOT NULL,
        topic TEXT,
        participants TEXT,
        initiator_id TEXT,
        metadata TEXT,
        created_on INTEGER NOT NULL,
        edited_on INTEGER,
        deleted_on INTEGER,
        client_id TEXT
      ) STRICT;
      CREATE UNIQUE INDEX messages_by_id ON messages (thread_local_id, id);
      CREATE INDEX messages_by_sequence ON messages (thread_local_id, sequence_id);
      CREATE INDEX messages_by_client_id ON messages (thread_local_id, client_id) WHERE client_id IS NOT NULL;

      CREATE TABLE participants (
        thread_local_id INTEGER NOT NULL REFERENCES threads (local_id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        display_name TEXT,
        share_history_time INTEGER,
        metadata TEXT,
        PRIMARY KEY (thread_local_id, user_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE read_receipts (
        thread_local_id INTEGER NOT NULL REFERENCES threads (local_id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        read_on INTEGER NOT NULL,
        PRIMARY KEY (thread_local_id, user_id)
      ) STRICT, WITHOUT ROWID;

      -- scope: 'threads' for the account's thread list, 'thread:<thread id>' for one thread's messages.
      CREATE TABLE sync_cursors (
        account_id TEXT NOT NULL,
        scope TEXT NOT NULL,
        synced_until INTEGER NOT NULL,
        last_full_scan_at INTEGER,
        PRIMARY KEY (account_id, scope)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
