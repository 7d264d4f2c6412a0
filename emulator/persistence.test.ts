import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from './index.ts';
import { chatClientFor, identityClientFor } from './test-support/sdk-clients.ts';
import { collect } from './test-support/use-emulator.ts';

const dataDirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-emulator-'));
  dataDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('persistence in a data dir', () => {
  it('keeps key, CA, users, tokens, threads, messages, participants and receipts across a restart', async () => {
    const dataDir = freshDataDir();
    const first = await startEmulator({ dataDir, rateLimits: false });
    const { user, token } = await identityClientFor(first).createUserAndToken(['chat']);
    const chat = chatClientFor(first, token);
    const threadId = (await chat.createChatThread({ topic: 'Durable' })).chatThread?.id ?? '';
    const { id } = await chat.getChatThreadClient(threadId).sendMessage({ content: 'still here' });
    await chat.getChatThreadClient(threadId).sendReadReceipt({ chatMessageId: id });
    const before = { accessKey: first.accessKey, caPem: first.caPem, resourceId: first.resourceId };
    expect(readFileSync(join(dataDir, 'ca.pem'), 'utf8')).toBe(first.caPem);
    await first.stop();

    const second = await startEmulator({ dataDir, rateLimits: false });
    try {
      expect({ accessKey: second.accessKey, caPem: second.caPem, resourceId: second.resourceId }).toEqual(before);
      const again = chatClientFor(second, token);
      const thread = again.getChatThreadClient(threadId);
      expect((await thread.getProperties()).topic).toBe('Durable');
      expect((await collect(thread.listMessages())).map((message) => message.content?.message ?? message.type)).toEqual(['still here', 'topicUpdated', 'participantAdded']);
      expect((await collect(thread.listReadReceipts())).map((receipt) => receipt.chatMessageId)).toEqual([id]);
      expect((await collect(thread.listParticipants())).length).toBe(1);
      const next = await thread.sendMessage({ content: 'after restart' });
      expect(Number(next.id)).toBeGreaterThan(Number(id));
      await identityClientFor(second).getToken(user, ['chat']);
    } finally {
      await second.stop();
    }
  });

  it('seeds the demo once per data dir', async () => {
    const dataDir = freshDataDir();
    const first = await startEmulator({ dataDir, seedDemo: true });
    const demo = first.demo;
    const threadCount = first.inspect.threads().length;
    await first.stop();
    const second = await startEmulator({ dataDir, seedDemo: true });
    try {
      expect(second.demo).toEqual(demo);
      expect(second.inspect.threads()).toHaveLength(threadCount);
    } finally {
      await second.stop();
    }
  });

  it('uses an explicit access key without changing the stored one', async () => {
    const dataDir = freshDataDir();
    const first = await startEmulator({ dataDir });
    const stored = first.accessKey;
    await first.stop();
    const explicitKey = Buffer.alloc(32, 1).toString('base64');
    const second = await startEmulator({ dataDir, accessKey: explicitKey });
    expect(second.connectionString).toBe(`endpoint=${second.endpoint};accesskey=${explicitKey}`);
    await identityClientFor(second).createUser();
    await second.stop();
    const third = await startEmulator({ dataDir });
    expect(third.accessKey).toBe(stored);
    await third.stop();
  });
});
