import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate.ts';
import { isSearchable, searchDocumentOf } from '../search-text.ts';

/**
 * Full-text index over message text, row id = `messages.local_id`. Contentless (the text lives in
 * `messages`) with deletes allowed; a trigram tokenizer without positions: README.md has the study.
 * Messages already cached are indexed here.
 */
export const SEARCH_AUTOMERGE = 8;

/** Adds every searchable cached message to `message_search`, as `searchDocumentOf` writes it today. */
export function indexCachedMessages(db: Database): void {
  const insert = db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)');
  // In batches: better-sqlite3 allows no write while a statement is being iterated.
  const batch = db.prepare('SELECT local_id, type, content, deleted_on FROM messages WHERE local_id > ? ORDER BY local_id LIMIT 1000');
  for (let after = -1; ;) {
    const rows = batch.all(after) as Array<{ local_id: number; type: string; content: string; deleted_on: number | null }>;
    for (const row of rows) {
      if (isSearchable(row.type, row.deleted_on)) insert.run(row.local_id, searchDocumentOf(row.type, row.content));
    }
    if (rows.length === 0) break;
    after = rows.at(-1)!.local_id;
  }
}

export const messageSearch: Migration = {
  version: 3,
  name: 'message-search',
  up(db) {
    db.exec(`CREATE VIRTUAL TABLE message_search USING fts5(
      text, content='', contentless_delete=1, tokenize='trigram', detail=none
    )`);
    // Every synced page is its own transaction, so its own small segment: merging them 8 at a
    // time instead of 4 halves the ingest cost (README.md) and leaves searches as fast.
    db.exec(`INSERT INTO message_search (message_search, rank) VALUES ('automerge', ${SEARCH_AUTOMERGE})`);
    indexCachedMessages(db);
  },
};
