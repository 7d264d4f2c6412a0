/**
 * How fast does the store take in fetched messages, against raw better-sqlite3 inserts of the same rows?
 *
 *   node src-main/store/ingest-study.ts [messageCount=100000]
 *
 * The rows arrive as a sync does: pages of 200, newest first, over several threads, each page one
 * call (one transaction). Raw baselines insert the same rows with one prepared INSERT per row in the
 * same transactions: into a bare table, into the cache's own tables and indexes, and into those
 * plus the search index. README.md records a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCacheStore, messageLocalId, type MessageRecord } from './cache-store.ts';
import { openCacheDatabase } from './db.ts';
import { searchDocumentOf } from './search-text.ts';
import { seededRandom, syntheticText } from './synthetic-corpus.ts';

const PAGE_SIZE = 200;
const THREADS = 20;
const START = Date.UTC(2025, 0, 1);

interface Page {
  threadId: string;
  threadLocalId: number;
  messages: MessageRecord[];
}

function syntheticPages(count: number): Page[] {
  const random = seededRandom(7);
  const perThread = Math.ceil(count / THREADS);
  const pages: Page[] = [];
  for (let thread = 0; thread < THREADS; thread += 1) {
    const messages = Array.from({ length: perThread }, (_, index): MessageRecord => {
      const createdOn = START + index * 60_000 + thread;
      const { content, type } = syntheticText(random);
      return {
        id: String(createdOn),
        sequenceId: index + 3,
        version: String(createdOn),
        type,
        senderId: random() < 0.3 ? '8:acs:me' : `8:acs:user-${Math.floor(random() * 8)}`,
        senderDisplayName: 'Someone',
        content,
        topic: null,
        participants: [],
        initiatorId: null,
        metadata: random() < 0.1 ? { parleyClientId: `client-${thread}-${index}` } : null,
        createdOn,
        editedOn: null,
        deletedOn: null,
      };
    });
    messages.reverse();
    for (let offset = 0; offset < messages.length; offset += PAGE_SIZE) {
      pages.push({ threadId: `19:thread-${thread}@thread.v2`, threadLocalId: thread + 1, messages: messages.slice(offset, offset + PAGE_SIZE) });
    }
  }
  return pages;
}

function rowValues(message: MessageRecord) {
  return [
    message.id,
    message.sequenceId,
    message.version,
    message.type,
    message.senderId,
    message.senderDisplayName,
    message.content,
    message.topic,
    message.participants.length === 0 ? null : JSON.stringify(message.participants),
    message.initiatorId,
    message.metadata === null ? null : JSON.stringify(message.metadata),
    message.createdOn,
    message.editedOn,
    message.deletedOn,
    message.metadata?.parleyClientId ?? null,
  ];
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

function rawBare(path: string, pages: Page[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE messages (thread_id TEXT, id TEXT, sequence_id INTEGER, version TEXT, type TEXT, sender_id TEXT, sender_name TEXT,
    content TEXT, topic TEXT, participants TEXT, initiator_id TEXT, metadata TEXT, created_on INTEGER, edited_on INTEGER, deleted_on INTEGER, client_id TEXT)`);
  const insert = db.prepare('INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPage = db.transaction((page: Page) => {
    for (const message of page.messages) insert.run(page.threadId, ...rowValues(message));
  });
  const seconds = timed(() => pages.forEach((page) => insertPage(page)));
  db.close();
  return seconds;
}

function rawSameSchema(path: string, pages: Page[], withSearch: boolean): number {
  const db = openCacheDatabase(path);
  const insertThread = db.prepare('INSERT INTO threads (local_id, account_id, id) VALUES (?, ?, ?)');
  for (let thread = 0; thread < THREADS; thread += 1) insertThread.run(thread + 1, 'acct', `19:thread-${thread}@thread.v2`);
  const insert = db.prepare(`INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic,
    participants, initiator_id, metadata, created_on, edited_on, deleted_on, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const index = db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)');
  const insertPage = db.transaction((page: Page) => {
    const entries: Array<[number, string]> = [];
    for (const message of page.messages) {
      const localId = messageLocalId(message.createdOn, message.sequenceId);
      insert.run(localId, page.threadLocalId, ...rowValues(message));
      if (withSearch) entries.push([localId, searchDocumentOf(message.type, message.content)]);
    }
    // Ascending row ids, as the store does: FTS5 flushes a segment whenever a row id goes down.
    for (const [localId, document] of entries.sort((a, b) => a[0] - b[0])) index.run(localId, document);
  });
  const seconds = timed(() => pages.forEach((page) => insertPage(page)));
  db.close();
  return seconds;
}

function throughStore(path: string, pages: Page[]): number {
  const store = createCacheStore(openCacheDatabase(path));
  store.upsertAccount({ id: 'acct', kind: 'demo', displayName: 'Me', endpoint: 'https://localhost', userId: '8:acs:me', createdAt: 0 });
  const seconds = timed(() => pages.forEach((page) => store.upsertMessages('acct', page.threadId, page.messages)));
  store.close();
  return seconds;
}

function main(): void {
  const count = Number(process.argv[2] ?? 100_000);
  const pages = syntheticPages(count);
  const total = pages.reduce((sum, page) => sum + page.messages.length, 0);
  const directory = mkdtempSync(join(tmpdir(), 'parley-ingest-study-'));
  try {
    // One warm-up pass so that every variant runs on compiled code.
    const warmUp = pages.slice(0, 10);
    rawBare(join(directory, 'warm-bare.db'), warmUp);
    rawSameSchema(join(directory, 'warm-raw.db'), warmUp, true);
    throughStore(join(directory, 'warm-store.db'), warmUp);

    const rows: Array<[string, number]> = [
      ['raw INSERT, bare table (no index)', rawBare(join(directory, 'bare.db'), pages)],
      ['raw INSERT, cache tables + indexes', rawSameSchema(join(directory, 'raw.db'), pages, false)],
      ['raw INSERT, cache tables + indexes + search', rawSameSchema(join(directory, 'raw-fts.db'), pages, true)],
      ['store.upsertMessages', throughStore(join(directory, 'store.db'), pages)],
    ];
    const storeRate = total / rows.at(-1)![1];
    console.log(`Ingest study: ${total} messages, ${THREADS} threads, pages of ${PAGE_SIZE} newest first, one transaction per page\n`);
    console.log(`${'variant'.padEnd(46)}${'seconds'.padStart(9)}${'msgs/s'.padStart(11)}${'store / this'.padStart(14)}`);
    for (const [name, seconds] of rows) {
      const rate = total / seconds;
      console.log(`${name.padEnd(46)}${seconds.toFixed(2).padStart(9)}${Math.round(rate).toString().padStart(11)}${`${((storeRate / rate) * 100).toFixed(0)}%`.padStart(14)}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
