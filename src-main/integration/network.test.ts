import { afterEach, describe, expect, it } from 'vitest';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const texts = async (harness: CoreHarness, accountId: string, threadId: string) =>
  (await harness.call('listMessages', { accountId, threadId })).messages.filter((message) => message.type === 'text').map((message) => message.content);

describe('network faults', () => {
  it('abandons a request that hangs, reports the state, and catches up once answers come back', async () => {
    h = await startCoreHarness({ requestTimeoutMs: 1_000 });
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = (await other.chat.createChatThread({ topic: 'Slow line' }, { participants: [{ id: { communicationUserId: me } }] })).chatThread!.id;
    await h.call('syncNow', { accountId });
    const hang = h.emulator.faults.add({ route: 'listChatThreads', latencyMs: 5_000, count: 1 });
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'through the slow line' });
    await h.call('syncNow', { accountId });
    expect(hang.hits).toBe(1);
    expect((await h.call('getSyncState', { accountId })).state).toBe('offline');
    await h.until(
      async () => {
        await h!.call('syncNow', { accountId });
        return (await texts(h!, accountId, threadId)).includes('through the slow line');
      },
      15_000,
      'the message after the hang',
    );
    expect((await h.call('getSyncState', { accountId })).state).toBe('online');
  });

  it('explains a TLS failure instead of pretending the service is merely unreachable', async () => {
    h = await startCoreHarness({ trustEmulatorCa: false });
    const me = h.emulator.createUser();
    const { token } = h.emulator.issueToken(me, ['chat'], 60);
    await expect(h.call('signInWithToken', { endpoint: h.emulator.endpoint, token, displayName: 'Mina' })).rejects.toMatchObject({
      code: 'transient',
      field: 'endpoint',
      message: expect.stringMatching(/secure connection/i),
    });
    expect((await h.call('getAccountState')).accounts).toEqual([]);
  });

  it.each([
    ['ahead of', 7 * 60_000],
    ['behind', -7 * 60_000],
  ])('keeps syncing without loss when the service clock is minutes %s Parley’s', async (_direction, skew) => {
    h = await startCoreHarness({ emulator: { rateLimits: false, clock: { now: () => Date.now() + skew } } });
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const threadId = (await other.chat.createChatThread({ topic: 'Skewed' }, { participants: [{ id: { communicationUserId: me } }] })).chatThread!.id;
    await h.call('syncNow', { accountId });
    const thread = other.chat.getChatThreadClient(threadId);
    const sent: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 3; index += 1) {
        const content = `skewed ${round}.${index}`;
        sent.push(content);
        await thread.sendMessage({ content });
      }
      await h.call('syncNow', { accountId });
    }
    expect((await texts(h, accountId, threadId)).sort()).toEqual(sent.sort());
    await h.call('sendMessage', { accountId, threadId, content: 'mine, despite the skew', type: 'text' });
    await h.until(async () => (await h!.call('listOutbox', { accountId, threadId })).length === 0);
    expect(h.emulator.inspect.messages(threadId).filter((message) => message.content.message === 'mine, despite the skew')).toHaveLength(1);
  });
});
