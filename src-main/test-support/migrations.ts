import { join } from 'node:path';
import Database from 'better-sqlite3';
import { indexCachedMessages } from '../store/migrations/0003-message-search.ts';
import { afterEach } from 'vitest';
import { runMigrations } from '../store/migrate.ts';
import { useTemporaryDirectory } from './store.ts';
import { MIGRATIONS } from '../store/migrations/index.ts';

/** A raw database file migrated to `version` (0: empty), closed after the test. */
export function useDatabaseAt(): (version: number) => Database.Database {
  const directory = useTemporaryDirectory();
  const opened: Database.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return (version) => {
    const db = new Database(join(directory(), `v${version}-${opened.length}.db`));
    db.pragma('foreign_keys = ON');
    opened.push(db);
    runMigrations(db, MIGRATIONS.slice(0, version));
    return db;
  };
}

export function migrateToLatest(db: Database.Database): number {
  return runMigrations(db, MIGRATIONS);
}

export function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

export function indexNames(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_index_list(?) ORDER BY name`).pluck().all(table) as string[]).filter((name) => !name.startsWith('sqlite_autoindex'));
}

export function columnNames(db: Database.Database, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

/** The full schema text: equal before and after a second run means the run changed nothing. */
export function schemaText(db: Database.Database): string {
  return (db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as Array<{ sql: string | null }>).map((row) => JSON.stringify(row)).join('\n');
}

/** What `populateAt` wrote, so a test can check that every piece survives the upgrade. */
export interface ProfileContents {
  accounts: string[];
  threads: string[];
  /** Text of the messages a search must find after the upgrade (user messages, not deleted). */
  searchable: string[];
  messages: number;
  outbox: string[];
  drafts: Array<{ threadId: string; text: string }>;
  theme: string | null;
}

/**
 * Fills a database at schema `version` the way that version of Parley did (raw SQL against that
 * version's tables), so each migration is run over real data rather than an empty file.
 */
export function populateAt(db: Database.Database, version: number): ProfileContents {
  const contents: ProfileContents = { accounts: [], threads: [], searchable: [], messages: 0, outbox: [], drafts: [], theme: null };
  if (version >= 1) {
    db.prepare("INSERT INTO accounts VALUES ('acct-a', 'token', 'Mina', 'https://a.example', '8:acs:mina', 1), ('acct-b', 'demo', 'Demo', '', '', 2)").run();
    contents.accounts = ['acct-a', 'acct-b'];
    db.prepare(
      "INSERT INTO threads (local_id, account_id, id, topic, last_activity_at) VALUES (1, 'acct-a', '19:plans', 'Plans', 5000), (2, 'acct-b', '19:demo', 'Demo', 4000)",
    ).run();
    contents.threads = ['19:plans', '19:demo'];
    const insert = db.prepare(
      `INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, sender_id, sender_name, content, created_on, deleted_on)
       VALUES (?, ?, ?, ?, '1', ?, '8:acs:alice', 'Alice', ?, ?, ?)`,
    );
    const rows: Array<[number, number, string, number, string, string, number, number | null]> = [
      [1_024_001, 1, 'm1', 1, 'text', 'deployment tomorrow', 1000, null],
      [1_024_002, 1, 'm2', 2, 'html', '<p>회의록 <b>공유</b></p>', 2000, null],
      [1_024_003, 1, 'm3', 3, 'text', 'withdrawn words', 3000, 3500],
      [1_024_004, 2, 'm4', 1, 'text', 'demo greeting', 4000, null],
    ];
    for (const row of rows) insert.run(...row);
    contents.messages = rows.length;
    contents.searchable = ['deployment', '공유', 'greeting'];
    db.prepare("INSERT INTO participants (thread_local_id, user_id, display_name) VALUES (1, '8:acs:alice', 'Alice'), (1, '8:acs:mina', 'Mina')").run();
    db.prepare("INSERT INTO read_receipts VALUES (1, '8:acs:alice', 'm2', 2500)").run();
    db.prepare("INSERT INTO sync_cursors VALUES ('acct-a', 'threads', 5000, 5000)").run();
    // A real profile of version 3 or later has its messages in the search index, as the store writes them.
    if (version >= 3) indexCachedMessages(db);
  }
  if (version >= 2) {
    const outbox = db.prepare(
      "INSERT INTO outbox (client_id, account_id, thread_id, content, type, sender_name, state, created_at) VALUES (?, 'acct-a', '19:plans', ?, 'text', 'Mina', ?, ?)",
    );
    outbox.run('client-1', 'not sent yet', 'queued', 6000);
    outbox.run('client-2', 'refused once', 'failed', 7000);
    contents.outbox = ['client-1', 'client-2'];
    db.prepare("INSERT INTO drafts VALUES ('acct-a', '19:plans', 'half a thought', 8000), ('acct-b', '19:demo', '반쯤 쓴 글', 9000)").run();
    contents.drafts = [
      { threadId: '19:plans', text: 'half a thought' },
      { threadId: '19:demo', text: '반쯤 쓴 글' },
    ];
    db.prepare(`INSERT INTO settings (account_id, name, value) VALUES ('', 'settings', '{"theme":"dark","pollSpeed":"fast"}'), ('', 'activeAccountId', '"acct-a"')`).run();
    contents.theme = 'dark';
  }
  return contents;
}
