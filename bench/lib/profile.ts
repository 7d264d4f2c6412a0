/**
 * The big cache profile: 1,000 threads holding 1,000,000 messages (one thread of 100,000, one of
 * exactly 1,000, the rest spread over the others), English and Korean text of mixed lengths, HTML,
 * messages of the user and of others, edits and deletions, read markers. Written through Parley's own
 * store (`createCacheStore(openCacheDatabase(...))`, `upsertThreads` / `upsertMessages`), so it is
 * exactly what the app reads; only the search index is written at the end in one pass
 * (bulk-message-writer.ts: the same entries, ~1.7× less CPU for the whole build; profile.test.ts
 * checks that the file holds the same as one written as the app writes).
 *
 * Built once and cached under `bench/.data/profile-v<version>-t<threads>-m<messages>/` (`meta.json`
 * is written last and marks a complete build); bump `GENERATOR_VERSION` whenever the output changes.
 *
 *   node bench/lib/profile.ts [--quick] [--threads=N]    builds (or finds) every profile of that size (or the one of N threads)
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCacheStore, type CacheStore, type MessageRecord } from '../../src-main/store/cache-store.ts';
import { localPathFor, openCacheDatabase } from '../../src-main/store/db.ts';
import { createBulkMessageWriter } from './bulk-message-writer.ts';
import { seededRandom, syntheticText } from './synthetic-corpus.ts';
import { dataPath, QUICK } from './common.ts';

export const GENERATOR_VERSION = 5;

export interface ProfileSize {
  threads: number;
  messages: number;
  /** Messages of the largest thread (the "open a 100,000-message thread" figure). */
  bigThread: number;
  /** Messages of the comparison thread (exactly this many). */
  smallThread: number;
}

export const FULL_PROFILE: ProfileSize = { threads: 1000, messages: 1_000_000, bigThread: 100_000, smallThread: 1000 };
export const QUICK_PROFILE: ProfileSize = { threads: 100, messages: 30_000, bigThread: 10_000, smallThread: 1000 };
/** Many threads, few messages each: the cold start that must not grow with the number of threads. */
export const MANY_THREADS_PROFILE: ProfileSize = { threads: 10_000, messages: 100_000, bigThread: 1000, smallThread: 100 };
export const QUICK_MANY_THREADS_PROFILE: ProfileSize = { threads: 2000, messages: 10_000, bigThread: 1000, smallThread: 100 };

export const PROFILE_ACCOUNT = {
  id: 'acct-bench-profile',
  kind: 'token' as const,
  displayName: 'Bench Reader',
  endpoint: 'https://localhost:9/',
  userId: '8:acs:bench-me',
  createdAt: Date.UTC(2024, 0, 1),
};

export interface ProfileMeta {
  version: number;
  size: ProfileSize;
  accountId: string;
  ownUserId: string;
  big: { threadId: string; topic: string; messages: number; newestMessageId: string };
  small: { threadId: string; topic: string; messages: number; newestMessageId: string };
  edits: number;
  deletions: number;
  buildSeconds: number;
  fileBytes: number;
}

const START = Date.UTC(2024, 0, 1);
/** Big thread: one message every 5 minutes (about a year); others interleave over the same span. */
const SPAN_MS = 365 * 24 * 3600_000;
const BATCH = 1000;
const OTHERS = ['Priya Natarajan', 'Sam Carter', '김민준', '이서연', '박지호', 'Jordan Lee', 'Mei Chen', '최유나'];

export function profileDir(profile: ProfileSize): string {
  return dataPath(`profile-v${GENERATOR_VERSION}-t${profile.threads}-m${profile.messages}`);
}

export function threadIdOf(index: number): string {
  return `19:bench-thread-${index.toString().padStart(4, '0')}@thread.v2`;
}

function topicOf(index: number, size: ProfileSize, messageCount: number): string {
  if (index === 0) return `Big thread (${messageCount.toLocaleString('en-US')} messages)`;
  if (index === 1) return `Small thread (${messageCount.toLocaleString('en-US')} messages)`;
  return index % 3 === 0 ? `프로젝트 ${index} 회의` : `Project ${index} planning`;
}

/** Some messages are long: several sentences, occasionally a paragraph of HTML. */
function messageText(random: () => number): { content: string; type: 'text' | 'html' } {
  const first = syntheticText(random);
  const roll = random();
  if (roll < 0.95) return first;
  const parts = [first.content];
  const extra = roll < 0.995 ? 2 + Math.floor(random() * 3) : 8 + Math.floor(random() * 10);
  for (let index = 0; index < extra; index += 1) parts.push(syntheticText(random).content.replace(/<\/?[pb]>/g, ''));
  return first.type === 'html' ? { type: 'html', content: `<p>${parts.join('</p><p>')}</p>` } : { type: 'text', content: parts.join(' ') };
}

