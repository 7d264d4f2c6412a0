import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../emulator/index.ts';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { busiestWindows } from '../test-support/request-limits.ts';
import { cachedUserMessages, sharedThread } from '../test-support/shared-threads.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('sync and notifications', () => {
  it('brings another user’s message into the cache with exactly one notification, and none for own, muted or open-and-focused threads', async () => {
    h = await startCoreHarness();
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const busy = await sharedThread(h, accountId, me, other, 'Busy');
    const quiet = await sharedThread(h, accountId, me, other, 'Quiet');
    const open = await sharedThread(h, accountId, me, other, 'Open');
    await h.call('setThreadMuted', { accountId, threadId: quiet, muted: true });
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId: open } });
    const before = h.notifications.length;

    await other.chat.getChatThreadClient(busy).sendMessage({ content: 'Are you there?' }, { senderDisplayName: 'Oskar' });
    await other.chat.getChatThreadClient(quiet).sendMessage({ content: 'Muted chatter' });
    await other.chat.getChatThreadClient(open).sendMessage({ content: 'You are reading this already' });
    await h.call('sendMessage', { accountId, threadId: busy, content: 'My own words', type: 'text' });

    const notification = await h.until(() => h!.notifications.slice(before).find((entry) => entry.threadId === busy), 15_000, 'a notification for Busy');
    expect(notification).toMatchObject({ accountId, title: 'Busy' });
    expect(notification.body).toContain('Oskar: Are you there?');
    for (const [threadId, text] of [
      [quiet, 'Muted chatter'],
      [open, 'You are reading this already'],
      [busy, 'My own words'],
    ] as const) {
      await h.until(async () => (await cachedUserMessages(h!, accountId, threadId)).some((message) => message.content === text), 15_000, text);
    }
    await h.call('syncNow', { accountId });
    expect(h.notifications.slice(before).map((entry) => entry.threadId)).toEqual([busy]);
    const openThread = await h.call('getThread', { accountId, threadId: open });
    expect(openThread.unreadCount).toBe(0);
    expect((await h.call('getThread', { accountId, threadId: busy })).unreadCount).toBe(1);
  });

  it('catches edits and deletions by others of messages older than the delta window', async () => {
    const clock = new ManualClock(Date.now() - 50 * 60_000);
    h = await startCoreHarness({ emulator: { rateLimits: false, clock } });
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = await sharedThread(h, accountId, me, other, 'History');
    const thread = other.chat.getChatThreadClient(threadId);
    const old = await thread.sendMessage({ content: 'An old typo' });
    const doomed = await thread.sendMessage({ content: 'An old secret' });
    await h.call('syncNow', { accountId });
    await h.until(async () => (await cachedUserMessages(h!, accountId, threadId)).length === 2);

    clock.advance(45 * 60_000);
    await thread.updateMessage(old.id, { content: 'An old message, corrected' });
    await thread.deleteMessage(doomed.id);
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await h.call('syncNow', { accountId });
    const cached = await cachedUserMessages(h, accountId, threadId);
    expect(cached.find((message) => message.id === old.id)).toMatchObject({ content: 'An old message, corrected' });
    expect(cached.find((message) => message.id === old.id)?.editedOn).not.toBeNull();
    expect(cached.find((message) => message.id === doomed.id)?.deletedOn).not.toBeNull();
  });
});

