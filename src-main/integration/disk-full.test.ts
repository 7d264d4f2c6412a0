import { afterEach, describe, expect, it } from 'vitest';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { openCacheDatabase, type CacheDatabase } from '../store/db.ts';
import { LOCAL_SCHEMA } from '../store/migrations/0008-precious-state.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { cachedUserMessages as cachedContents, sharedThread } from '../test-support/shared-threads.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const UNLIMITED_PAGES = 4_294_967_294;

describe('a full disk', () => {
  it('pauses sync with the state shown, refuses what it cannot save with a sentence, loses nothing, and resumes by itself', async () => {
    let db: CacheDatabase | undefined;
    h = await startCoreHarness({ openDatabase: (path, options) => (db = openCacheDatabase(path, options)) });
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = await sharedThread(h, accountId, me, other, 'Roomy');
    const waiting = await sharedThread(h, accountId, me, other, 'Waiting');
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await h.call('saveDraft', { accountId, threadId, text: 'a draft from before', format: 'text' });
    await h.call('updateSettings', { theme: 'dark' });
    // A send that waits in the outbox (the service is failing it) while the disk fills.
    const waitingPath = `POST /chat/threads/${encodeURIComponent(waiting)}/messages`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const refusals = h.emulator.faults.add({ route: new RegExp(`^${waitingPath}`, 'i'), status: 503 });
    await h.call('sendMessage', { accountId, threadId: waiting, content: 'queued before the disk filled', type: 'text' });
    await h.until(() => refusals.hits > 0, 10_000, 'a first refused send');

    // The disk fills: the cache file may not grow by a single page.
    // A full disk stops both files from growing: the cache and the local state beside it.
    for (const schema of ['main', LOCAL_SCHEMA]) {
      db!.pragma(`${schema}.wal_checkpoint(TRUNCATE)`);
      db!.pragma(`${schema}.max_page_count = ${db!.pragma(`${schema}.page_count`, { simple: true }) as number}`);
    }
    const history = Array.from({ length: 40 }, (_, index) => `overflow #${index} ${'x'.repeat(3000)}`);
    for (const content of history) await other.chat.getChatThreadClient(threadId).sendMessage({ content });
    const paused = await h.nextEvent('sync-state', (state) => state.accountId === accountId && state.state === 'disk-full', 30_000);
    expect(paused.message).toMatch(/^The disk is full, so sync is paused\./);

    const big = `a long reply ${'y'.repeat(20_000)}`;
    await expect(h.call('sendMessage', { accountId, threadId, content: big, type: 'text' })).rejects.toMatchObject({
      code: 'disk-full',
      message: expect.stringMatching(/could not be queued \(it is still in the message box\)/),
    });
    await expect(h.call('saveDraft', { accountId, threadId, text: big, format: 'text' })).rejects.toMatchObject({ code: 'disk-full' });
    expect((await h.call('getDraft', { accountId, threadId })).text).toBe('a draft from before');
    const settingsWrite = await h.call('updateSettings', { pollSpeed: 'fast' }).then(
      () => 'saved',
      (error: { code: string }) => error.code,
    );
    expect(['saved', 'disk-full']).toContain(settingsWrite);
    expect((await h.call('getSettings')).theme).toBe('dark');
    expect((await h.call('listOutbox', { accountId, threadId: waiting })).map((item) => item.content)).toEqual(['queued before the disk filled']);
    expect((await h.call('getAccountState')).accounts).toEqual([expect.objectContaining({ id: accountId, signedIn: true })]);

    // Space returns; nobody presses "sync now".
    for (const schema of ['main', LOCAL_SCHEMA]) db!.pragma(`${schema}.max_page_count = ${UNLIMITED_PAGES}`);
    refusals.remove();
    await h.nextEvent('sync-state', (state) => state.accountId === accountId && state.state === 'online', 90_000);
    await h.until(
      async () => (await cachedContents(h!, accountId, threadId)).filter((message) => message.content.startsWith('overflow')).length === history.length,
      30_000,
      'the history',
    );
    await h.until(() => h!.emulator.inspect.messages(waiting).some((message) => message.content.message === 'queued before the disk filled'), 30_000, 'the queued send');
    await h.call('sendMessage', { accountId, threadId, content: big, type: 'text' });
    await h.call('saveDraft', { accountId, threadId, text: 'a draft after', format: 'text' });
    expect((await h.call('getDraft', { accountId, threadId })).text).toBe('a draft after');
    await h.until(() => h!.emulator.inspect.messages(threadId).some((message) => message.content.message === big), 30_000, 'the long reply');
    expect(h.log.lines.filter((line) => line.startsWith('error'))).toEqual([]);
    console.log(
      `faults: cache file held at its size (PRAGMA max_page_count) while 40 messages arrived, a 20 kB send and draft refused, settings write ${settingsWrite}; ` +
        'kept: outbox 1/1 (delivered after), drafts 1/1, settings, accounts 1/1; sync resumed by itself',
    );
  }, 180_000);
});