/** The store's writes `fill` makes (`upsertMessages` may hold the search index back: bulk-message-writer.ts). */
type ProfileWrites = Pick<CacheStore, 'upsertThreads' | 'upsertMessages' | 'setReadMarker'>;

/** Writes every thread and message; the caller holds the transaction (one for the whole build). */
function fill(store: ProfileWrites, size: ProfileSize): { edits: number; deletions: number; newest: Map<number, string> } {
  const random = seededRandom(20250101);
  const others = size.messages - size.bigThread - size.smallThread;
  const perOther = Math.floor(others / (size.threads - 2));
  const remainder = others - perOther * (size.threads - 2);
  const counts = Array.from({ length: size.threads }, (_, index) => (index === 0 ? size.bigThread : index === 1 ? size.smallThread : perOther + (index - 2 < remainder ? 1 : 0)));
  // Last activities an hour apart, closer with many threads so that all of them stay inside the span
  // (times, and so the cache's local ids, would collide otherwise).
  const spacing = Math.min(3_600_000, Math.floor(SPAN_MS / (2 * size.threads)));
  const newest = new Map<number, string>();
  let edits = 0;
  let deletions = 0;
  const me = PROFILE_ACCOUNT.userId;

  // The two measured threads are the most recently active; the rest spread their last activity back in time.
  store.upsertThreads(
    PROFILE_ACCOUNT.id,
    counts.map((total, index) => ({ id: threadIdOf(index), topic: topicOf(index, size, total), createdOn: START, createdBy: me })),
  );
  const fillThread = (thread: number) => {
    const total = counts[thread]!;
    const threadId = threadIdOf(thread);
    const end = START + SPAN_MS - (thread < 2 ? thread * 60_000 : thread * spacing);
    const step = Math.max(1, Math.floor((end - START) / Math.max(1, total)));
    const senders = OTHERS.filter((_, index) => (index + thread) % 3 !== 0);
    for (let offset = 0; offset < total; offset += BATCH) {
      const batch: MessageRecord[] = [];
      for (let index = offset; index < Math.min(total, offset + BATCH); index += 1) {
        const createdOn = START + (index + 1) * step - (thread % 997);
        const own = random() < 0.3;
        const sender = senders[Math.floor(random() * senders.length)]!;
        const { content, type } = messageText(random);
        batch.push({
          id: String(createdOn),
          sequenceId: index + 3,
          version: String(createdOn),
          type,
          senderId: own ? me : `8:acs:bench-${OTHERS.indexOf(sender)}`,
          senderDisplayName: own ? PROFILE_ACCOUNT.displayName : sender,
          content,
          topic: null,
          participants: [],
          initiatorId: null,
          metadata: own && random() < 0.5 ? { parleyClientId: `bench-${thread}-${index}` } : null,
          createdOn,
          editedOn: null,
          deletedOn: null,
        });
      }
      store.upsertMessages(PROFILE_ACCOUNT.id, threadId, batch);
      // Later versions of some of them, as a sync of edits and deletions brings them.
      const changed: MessageRecord[] = [];
      for (const message of batch) {
        const roll = random();
        if (roll < 0.03) {
          const editedOn = message.createdOn + 30_000;
          changed.push({ ...message, version: String(editedOn), editedOn, content: `${messageText(random).content} (edited)` });
          edits += 1;
        } else if (roll < 0.04) {
          const deletedOn = message.createdOn + 60_000;
          changed.push({ ...message, version: String(deletedOn), deletedOn, content: '' });
          deletions += 1;
        }
      }
      if (changed.length > 0) store.upsertMessages(PROFILE_ACCOUNT.id, threadId, changed);
      if (offset + BATCH >= total) newest.set(thread, batch.at(-1)!.id);
    }
    // Most threads are read up to a little before their end: unread counts of a few to a few hundred.
    if (total > 0) store.setReadMarker(PROFILE_ACCOUNT.id, threadId, Math.max(1, total + 2 - Math.floor(random() * (thread % 7 === 0 ? 300 : 5))));
  };
  for (let thread = 0; thread < size.threads; thread += 1) fillThread(thread);
  return { edits, deletions, newest };
}

function readMeta(directory: string): ProfileMeta | null {
  const path = join(directory, 'meta.json');
  if (!existsSync(path) || !existsSync(join(directory, 'cache.sqlite')) || !existsSync(localPathFor(join(directory, 'cache.sqlite')))) return null;
  const meta = JSON.parse(readFileSync(path, 'utf8')) as ProfileMeta;
  return meta.version === GENERATOR_VERSION ? meta : null;
}

/**
 * How the search index is written: `held-back` in one pass at the end (bulk-message-writer.ts, how
 * profiles are built), `as-written` by each `upsertMessages` as the app does (the unit test's reference).
 */
