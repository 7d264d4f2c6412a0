import type { Migration } from '../migrate.ts';

/**
 * The thread list's order (newest activity first, then id) as an index, so that its first page is read
 * from the top of the index: start-up reads a page of threads, however many the account has.
 */
export const threadActivityOrder: Migration = {
  version: 9,
  name: 'thread-activity-order',
  up(db) {
    db.exec('CREATE INDEX threads_by_activity ON threads (account_id, coalesce(last_activity_at, created_on, 0) DESC, id) WHERE deleted_on IS NULL');
  },
};
