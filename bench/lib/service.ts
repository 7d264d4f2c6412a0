/**
 * Load on the service side: users, threads and messages in the in-process ACS emulator, made through
 * the official SDK (what another user's client does), and large histories written straight into a
 * persisted emulator's database through the emulator's own `Store` (sending 100,000 messages through
 * HTTPS under the write limits would take hours), cached under `bench/.data/`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatClient } from '@azure/communication-chat';
import { startEmulator, type Clock, type Emulator } from '../../emulator/index.ts';
import { newThreadId } from '../../emulator/ids.ts';
import { Store } from '../../emulator/store.ts';
import { chatClientFor } from '../../emulator/test-support/sdk-clients.ts';
import { seededRandom, syntheticText } from './synthetic-corpus.ts';
import { dataPath } from './common.ts';

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

export interface Person {
  userId: string;
  chat: ChatClient;
}

export function person(emulator: Emulator, userId?: string): Person {
  const id = userId ?? emulator.createUser();
  const { token } = emulator.issueToken(id, ['chat'], 1440);
  return { userId: id, chat: chatClientFor(emulator, token) };
}

/** Threads created by `creator` with `member` in them, each with `messages` messages from the creator. */
export async function createThreads(
  creator: Person,
  member: string,
  count: number,
  options: { messages?: number; topic?: (index: number) => string; concurrency?: number } = {},
): Promise<string[]> {
  const topic = options.topic ?? ((index: number) => `Bench thread ${index}`);
  return pool(
    Array.from({ length: count }, (_, index) => index),
    options.concurrency ?? 8,
    async (index) => {
      const created = await creator.chat.createChatThread({ topic: topic(index) }, { participants: [{ id: { communicationUserId: member }, displayName: 'Bench Reader' }] });
      const threadId = created.chatThread!.id;
      const thread = creator.chat.getChatThreadClient(threadId);
      for (let message = 0; message < (options.messages ?? 0); message += 1)
        await thread.sendMessage({ content: `Hello #${message} in ${topic(index)}` }, { senderDisplayName: 'Bench Writer' });
      return threadId;
    },
  );
}

export const HISTORY_VERSION = 1;

export interface HistoryService {
  dataDir: string;
  meUserId: string;
  otherUserId: string;
  threadId: string;
  messages: number;
}

/**
 * A persisted emulator holding one thread with `messages` messages from another user, created a month
 * ago (the emulator ran on a clock set back for the setup), cached and reused. Open it with
 * `startEmulator({ dataDir })`.
 */
export async function ensureHistoryService(messages: number, log: (line: string) => void = console.log): Promise<HistoryService> {
  const dataDir = dataPath(`emulator-history-v${HISTORY_VERSION}-m${messages}`);
  const metaPath = join(dataDir, 'bench-meta.json');
  if (existsSync(metaPath)) return JSON.parse(readFileSync(metaPath, 'utf8')) as HistoryService;
  rmSync(dataDir, { recursive: true, force: true });
  log(`  generating an emulator with a ${messages.toLocaleString('en-US')}-message thread in ${dataDir} (once; reused after) …`);
  const started = performance.now();
  const stepMs = 10_000;
  const origin = Date.now() - 30 * 24 * 3600_000 - messages * stepMs;
  const back: Clock = { now: () => Math.floor(origin + performance.now() - started) };
  const emulator = await startEmulator({ dataDir, rateLimits: false, clock: back });
  const meUserId = emulator.createUser();
  const other = person(emulator);
  const [threadId] = await createThreads(other, meUserId, 1, { topic: () => `History (${messages.toLocaleString('en-US')} messages)` });
  await emulator.stop();

  const store = new Store(join(dataDir, 'emulator.sqlite'));
  const random = seededRandom(4242);
  store.transaction(() => {
    let last = 0;
    for (let index = 0; index < messages; index += 1) {
      const { sequenceId, idMs } = store.allocateMessageIds(threadId!, origin + 60_000 + index * stepMs);
      const { content, type } = syntheticText(random);
      store.insertMessage({
        threadId: threadId!,
        id: String(idMs),
        sequenceId,
        type,
        senderId: other.userId,
        senderDisplayName: 'Bench Writer',
        content: { message: content },
        metadata: null,
        createdMs: idMs,
        editedMs: null,
        deletedMs: null,
        version: idMs,
      });
      last = idMs;
    }
    const thread = store.getThread(threadId!)!;
    store.updateThread({ ...thread, lastMessageMs: last });
  });
  store.close();
  const meta: HistoryService = { dataDir, meUserId, otherUserId: other.userId, threadId: threadId!, messages };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`  emulator history built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return meta;
}

export const MANY_THREADS_VERSION = 1;

export interface ManyThreadsService {
  dataDir: string;
  meUserId: string;
  otherUserId: string;
  threadIds: string[];
}

/**
 * A persisted emulator in which another user shares `threads` threads with "me" (each as the SDK
 * creates it: both participants, a participant-added and a topic message), cached and reused. The
 * first is made through the SDK; the rest are copies of it written through the emulator's own
 * `Store` (creating 10,000 threads over HTTPS would take minutes). Open it with
 * `startEmulator({ dataDir })`.
 */
export async function ensureManyThreadsService(threads: number, log: (line: string) => void = console.log): Promise<ManyThreadsService> {
  const dataDir = dataPath(`emulator-threads-v${MANY_THREADS_VERSION}-t${threads}`);
  const metaPath = join(dataDir, 'bench-meta.json');
  if (existsSync(metaPath)) return JSON.parse(readFileSync(metaPath, 'utf8')) as ManyThreadsService;
  rmSync(dataDir, { recursive: true, force: true });
  log(`  generating an emulator with ${threads.toLocaleString('en-US')} threads in ${dataDir} (once; reused after) …`);
  const started = performance.now();
  // Set back an hour, so that every thread has settled long before the bench runs.
  const origin = Date.now() - 3600_000;
  const emulator = await startEmulator({ dataDir, rateLimits: false, clock: { now: () => Math.floor(origin + performance.now() - started) } });
  const meUserId = emulator.createUser();
  const other = person(emulator);
  const [firstId] = await createThreads(other, meUserId, 1, { topic: () => 'Bench thread 0' });
  await emulator.stop();

  const store = new Store(join(dataDir, 'emulator.sqlite'));
  const template = store.getThread(firstId!)!;
  const participants = [store.getParticipant(firstId!, other.userId)!, store.getParticipant(firstId!, meUserId)!];
  const messages = store.allMessages(firstId!);
  const threadIds = [firstId!];
  store.transaction(() => {
    for (let index = 1; index < threads; index += 1) {
      const createdMs = template.createdMs + index;
      const thread = { ...template, id: newThreadId(), topic: `Bench thread ${index}`, createdMs, lastMessageMs: createdMs };
      store.insertThread(thread);
      for (const participant of participants) store.upsertParticipant(thread.id, participant, createdMs);
      for (const message of messages) {
        const { sequenceId, idMs } = store.allocateMessageIds(thread.id, createdMs);
        const content = message.type === 'topicUpdated' ? { ...message.content, topic: thread.topic } : message.content;
        store.insertMessage({ ...message, threadId: thread.id, id: String(idMs), sequenceId, content, createdMs: idMs, version: idMs });
      }
      threadIds.push(thread.id);
    }
  });
  store.close();
  const meta: ManyThreadsService = { dataDir, meUserId, otherUserId: other.userId, threadIds };
  writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
  log(`  emulator threads built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return meta;
}