describe('faults', () => {
  it('rides out 429 storms and 5xx bursts inside the request budget, losing and duplicating nothing', async () => {
    h = await startCoreHarness({ emulator: { rateLimits: true } });
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = await sharedThread(h, accountId, me, other, 'Stormy');
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    const firstSeq = h.emulator.operations.lastSeq;

    const storm = h.emulator.faults.add({ route: 'listChatMessages', status: 429, retryAfterSeconds: 1, count: 6 });
    const burst = h.emulator.faults.add({ route: 'listChatThreads', status: 503, count: 4 });
    const theirs: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const content = `from Oskar #${index}`;
      theirs.push(content);
      await other.chat.getChatThreadClient(threadId).sendMessage({ content });
    }
    // Only Parley sends from here on, so these faults hit its requests: two failures, two lost answers.
    const failedSends = h.emulator.faults.add({ route: 'sendChatMessage', status: 500, count: 2 });
    const lostAnswers = h.emulator.faults.add({ route: 'sendChatMessage', dropAfterHandling: true, count: 2 });
    const mine = Array.from({ length: 5 }, (_, index) => `from Mina #${index}`);
    for (const content of mine) await h.call('sendMessage', { accountId, threadId, content, type: 'text' });

    const expected = [...theirs, ...mine].sort();
    await h.until(
      async () => {
        const outbox = await h!.call('listOutbox', { accountId, threadId });
        const cached = (await cachedUserMessages(h!, accountId, threadId)).map((message) => message.content).sort();
        return outbox.length === 0 && JSON.stringify(cached) === JSON.stringify(expected);
      },
      100_000,
      'every message cached once and the outbox empty',
    );

    const onService = h.emulator.inspect
      .messages(threadId)
      .filter((message) => message.type === 'text')
      .map((message) => message.content.message ?? '');
    expect(onService.sort()).toEqual(expected);
    const cachedIds = (await cachedUserMessages(h, accountId, threadId)).map((message) => message.id);
    expect(new Set(cachedIds).size).toBe(cachedIds.length);
    await h.until(async () => (await h!.call('getSyncState', { accountId })).state === 'online', 20_000, 'the online state');

    // Parley's own requests in any sliding window stay within the documented per-user limits.
    for (const { what, busiest, max } of busiestWindows(h.emulator, me, firstSeq)) expect(busiest, what).toBeLessThanOrEqual(max);
    expect([storm.hits, burst.hits, failedSends.hits, lostAnswers.hits]).toEqual([6, 4, 2, 2]);
  }, 150_000);

  it('refreshes a token that expires mid-sync without the user noticing', async () => {
    const clock = new ManualClock(Date.now() - 58 * 60_000);
    let refreshes = 0;
    const refresher: typeof fetch = async () => {
      refreshes += 1;
      return new Response(JSON.stringify({ token: h!.emulator.issueToken(me, ['chat'], 60).token }), { headers: { 'Content-Type': 'application/json' } });
    };
    let me = '';
    h = await startCoreHarness({ emulator: { rateLimits: false, clock }, fetch: refresher });
    me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const shortLived = h.emulator.issueToken(me, ['chat'], 60).token;
    clock.set(Date.now());
    const account = await h.call('signInWithToken', { endpoint: h.emulator.endpoint, token: shortLived, displayName: 'Mina', refreshUrl: 'https://tokens.example/parley' });
    const threadId = await sharedThread(h, account.id, me, other, 'Long session');
    clock.advance(3 * 60_000);
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'still here?' });
    await h.call('syncNow', { accountId: account.id });
    expect(await h.call('getSyncState', { accountId: account.id })).toMatchObject({ state: 'online' });
    expect((await cachedUserMessages(h, account.id, threadId)).map((message) => message.content)).toContain('still here?');
    expect(refreshes).toBeGreaterThan(0);
    expect((await h.call('getSyncState', { accountId: account.id })).state).toBe('online');
    expect((await h.call('getAccountState')).accounts[0]?.signedIn).toBe(true);
  });

  it('shows a clear signed-out state when the token is revoked, keeping the cache readable', async () => {
    h = await startCoreHarness();
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = await sharedThread(h, accountId, me, other, 'Before revocation');
    h.emulator.revokeUser(me);
    await h.call('syncNow', { accountId });
    const state = await h.call('getAccountState');
    expect(state.accounts.find((account) => account.id === accountId)?.signedIn).toBe(false);
    expect((await h.call('getSyncState', { accountId })).state).toBe('signed-out');
    expect((await h.call('listThreads', { accountId })).map((thread) => thread.id)).toContain(threadId);
    await expect(h.call('sendTyping', { accountId, threadId })).rejects.toMatchObject({ code: 'signed-out' });
  });
});
