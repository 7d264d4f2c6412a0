import type { AccountKind } from '../../src-preload/contract.ts';
import type { CacheDatabase } from './db.ts';
import type { AccountRecord } from './cache-store-records.ts';

export interface AccountStore {
  upsertAccount(record: AccountRecord): void;
  listAccounts(): AccountRecord[];
  getAccount(id: string): AccountRecord | null;
}

interface AccountRow {
  id: string;
  kind: AccountKind;
  display_name: string;
  endpoint: string;
  user_id: string;
  created_at: number;
}

const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  kind: row.kind,
  displayName: row.display_name,
  endpoint: row.endpoint,
  userId: row.user_id,
  createdAt: row.created_at,
});

/** The account's user id (what makes a message "own"), or null for an unknown account. */
export function ownUserIdReader(db: CacheDatabase): (accountId: string) => string | null {
  const ownUserId = db.prepare('SELECT user_id FROM accounts WHERE id = ?').pluck();
  return (accountId) => (ownUserId.get(accountId) as string | undefined) ?? null;
}

export function createAccountStore(
  db: CacheDatabase,
  uses: { ownUserIdOf: (accountId: string) => string | null; recountUnread: (accountId: string, ownUserId: string) => void },
): { store: AccountStore; deleteAccountRow(id: string): void } {
  const statements = {
    upsertAccount: db.prepare(`
      INSERT INTO accounts (id, kind, display_name, endpoint, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
        endpoint = excluded.endpoint, user_id = excluded.user_id`),
    listAccounts: db.prepare('SELECT * FROM accounts ORDER BY created_at, id'),
    getAccount: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    deleteAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
  };

  const store: AccountStore = {
    upsertAccount: db.transaction((record: AccountRecord) => {
      const previousUserId = uses.ownUserIdOf(record.id);
      statements.upsertAccount.run(record.id, record.kind, record.displayName, record.endpoint, record.userId, record.createdAt);
      // Unread counts exclude the account's own messages: recount when "own" changes meaning.
      if (previousUserId !== record.userId) uses.recountUnread(record.id, record.userId);
    }),
    listAccounts: () => (statements.listAccounts.all() as AccountRow[]).map(toAccount),
    getAccount: (id) => {
      const row = statements.getAccount.get(id) as AccountRow | undefined;
      return row === undefined ? null : toAccount(row);
    },
  };
  return {
    store,
    deleteAccountRow: (id) => {
      statements.deleteAccount.run(id);
    },
  };
}
