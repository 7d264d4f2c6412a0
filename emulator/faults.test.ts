import { describe, expect, it } from 'vitest';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { createChatUser, rawRequest, sdkClientOptions } from './test-support/sdk-clients.ts';
import { collect, expectStatus, useEmulator } from './test-support/use-emulator.ts';

const emulator = useEmulator();

function fastRetryingClient(token: string, maxRetries: number): ChatClient {
  return new ChatClient(emulator().endpoint, new AzureCommunicationTokenCredential(token), {
    ...sdkClientOptions(emulator().caPem),
    retryOptions: { maxRetries, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
}

describe('fault injection', () => {
  it('fails the next N matching requests with the given status, then heals', async () => {
    const alice = createChatUser(emulator());
    const client = fastRetryingClient(alice.token, 0);
    const threadId = (await client.createChatThread({ topic: 'Faulty' })).chatThread?.id ?? '';
    const fault = emulator().faults.add({ route: 'sendChatMessage', status: 503, count: 2 });
    const thread = client.getChatThreadClient(threadId);
    await expectStatus(thread.sendMessage({ content: 'one' }), 503);
    await expectStatus(thread.sendMessage({ content: 'two' }), 503);
    await thread.sendMessage({ content: 'three' });
    expect(fault.hits).toBe(2);
    expect(
      emulator()
        .inspect.messages(threadId)
        .filter((message) => message.type === 'text'),
    ).toHaveLength(1);
    expect(emulator().operations.count({ route: 'sendChatMessage', threadId, status: 503 })).toBe(2);
  });

  it('lets the SDK retry a 429 carrying Retry-After, and a 503', async () => {
    const alice = createChatUser(emulator());
    const client = fastRetryingClient(alice.token, 3);
    const threadId = (await client.createChatThread({ topic: 'Retry' })).chatThread?.id ?? '';
    const since = emulator().operations.lastSeq;
    emulator().faults.add({ route: 'listChatMessages', status: 429, retryAfterSeconds: 0, count: 1 });
    emulator().faults.add({ route: 'getChatThreadProperties', status: 503, count: 1 });
    const messages = await collect(client.getChatThreadClient(threadId).listMessages());
    expect(messages).toHaveLength(2);
    await client.getChatThreadClient(threadId).getProperties();
    expect(
      emulator()
        .operations.list({ sinceSeq: since })
        .map((entry) => [entry.route, entry.status]),
    ).toEqual([
      ['listChatMessages', 429],
      ['listChatMessages', 200],
      ['getChatThreadProperties', 503],
      ['getChatThreadProperties', 200],
    ]);
  });

  it('drops connections, and matches RegExp routes against METHOD and raw path', async () => {
    const alice = createChatUser(emulator());
    const client = fastRetryingClient(alice.token, 0);
    const threadId = (await client.createChatThread({ topic: 'Dropped' })).chatThread?.id ?? '';
    emulator().faults.add({ route: /^GET \/chat\/threads\/[^/]+\/participants$/, drop: true, count: 1 });
    const error = await collect(client.getChatThreadClient(threadId).listParticipants()).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(Error);
    expect(
      emulator()
        .operations.list({ route: 'listChatParticipants' })
        .map((entry) => entry.outcome),
    ).toEqual(['dropped']);
    expect(await collect(client.getChatThreadClient(threadId).listParticipants())).toHaveLength(1);
  });

  it('can handle a request and then drop the answer, so the client cannot tell it succeeded', async () => {
    const alice = createChatUser(emulator());
    const client = fastRetryingClient(alice.token, 0);
    const threadId = (await client.createChatThread({ topic: 'Lost answers' })).chatThread?.id ?? '';
    emulator().faults.add({ route: 'sendChatMessage', dropAfterHandling: true, count: 1 });
    await expect(client.getChatThreadClient(threadId).sendMessage({ content: 'did it arrive?' })).rejects.toBeInstanceOf(Error);
    expect(
      emulator()
        .inspect.messages(threadId)
        .filter((message) => message.content?.message === 'did it arrive?'),
    ).toHaveLength(1);
    expect(
      emulator()
        .operations.list({ route: 'sendChatMessage', threadId })
        .map((entry) => [entry.outcome, entry.status]),
    ).toEqual([['dropped', 201]]);
  });

  it('delays answers by latencyMs, and rate 0 never fires', async () => {
    const alice = createChatUser(emulator());
    const threadId = (await alice.chat.createChatThread({ topic: 'Slow' })).chatThread?.id ?? '';
    const never = emulator().faults.add({ route: 'getChatThreadProperties', status: 500, rate: 0 });
    const slow = emulator().faults.add({ route: 'getChatThreadProperties', method: 'GET', latencyMs: 50, count: 1 });
    const started = performance.now();
    await alice.chat.getChatThreadClient(threadId).getProperties();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect([never.hits, slow.hits]).toEqual([0, 1]);
  });

  it('is reachable over the admin route', async () => {
    const alice = createChatUser(emulator());
    const admin = { authorization: `Bearer ${emulator().accessKey}`, 'content-type': 'application/json' };
    const added = await rawRequest(emulator().caPem, new URL('/admin/faults', emulator().endpoint).toString(), {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ route: 'createChatThread', status: 500, count: 1 }),
    });
    expect(added.status).toBe(201);
    await expectStatus(fastRetryingClient(alice.token, 0).createChatThread({ topic: 'x' }), 500);
    const listed = await rawRequest(emulator().caPem, new URL('/admin/faults', emulator().endpoint).toString(), { headers: admin });
    expect(listed.json).toEqual({ value: [] });
    const invalid = await rawRequest(emulator().caPem, new URL('/admin/faults', emulator().endpoint).toString(), {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ rate: 2 }),
    });
    expect(invalid.status).toBe(400);
  });
});
