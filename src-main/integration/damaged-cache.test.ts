import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { openCacheDatabase } from '../store/db.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { overwriteTablePages, strayWal, truncateToHalf, zeroHeader } from '../test-support/damage.ts';
import { cachedUserMessages as cachedContents, sharedThread } from '../test-support/shared-threads.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const HISTORY = 60;

/** A profile with a cached history, a send waiting in the outbox, a draft and a setting. */
async function populatedProfile(options: Parameters<typeof startCoreHarness>[0] = {}) {
  h = await startCoreHarness(options);
  const me = h.emulator.createUser();
  const other = createChatUser(h.emulator);
  const accountId = await h.signInAs(me, 'Mina');
  const threadId = await sharedThread(h, accountId, me, other, 'History');
  const waiting = await sharedThread(h, accountId, me, other, 'Waiting');
  for (let index = 0; index < HISTORY; index += 1) await other.chat.getChatThreadClient(threadId).sendMessage({ content: `history #${index} ${'h'.repeat(1500)}` });
  await h.call('syncNow', { accountId });
  await h.until(async () => (await cachedContents(h!, accountId, threadId)).length === HISTORY, 30_000, 'the history cached');
  const waitingPath = `POST /chat/threads/${encodeURIComponent(waiting)}/messages`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const refusals = h.emulator.faults.add({ route: new RegExp(`^${waitingPath}`, 'i'), status: 503 });
  await h.call('sendMessage', { accountId, threadId: waiting, content: 'waiting in the outbox', type: 'text' });
  await h.until(() => refusals.hits > 0, 10_000, 'a refused send');
  await h.call('saveDraft', { accountId, threadId, text: 'a draft to keep', format: 'text' });
  await h.call('updateSettings', { theme: 'dark' });
  return { accountId, threadId, waiting, refusals, cachePath: join(h.dataDir, 'cache.sqlite') };
}

/** After the damage: the user was told, the damaged file is kept aside, precious state is whole, the cache comes back from the service. */
async function expectRecovered(profile: Awaited<ReturnType<typeof populatedProfile>>, injected: string): Promise<void> {
  const { accountId, threadId, waiting, refusals } = profile;
  const status = await h!.call('getDataStatus');
  expect(status.cacheRebuilt, injected).toMatchObject({ localStateLost: false });
  expect(existsSync(status.cacheRebuilt!.asideFile)).toBe(true);
  // Once: no rebuild loop.
  expect(h!.log.lines.filter((line) => line.includes('set aside as'))).toHaveLength(1);
  const accounts = (await h!.call('getAccountState')).accounts;
  expect(accounts).toEqual([expect.objectContaining({ id: accountId, signedIn: true })]);
  await h!.call('syncNow', { accountId });
  await h!.until(async () => (await h!.call('listThreads', { accountId })).length === 2, 30_000, 'the thread list rebuilt');
  const outbox = await h!.call('listOutbox', { accountId, threadId: waiting });
  expect(outbox.map((item) => item.content)).toEqual(['waiting in the outbox']);
  const draft = await h!.call('getDraft', { accountId, threadId });
  expect(draft).toEqual({ text: 'a draft to keep', format: 'text' });
  expect((await h!.call('getSettings')).theme).toBe('dark');
  await h!.call('syncNow', { accountId });
  await h!.until(async () => (await cachedContents(h!, accountId, threadId)).length === HISTORY, 60_000, 'the history rebuilt from the service');
  refusals.remove();
  await h!.until(() => h!.emulator.inspect.messages(waiting).some((message) => message.content.message === 'waiting in the outbox'), 30_000, 'the outbox delivered');
  const aside = readdirSync(h!.dataDir).filter((name) => name.includes('.damaged-'));
  console.log(
    `faults: ${injected}; cache rebuilt (${HISTORY}/${HISTORY} messages back from the service), set aside: ${aside.join(', ')}; ` +
      `kept: outbox ${outbox.length}/1, drafts ${draft ? 1 : 0}/1, settings, accounts ${accounts.length}/1`,
  );
}

describe('a damaged cache file', () => {
  for (const [injected, damage] of [
    ['random pages of the messages table overwritten', (path: string) => void overwriteTablePages(path, 'messages', 6)],
    ['the file truncated to half', truncateToHalf],
    ['the header zeroed', zeroHeader],
    ['a stray -wal of another database left beside it', (path: string) => strayWal(path, `${path}.elsewhere`)],
  ] as const) {
    it(`is set aside and rebuilt at open: ${injected}`, async () => {
      const profile = await populatedProfile();
      await h!.restartApp(() => damage(profile.cachePath));
      await expectRecovered(profile, injected);
    }, 120_000);
  }

  it('is set aside and rebuilt when SQLite reports the damage later, on a read', async () => {
    // Large caches skip the check at open: the damage shows when SQLite reads the page.
    const profile = await populatedProfile({ openDatabase: (path, options) => openCacheDatabase(path, { ...options, checkCacheUpToBytes: 0 }) });
    await h!.restartApp(() => void overwriteTablePages(profile.cachePath, 'messages', 6));
    // The first read of a damaged page (sync's, or the user's) finds it.
    await h!.call('listMessages', { accountId: profile.accountId, threadId: profile.threadId, limit: 500 }).catch(() => undefined);
    await h!.until(async () => (await h!.call('getDataStatus')).cacheRebuilt, 30_000, 'the damage found on a read');
    await expectRecovered(profile, 'random pages of the messages table overwritten, found on a read (no check at open)');
  }, 120_000);
});