export type IndexWrites = 'held-back' | 'as-written';

export interface BuiltProfile {
  edits: number;
  deletions: number;
  big: ProfileMeta['big'];
  small: ProfileMeta['small'];
}

/** Writes the profile of `size` into a new cache file at `path` (and its companion file of local state). */
export function buildProfileDatabase(path: string, size: ProfileSize, indexWrites: IndexWrites = 'held-back'): BuiltProfile {
  const db = openCacheDatabase(path);
  // Only the build runs unsafe: a throwaway file until complete (meta.json written last), with no
  // write-ahead log to write every page twice; it is closed cleanly in the app's journal mode.
  db.pragma('main.journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -2097152');
  db.pragma('temp_store = MEMORY');
  const store = createCacheStore(db);
  store.upsertAccount(PROFILE_ACCOUNT);
  const bulk = indexWrites === 'held-back' ? createBulkMessageWriter(db) : null;
  const writes: ProfileWrites = bulk === null ? store : { ...store, upsertMessages: bulk.upsertMessages };
  // One transaction: each page of the message table (rows land all over it, thread after thread) is
  // written to the file once, at the end, instead of at every commit that touched it.
  const { edits, deletions, newest } = db.transaction(() => {
    const filled = fill(writes, size);
    bulk?.writeIndex();
    return filled;
  })();
  store.setValue('activeAccountId', PROFILE_ACCOUNT.id);
  const bigThread = store.getThread(PROFILE_ACCOUNT.id, threadIdOf(0))!;
  const smallThread = store.getThread(PROFILE_ACCOUNT.id, threadIdOf(1))!;
  db.pragma('main.journal_mode = WAL');
  store.close();
  return {
    edits,
    deletions,
    big: { threadId: bigThread.id, topic: bigThread.topic, messages: size.bigThread, newestMessageId: newest.get(0)! },
    small: { threadId: smallThread.id, topic: smallThread.topic, messages: size.smallThread, newestMessageId: newest.get(1)! },
  };
}

/** The profile for this size, built on first use (minutes at full size), then reused. */
export function ensureProfile(size: ProfileSize = QUICK ? QUICK_PROFILE : FULL_PROFILE, log: (line: string) => void = console.log): ProfileMeta & { path: string } {
  const directory = profileDir(size);
  const existing = readMeta(directory);
  if (existing) return { ...existing, path: join(directory, 'cache.sqlite') };
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'cache.sqlite');
  log(`  generating the ${size.threads}-thread / ${size.messages.toLocaleString('en-US')}-message profile in ${directory} (once; reused after) …`);
  const started = performance.now();
  const built = buildProfileDatabase(path, size);
  const meta: ProfileMeta = {
    version: GENERATOR_VERSION,
    size,
    accountId: PROFILE_ACCOUNT.id,
    ownUserId: PROFILE_ACCOUNT.userId,
    ...built,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
    fileBytes: statSync(path).size,
  };
  writeFileSync(join(directory, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  log(`  profile built in ${meta.buildSeconds} s (${(meta.fileBytes / 1e6).toFixed(0)} MB; ${meta.edits} edits, ${meta.deletions} deletions)`);
  return { ...meta, path };
}

/** A private copy of the profile for a process that will write to it (the browser shell). */
export function copyProfileTo(meta: { path: string }, directory: string): void {
  mkdirSync(directory, { recursive: true });
  const target = join(directory, 'cache.sqlite');
  copyFileSync(meta.path, target);
  // Accounts, outbox, drafts and settings live in the cache's small companion file.
  copyFileSync(localPathFor(meta.path), localPathFor(target));
}

/** Every cache profile the browser figures use, at this run's sizes. */
export function benchProfileSizes(): ProfileSize[] {
  return QUICK ? [QUICK_PROFILE, QUICK_MANY_THREADS_PROFILE] : [FULL_PROFILE, MANY_THREADS_PROFILE];
}

/** Whether a profile still has to be generated (the runner overlaps that with the scripts that need none). */
export function profileMissing(size: ProfileSize): boolean {
  return readMeta(profileDir(size)) === null;
}

if (import.meta.main) {
  // `--threads=N` builds only the profile of that many threads (the runner builds each in its own process).
  const only = process.argv.find((arg) => arg.startsWith('--threads='))?.slice('--threads='.length);
  for (const size of benchProfileSizes().filter((candidate) => only === undefined || String(candidate.threads) === only)) {
    const meta = ensureProfile(size);
    console.log(`  profile ${meta.size.threads} threads / ${meta.size.messages} messages: ${meta.buildSeconds} s to build, ${(meta.fileBytes / 1e6).toFixed(0)} MB`);
  }
}
