/**
 * Ingest of fetched messages into the cache: `store.upsertMessages`, pages of 200 newest first (as a
 * sync brings them), one call per page, against raw better-sqlite3 inserts of the very same rows.
 *
 * Raw variant: one prepared `INSERT` per row (positional parameters, `.run()`), one transaction per
 * page of 200, WAL + synchronous=NORMAL, no conflict handling and no reads:
 *   - "same schema": into Parley's own tables and indexes (the migrated cache file), plus the same
 *     search index entries (`message_search`, documents built by the same `searchDocumentOf`, added
 *     in ascending row id as the store does): the work the data requires, minus the store's logic;
 *   - "bare table": into one table with no index, no key, no search.
 * PASS is judged on the same-schema ratio (see RESULTS.md). Rounds alternate the variants and each
 * keeps its best time, to damp the noise of a shared machine.
 *
 *   node bench/ingest.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCacheStore, messageLocalId, type MessageRecord } from '../src-main/store/cache-store.ts';
import { openCacheDatabase } from '../src-main/store/db.ts';
import { searchDocumentOf } from '../src-main/store/search-text.ts';
import { seededRandom, syntheticText } from './lib/synthetic-corpus.ts';
import { count, figure, note, runScript, size } from './lib/common.ts';

const PAGE = 200;
const THREADS = 20;
const START = Date.UTC(2025, 0, 1);

interface Page {
  threadId: string;
  threadLocalId: number;
  messages: MessageRecord[];
}

function pagesOf(total: number): Page[] {
  const random = seededRandom(99);
  const perThread = Math.ceil(total / THREADS);
  const pages: Page[] = [];
  for (let thread = 0; thread < THREADS; thread += 1) {
    const messages = Array.from({ length: perThread }, (_, index): MessageRecord => {
      const createdOn = START + index * 60_000 + thread;
      const { content, type } = syntheticText(random);
      const own = random() < 0.3;
      return {
        id: String(createdOn),
        sequenceId: index + 3,
        version: String(createdOn),
        type,
        senderId: own ? '8:acs:me' : `8:acs:user-${Math.floor(random() * 8)}`,
        senderDisplayName: own ? 'Me' : 'Someone',
        content,
        topic: null,
        participants: [],
        initiatorId: null,
        metadata: own && random() < 0.3 ? { parleyClientId: `client-${thread}-${index}` } : null,
        createdOn,
        editedOn: null,
        deletedOn: null,
      };
    });
    messages.reverse(); // the service lists newest first
    for (let offset = 0; offset < messages.length; offset += PAGE) {
      pages.push({ threadId: `19:ingest-${thread}@thread.v2`, threadLocalId: thread + 1, messages: messages.slice(offset, offset + PAGE) });
    }
  }
  return pages;
}

function values(message: MessageRecord): unknown[] {
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
  return performance.now() - started;
}

function rawBare(path: string, pages: Page[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE messages (thread_id TEXT, id TEXT, sequence_id INTEGER, version TEXT, type TEXT, sender_id TEXT, sender_name TEXT, content TEXT,
    topic TEXT, participants TEXT, initiator_id TEXT, metadata TEXT, created_on INTEGER, edited_on INTEGER, deleted_on INTEGER, client_id TEXT)`);
  const insert = db.prepare('INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPage = db.transaction((page: Page) => {
    for (const message of page.messages) insert.run(page.threadId, ...values(message));
  });
  const elapsed = timed(() => pages.forEach((page) => insertPage(page)));
  db.close();
  return elapsed;
}

function rawSameSchema(path: string, pages: Page[]): number {
  const db = openCacheDatabase(path);
  const insertThread = db.prepare("INSERT INTO threads (local_id, account_id, id) VALUES (?, 'acct', ?)");
  for (let thread = 0; thread < THREADS; thread += 1) insertThread.run(thread + 1, `19:ingest-${thread}@thread.v2`);
  const insert = db.prepare(`INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic,
    participants, initiator_id, metadata, created_on, edited_on, deleted_on, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const index = db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)');
  const insertPage = db.transaction((page: Page) => {
    const entries: Array<[number, string]> = [];
    for (const message of page.messages) {
      const localId = messageLocalId(message.createdOn, message.sequenceId);
      insert.run(localId, page.threadLocalId, ...values(message));
      entries.push([localId, searchDocumentOf(message.type, message.content)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [localId, document] of entries) index.run(localId, document);
  });
  const elapsed = timed(() => pages.forEach((page) => insertPage(page)));
  db.close();
  return elapsed;
}

function throughStore(path: string, pages: Page[]): number {
  const store = createCacheStore(openCacheDatabase(path));
  store.upsertAccount({ id: 'acct', kind: 'token', displayName: 'Me', endpoint: 'https://localhost/', userId: '8:acs:me', createdAt: 0 });
  const elapsed = timed(() => pages.forEach((page) => store.upsertMessages('acct', page.threadId, page.messages)));
  store.close();
  return elapsed;
}

runScript('ingest', async () => {
  const total = size(50_000, 10_000);
  const rounds = size(2, 1);
  const pages = pagesOf(total);
  const messages = pages.reduce((sum, page) => sum + page.messages.length, 0);
  const directory = mkdtempSync(join(tmpdir(), 'parley-bench-ingest-'));
  const best = { bare: Infinity, same: Infinity, store: Infinity };
  try {
    // Warm-up: every variant on compiled code.
    const warm = pages.slice(0, 5);
    rawBare(join(directory, 'w1.db'), warm);
    rawSameSchema(join(directory, 'w2.db'), warm);
    throughStore(join(directory, 'w3.db'), warm);
    for (let round = 0; round < rounds; round += 1) {
      const order: Array<keyof typeof best> = round % 2 === 0 ? ['store', 'same', 'bare'] : ['bare', 'same', 'store'];
      for (const variant of order) {
        const path = join(directory, `${variant}-${round}.db`);
        const elapsed = variant === 'bare' ? rawBare(path, pages) : variant === 'same' ? rawSameSchema(path, pages) : throughStore(path, pages);
        best[variant] = Math.min(best[variant], elapsed);
        rmSync(path, { force: true });
        rmSync(`${path}-wal`, { force: true });
        rmSync(`${path}-shm`, { force: true });
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const rate = (elapsedMs: number) => Math.round(messages / (elapsedMs / 1000));
  const sameRatio = best.same / best.store;
  const bareRatio = best.bare / best.store;
  figure({
    name: 'ingest, store vs raw same schema (tables+indexes+search)',
    measured: `${count(rate(best.store))} msg/s = ${(sameRatio * 100).toFixed(0)}% of raw`,
    target: '>= 50% of raw',
    baseline: `raw ${count(rate(best.same))} msg/s`,
    pass: sameRatio >= 0.5,
  });
  figure({
    name: 'ingest, store vs raw bare table (no index, no search; informative)',
    measured: `${count(rate(best.store))} msg/s = ${(bareRatio * 100).toFixed(0)}% of raw`,
    target: 'report',
    baseline: `raw ${count(rate(best.bare))} msg/s`,
    pass: true,
  });
  note(`${count(messages)} messages, ${THREADS} threads, pages of ${PAGE} newest first, one transaction per page; best of ${rounds} round(s)`);
});
