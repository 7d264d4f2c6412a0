import type { Migration } from '../migrate.ts';

/** `messages.attachments`: the files and images a message carries (JSON, null for none); older rows have none. */
export const messageAttachments: Migration = {
  version: 7,
  name: 'message-attachments',
  up(db) {
    db.exec('ALTER TABLE messages ADD COLUMN attachments TEXT CHECK (attachments IS NULL OR json_valid(attachments))');
  },
};
