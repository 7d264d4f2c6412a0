import { describe, expect, it } from 'vitest';
import { migrateToLatest, useDatabaseAt } from '../../test-support/migrations.ts';

describe('migration 5: message mentions', () => {
  const databaseAt = useDatabaseAt();

  it('marks the cached messages that mention the account’s own user, and only those', () => {
    const db = databaseAt(4);
    db.prepare("INSERT INTO accounts (id, kind, display_name, endpoint, user_id, created_at) VALUES ('a', 'token', 'Mina', 'https://x.example/', '8:acs:me', 0)").run();
    db.prepare("INSERT INTO threads (account_id, id) VALUES ('a', 't')").run();
    const insert = db.prepare("INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, content, created_on) VALUES (?, 1, ?, ?, '1', ?, ?, 0)");
    insert.run(10, 'm1', 1, 'html', '<p>Hi <msft-mention id="8:acs:me">Mina</msft-mention></p>');
    insert.run(11, 'm2', 2, 'html', '<p>Hi <msft-mention id="8:acs:someone-else">Bo</msft-mention></p>');
    insert.run(12, 'm3', 3, 'text', '<msft-mention id="8:acs:me">typed as text</msft-mention>');
    insert.run(13, 'm4', 4, 'html', '<p>8:acs:me named without a mention</p>');
    migrateToLatest(db);
    expect(db.prepare('SELECT local_id FROM messages WHERE mentions_me = 1 ORDER BY local_id').pluck().all()).toEqual([10]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'messages_mentions_me'").pluck().get()).toBe('messages_mentions_me');
  });
});
