import type { Migration } from '../migrate.ts';
import { indexCachedMessages } from './0003-message-search.ts';

/**
 * The index documents gained a key per word's first letter or digit (`search-text.ts`), so that
 * one-character terms ("zebracorn 7", "plan b") can be searched: messages already cached are indexed again.
 */
export const searchWordKeys: Migration = {
  version: 4,
  name: 'search-word-keys',
  up(db) {
    db.exec(`INSERT INTO message_search (message_search) VALUES ('delete-all')`);
    indexCachedMessages(db);
  },
};
