/**
 * Read paths at scale: thread list, thread opening and search over a large cache.
 *
 *   node bench/studies/scale-study.ts [messageCount=1000000] [threadCount=1000] [keepAt.db]
 *
 * With a third argument the database is kept there, and reused (not refilled) if it exists.
 * One thread holds a tenth of the messages (100,000 at the default size); the rest are spread
 * over the other threads. Everything is written through the store (unread counters included).
 * README.md records a run.
 */
import { userMessageRecord } from '../../src-main/test-support/message-records.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCacheStore, type CacheStore, type MessageRecord } from '../../src-main/store/cache-store.ts';
import { openCacheDatabase } from '../../src-main/store/db.ts';
import { seededRandom, syntheticText } from '../lib/synthetic-corpus.ts';

const ACCOUNT = 'acct';
const ME = '8:acs:me';
const START = Date.UTC(2024, 0, 1);
const BATCH = 1000;

function threadId(index: number): string {
  return `19:thread-${index}@thread.v2`;
}

function fill(store: CacheStore, messageCount: number, threadCount: number): void {
  const random = seededRandom(11);
  const bigThreadMessages = Math.floor(messageCount / 10);
  const perOtherThread = Math.floor((messageCount - bigThreadMessages) / (threadCount - 1));
  store.upsertThreads(
    ACCOUNT,
    Array.from({ length: threadCount }, (_, index) => ({ id: threadId(index), topic: `Thread ${index}`, createdOn: START })),
  );
  for (let thread = 0; thread < threadCount; thread += 1) {
    const count = thread === 0 ? bigThreadMessages : perOtherThread;
    for (let offset = 0; offset < count; offset += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, count - offset) }, (_, index): MessageRecord => {
        const sequence = offset + index;
        const createdOn = START + sequence * 30_000 + thread * 7;
        const { content, type } = syntheticText(random);
        return userMessageRecord({
          sequenceId: sequence + 3,
          createdOn,
          type,
          senderId: random() < 0.3 ? ME : `8:acs:user-${thread % 13}`,
          senderDisplayName: 'Someone',
          content,
        });
      });
      store.upsertMessages(ACCOUNT, threadId(thread), batch);
    }
    if (thread % 100 === 0) store.setReadMarker(ACCOUNT, threadId(thread), Math.floor(count / 2));
  }
}

function measure(runs: number, run: (round: number) => unknown): { p50: number; p95: number } {
  run(0);
  const timings: number[] = [];
  for (let round = 0; round < runs; round += 1) {
    const started = performance.now();
    run(round);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (fraction: number) => timings[Math.min(timings.length - 1, Math.floor(timings.length * fraction))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const SEARCH_QUERIES = [
  'deploy',
  'deployment',
  'ploym',
  'the',
  'meeting tomorrow',
  'kubernetes cluster',
  'xyzzy',
  'go',
  '회의',
  '내일',
  '보고서',
  '데이터베이스',
  '배포 일정',
  '"rollback hotfix"',
  'invoice',
];

function main(): void {
  const messageCount = Number(process.argv[2] ?? 1_000_000);
  const threadCount = Number(process.argv[3] ?? 1000);
  const keepAt = process.argv[4];
  const directory = mkdtempSync(join(tmpdir(), 'parley-scale-study-'));
  const path = keepAt ?? join(directory, 'cache.db');
  try {
    let store = createCacheStore(openCacheDatabase(path));
    let fillSeconds = 0;
    if (keepAt === undefined || store.listAccounts().length === 0) {
      store.upsertAccount({ id: ACCOUNT, kind: 'demo', displayName: 'Me', endpoint: 'https://localhost', userId: ME, createdAt: 0 });
      const fillStarted = performance.now();
      fill(store, messageCount, threadCount);
      fillSeconds = (performance.now() - fillStarted) / 1000;
    }
    store.close();

    const openStarted = performance.now();
    store = createCacheStore(openCacheDatabase(path));
    const threads = store.listThreads(ACCOUNT);
    const reopenMs = performance.now() - openStarted;

    const rows: Array<[string, { p50: number; p95: number }]> = [];
    rows.push(['listThreads (all threads, previews, unread)', measure(30, () => store.listThreads(ACCOUNT))]);
    rows.push(['unreadTotal', measure(100, () => store.unreadTotal(ACCOUNT))]);
    const big = threadId(0);
    const small = threadId(1);
    rows.push([`listMessages newest 50, ${messageCount / 10} msgs thread`, measure(100, () => store.listMessages(ACCOUNT, big, { limit: 50 }))]);
    rows.push(['listMessages newest 50, small thread', measure(100, () => store.listMessages(ACCOUNT, small, { limit: 50 }))]);
    rows.push(['listMessages before (deep in big thread)', measure(100, (round) => store.listMessages(ACCOUNT, big, { beforeSequenceId: 1000 + round * 700, limit: 50 }))]);
    const anchor = store.listMessages(ACCOUNT, big, { beforeSequenceId: 5000, limit: 1 }).messages[0]!.id;
    rows.push(['listMessages around a message (big thread)', measure(100, () => store.listMessages(ACCOUNT, big, { aroundMessageId: anchor, limit: 50 }))]);
    rows.push(['search, query mix (limit 50)', measure(SEARCH_QUERIES.length * 4, (round) => store.search(ACCOUNT, SEARCH_QUERIES[round % SEARCH_QUERIES.length]!))]);
    const perQuery = SEARCH_QUERIES.map((query) => `${query} ${measure(5, () => store.search(ACCOUNT, query)).p50.toFixed(1)}`);

    console.log(
      `Scale study: ${messageCount} messages in ${threadCount} threads; ${fillSeconds === 0 ? 'reused' : `filled through the store in ${fillSeconds.toFixed(0)} s`}; file ${(statSync(path).size / 1e6).toFixed(0)} MB`,
    );
    console.log(`reopen + first listThreads (${threads.length} threads): ${reopenMs.toFixed(1)} ms\n`);
    console.log(`${'operation'.padEnd(48)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}`);
    for (const [name, { p50, p95 }] of rows) console.log(`${name.padEnd(48)}${p50.toFixed(2).padStart(9)}${p95.toFixed(2).padStart(9)}`);
    console.log(`\nsearch p50 per query (ms): ${perQuery.join(' · ')}`);
    store.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
