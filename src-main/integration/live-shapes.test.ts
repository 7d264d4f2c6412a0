import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, type EmulatorOptions } from '../../emulator/index.ts';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { cachedUserMessages, sharedThread } from '../test-support/shared-threads.ts';

/**
 * Parley against the live service's shapes (emulator/docs/live-service-recordings.md): chat timestamps in
 * whole seconds, so that many messages share one `createdOn`; threads listed without
 * `lastMessageReceivedOn` right after creation; and the 2021 service's renumbering of an edited message.
 */

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The emulator's clock stands still inside one second unless a test moves it. */
function frozenSecond(): ManualClock {
  return new ManualClock(Math.floor(Date.now() / 1000) * 1000 + 100);
}

async function start(emulator: EmulatorOptions): Promise<{ harness: CoreHarness; me: string; other: ChatUser; accountId: string }> {
  const harness = await startCoreHarness({ emulator: { rateLimits: false, ...emulator } });
  h = harness;
  const me = harness.emulator.createUser();
  const other = createChatUser(harness.emulator);
  const accountId = await harness.signInAs(me, 'Mina');
  return { harness, me, other, accountId };
}

describe('sync against the live shapes', () => {
  it('keeps every message of a busy second exactly once, in order, with exact unread counts and receipts', async () => {
    const clock = frozenSecond();
    const { harness, me, other, accountId } = await start({ clock });
    const threadId = await sharedThread(harness, accountId, me, other, 'Busy second');
    const thread = other.chat.getChatThreadClient(threadId);
    for (const text of ['one', 'two', 'three']) await thread.sendMessage({ content: text });
    await harness.call('syncNow', { accountId });
    await harness.until(async () => (await cachedUserMessages(harness, accountId, threadId)).length === 3, 10_000, 'the first three');
    // Three more in the very same second: the thread's lastMessageReceivedOn does not move.
    for (const text of ['four', 'five', 'six']) await thread.sendMessage({ content: text });
    await harness.call('syncNow', { accountId });
    const cached = await harness.until(
      async () => {
        const list = await cachedUserMessages(harness, accountId, threadId);
        return list.length >= 6 ? list : undefined;
      },
      10_000,
      'all six',
    );
    const onService = harness.emulator.inspect.messages(threadId).filter((message) => message.type === 'text');
    expect(new Set(onService.map((message) => Math.floor(message.createdMs / 1000))).size).toBe(1);
    expect(cached.map((message) => message.content)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    expect(cached.map((message) => message.sequenceId)).toEqual(onService.map((message) => message.sequenceId));
    expect(new Set(cached.map((message) => message.createdOn)).size).toBe(1);
    expect((await harness.call('getThread', { accountId, threadId })).unreadCount).toBe(6);

    // Read receipts for two messages of that second point at the right one each.
    const third = cached[2]!;
    await thread.sendReadReceipt({ chatMessageId: third.id });
    await harness.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await harness.call('syncNow', { accountId });
    const receipts = await harness.until(async () => {
      const list = await harness.call('listReadReceipts', { accountId, threadId });
      return list.some((receipt) => receipt.userId === other.userId) ? list : undefined;
    });
    expect(receipts.find((receipt) => receipt.userId === other.userId)?.messageId).toBe(third.id);
    expect((await harness.call('getThread', { accountId, threadId })).unreadCount).toBe(0);
    expect(harness.emulator.inspect.readReceipts(threadId).find((receipt) => receipt.userId === me)?.messageId).toBe(cached[5]!.id);
  });

  it('reads a thread the service lists without lastMessageReceivedOn, and again until it has one', async () => {
    const clock = frozenSecond();
    const { harness, me, other, accountId } = await start({ clock });
    const threadId = await sharedThread(harness, accountId, me, other, 'Just made');
    const listed = await other.chat.listChatThreads().next();
    expect(listed.value?.id).toBe(threadId);
    expect(listed.value?.lastMessageReceivedOn).toBeUndefined();

    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'First words' });
    await harness.call('syncNow', { accountId });
    await harness.until(async () => (await cachedUserMessages(harness, accountId, threadId)).some((message) => message.content === 'First words'), 10_000, 'the first words');
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'Second words' });
    await harness.call('syncNow', { accountId });
    await harness.until(async () => (await cachedUserMessages(harness, accountId, threadId)).some((message) => message.content === 'Second words'), 10_000, 'the second words');

    clock.advance(1_000);
    expect((await other.chat.listChatThreads().next()).value?.lastMessageReceivedOn).toBeInstanceOf(Date);
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'Third words' });
    await harness.call('syncNow', { accountId });
    await harness.until(async () => (await cachedUserMessages(harness, accountId, threadId)).some((message) => message.content === 'Third words'), 10_000, 'the third words');
    expect((await harness.call('getThread', { accountId, threadId })).unreadCount).toBe(3);
  });

  it('addresses every identifier kind by raw id: refused per person when added, listed and removable when present', async () => {
    const { harness, me, other, accountId } = await start({});
    const threadId = await sharedThread(harness, accountId, me, other, 'Every kind');
    const acsUser = harness.emulator.createUser();
    const refused = [
      '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130',
      '8:teamsvisitor:45ab2481-1c1c-4005-be24-0ffb879b1131',
      '28:01234567-89ab-cdef-0123-456789abcdee',
      '4:+14255550123',
    ];
    const result = await harness.call('addParticipants', { accountId, threadId, participants: [acsUser, ...refused].map((userId) => ({ userId })), shareHistory: { kind: 'all' } });
    expect(result.added).toEqual([acsUser]);
    expect(result.failed.map((failure) => failure.userId)).toEqual(refused);

    const teamsUser = '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1139';
    harness.emulator.addExternalParticipant(threadId, teamsUser, { displayName: 'Teams person', metadata: { role: 'guest' } });
    await harness.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await harness.call('syncNow', { accountId });
    const listed = await harness.until(async () => {
      const participants = await harness.call('listParticipants', { accountId, threadId });
      return participants.find((participant) => participant.userId === teamsUser);
    });
    expect(listed).toMatchObject({ displayName: 'Teams person' });
    await harness.call('removeParticipant', { accountId, threadId, userId: teamsUser });
    expect(harness.emulator.inspect.participants(threadId).map((participant) => participant.userId)).not.toContain(teamsUser);
  });
});
