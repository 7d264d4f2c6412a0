import type { Migration } from '../migrate.ts';

/**
 * SDK 1.6: a thread's metadata and retention policy (JSON; null until the thread's properties are
 * read), and each participant's identifier kind. The kind is filled from the raw id for people cached
 * before it was stored, by the prefixes `createIdentifierFromRawId` reads (a row synced later gets
 * the SDK's own reading), so that offline reading labels them at once.
 */
export const threadProperties: Migration = {
  version: 6,
  name: 'thread-properties',
  up(db) {
    db.exec(`
      ALTER TABLE threads ADD COLUMN metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata));
      ALTER TABLE threads ADD COLUMN retention_policy TEXT CHECK (retention_policy IS NULL OR json_valid(retention_policy));
      ALTER TABLE participants ADD COLUMN kind TEXT NOT NULL DEFAULT 'unknown'
        CHECK (kind IN ('acs-user', 'teams-user', 'teams-visitor', 'teams-extension-user', 'phone', 'bot', 'unknown'));
      UPDATE participants SET kind = CASE
        WHEN user_id LIKE '4:%' THEN 'phone'
        WHEN user_id LIKE '8:acs:%' OR user_id LIKE '8:spool:%' OR user_id LIKE '8:dod-acs:%' OR user_id LIKE '8:gcch-acs:%' THEN 'acs-user'
        WHEN user_id LIKE '8:teamsvisitor:%' THEN 'teams-visitor'
        WHEN user_id LIKE '8:orgid:%' OR user_id LIKE '8:dod:%' OR user_id LIKE '8:gcch:%' THEN 'teams-user'
        WHEN user_id LIKE '28:%' THEN 'bot'
        ELSE 'unknown'
      END;
    `);
  },
};
