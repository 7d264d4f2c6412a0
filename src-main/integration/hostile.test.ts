import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

/** Broken or hostile answers from the service: no crash, the bad records skipped and reported, the rest synced. */
describe('hostile service data', () => {
  let h: CoreHarness;
  let accountId: string;
  let other: ChatUser;
  let threadId: string;

  beforeAll(async () => {
    h = await startCoreHarness();
    const me = h.emulator.createUser();
    other = createChatUser(h.emulator);
    accountId = await h.signInAs(me, 'Mina');
    threadId = (await other.chat.createChatThread({ topic: 'Noisy' }, { participants: [{ id: { communicationUserId: me } }] })).chatThread!.id;
  });
  afterAll(() => h.stop());

  const contents = async () => (await h.call('listMessages', { accountId, threadId, limit: 500 })).messages.map((message) => message.content);

  it('skips malformed, mistyped and unknown messages and keeps the good ones', async () => {
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'a good message' });
    const nested: Record<string, unknown> = {};
    let cursor = nested;
    for (let depth = 0; depth < 1_000; depth += 1) cursor = (cursor['next'] = {}) as Record<string, unknown>;
    const now = new Date().toISOString();
    const hostile = [
      { id: null, type: 'text', sequenceId: '90', version: '90', createdOn: now, content: { message: 'no id' } },
      { id: '9000000000001', type: 'threadActivity/teamsInterop', sequenceId: '91', version: '91', createdOn: now, content: {} },
      { id: '9000000000002', type: 'text', sequenceId: 'ninety-two', version: '92', createdOn: now, content: { message: 'bad sequence' } },
      { id: '9000000000003', type: 'text', sequenceId: '93', version: '93', createdOn: 'the day after tomorrow', content: { message: 'bad date' } },
      { id: '9000000000004', type: 'html', sequenceId: '94', version: '94', createdOn: now, content: { message: nested } },
      { id: '9000000000005', type: 'text', sequenceId: '95', version: '95', createdOn: now, content: { message: 'long '.repeat(200_000) } },
      'not even an object',
    ];
    const fault = h.emulator.faults.add({
      route: 'listChatMessages',
      count: 3,
      rewriteBody: (body) => ({ ...(body as { value: unknown[] }), value: [...(body as { value: unknown[] }).value, ...hostile] }),
    });
    await h.call('syncNow', { accountId });
    await h.until(async () => (await contents()).includes('a good message'), 10_000, 'the good message');
    expect(fault.hits).toBeGreaterThan(0);
    const cached = await contents();
    for (const bad of ['no id', 'bad sequence', 'bad date']) expect(cached).not.toContain(bad);
    expect(h.log.lines.some((line) => line.includes('skipped a record'))).toBe(true);
    expect((await h.call('getSyncState', { accountId })).state).toBe('online');
  });

  it('survives a body that is not JSON at all, and recovers once the service is sane again', async () => {
    h.emulator.faults.add({ route: 'listChatThreads', count: 2, rewriteBody: () => ({ raw: '{"value": [ {"id": "19:' }) });
    await h.call('syncNow', { accountId });
    expect((await h.call('getSyncState', { accountId })).state).not.toBe('signed-out');
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'after the storm' });
    await h.until(
      async () => {
        await h.call('syncNow', { accountId });
        return (await contents()).includes('after the storm');
      },
      20_000,
      'recovery',
    );
    expect((await h.call('getSyncState', { accountId })).state).toBe('online');
  });

  it('skips threads with missing or mistyped fields', async () => {
    h.emulator.faults.add({
      route: 'listChatThreads',
      count: 1,
      rewriteBody: (body) => ({ ...(body as object), value: [...(body as { value: unknown[] }).value, { id: 42 }, { topic: 'no id' }, null] }),
    });
    await h.call('syncNow', { accountId });
    const threads = await h.call('listThreads', { accountId });
    expect(threads.map((thread) => thread.id)).toEqual([threadId]);
  });
});
