import type { Migration } from '../migrate.ts';
import { mentionedRawIds } from '../../text/html-to-text.ts';

/**
 * `messages.mentions_me`: the message mentions the account's own user (ACS UI Library `<msft-mention>`), so the
 * thread list can count unread mentions apart, cheaply, through a partial index. Messages already cached are
 * read once here.
 */
export const messageMentions: Migration = {
  version: 5,
  name: 'message-mentions',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN mentions_me INTEGER NOT NULL DEFAULT 0');
    db.exec('CREATE INDEX messages_mentions_me ON messages (thread_local_id, sequence_id) WHERE mentions_me = 1');
    const candidates = db
      .prepare(
        `SELECT m.local_id, m.content, a.user_id FROM messages m
         JOIN threads t ON t.local_id = m.thread_local_id JOIN accounts a ON a.id = t.account_id
         WHERE m.type = 'html' AND m.content LIKE '%msft-mention%'`,
      )
      .all() as Array<{ local_id: number; content: string; user_id: string }>;
    const mark = db.prepare('UPDATE messages SET mentions_me = 1 WHERE local_id = ?');
    for (const row of candidates) if (mentionedRawIds(row.content).includes(row.user_id)) mark.run(row.local_id);
  },
};
