import type { Migration } from '../migrate.ts';

/**
 * What the user made on this machine: unsent messages, drafts, settings. Keyed by the service's
 * text ids rather than by a cached thread row, so they survive the thread's cache being rebuilt.
 */
export const localState: Migration = {
  version: 2,
  name: 'local-state',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        client_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        content TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('text', 'html')),
        sender_name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'failed')),
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_by_thread ON outbox (account_id, thread_id, created_at);
      CREATE INDEX outbox_by_age ON outbox (created_at);

      CREATE TABLE drafts (
        account_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, thread_id)
      ) STRICT, WITHOUT ROWID;

      -- account_id '' holds the global settings.
      CREATE TABLE settings (
        account_id TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        PRIMARY KEY (account_id, name)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
