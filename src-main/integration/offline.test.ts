import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

const serviceDir = mkdtempSync(join(tmpdir(), 'parley-service-'));
const profileDir = mkdtempSync(join(tmpdir(), 'parley-profile-'));
let emulator: Emulator | undefined;
let h: CoreHarness | undefined;

afterAll(async () => {
  await h?.stop();
  await emulator?.stop();
  rmSync(serviceDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('offline first', () => {
  it('keeps every cached thread and message readable and searchable with the service gone and after a restart, and delivers what was written meanwhile exactly once', async () => {
    emulator = await startEmulator({ dataDir: serviceDir, rateLimits: false });
    const port = emulator.port;
    const accessKey = emulator.accessKey;
    h = await startCoreHarness({ existingEmulator: emulator, dataDir: profileDir });
    const me = emulator.createUser();
    const other = createChatUser(emulator);
    const accountId = await h.signInAs(me, 'Mina');
    const created = await other.chat.createChatThread({ topic: '주간 회의' }, { participants: [{ id: { communicationUserId: me } }] });
    const threadId = created.chatThread!.id;
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: '내일 회의는 10시에 시작합니다' });
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'Deployment checklist attached' });
    await h.call('syncNow', { accountId });
    await h.until(async () => (await h!.call('listMessages', { accountId, threadId })).messages.some((message) => message.content.startsWith('Deployment')));

    await emulator.stop();
    await h.restartApp();
    await h.call('syncNow', { accountId });
    expect((await h.call('getSyncState', { accountId })).state).toBe('offline');
    expect((await h.call('listThreads', { accountId })).map((thread) => thread.topic)).toEqual(['주간 회의']);
    const cached = (await h.call('listMessages', { accountId, threadId })).messages.map((message) => message.content);
    expect(cached).toEqual(expect.arrayContaining(['내일 회의는 10시에 시작합니다', 'Deployment checklist attached']));
    expect((await h.call('search', { accountId, query: '회의' })).messages.map((hit) => hit.threadId)).toEqual([threadId]);
    expect((await h.call('search', { accountId, query: 'deploy' })).messages.length).toBe(1);

    await h.call('saveDraft', { accountId, threadId, text: 'half a thought', format: 'text' });
    const queued = await h.call('sendMessage', { accountId, threadId, content: '오프라인에서 쓴 메시지', type: 'text' });
    await h.until(
      async () => (await h!.call('listOutbox', { accountId, threadId })).find((item) => item.clientId === queued.clientId && item.state === 'queued'),
      10_000,
      'a queued send',
    );
    await h.restartApp();
    expect((await h.call('getDraft', { accountId, threadId })).text).toBe('half a thought');
    expect((await h.call('listOutbox', { accountId, threadId })).map((item) => item.content)).toEqual(['오프라인에서 쓴 메시지']);

    emulator = await startEmulator({ dataDir: serviceDir, port, accessKey, rateLimits: false });
    await h.call('syncNow', { accountId });
    await h.until(async () => (await h!.call('listOutbox', { accountId, threadId })).length === 0, 30_000, 'the outbox to drain');
    const delivered = emulator.inspect.messages(threadId).filter((message) => message.content.message === '오프라인에서 쓴 메시지');
    expect(delivered).toHaveLength(1);
    await h.until(async () => (await h!.call('listMessages', { accountId, threadId })).messages.some((message) => message.content === '오프라인에서 쓴 메시지'));
  });

  it('never writes a secret to the profile, the log or anything the renderer receives', async () => {
    const secrets = [...(await Promise.all((await h!.call('getAccountState')).accounts.map((account) => h!.keychain.get(account.id))))].filter(
      (secret): secret is string => secret !== null,
    );
    expect(secrets.length).toBeGreaterThan(0);
    const tokens = secrets.map((secret) => (JSON.parse(secret) as { token: string }).token);
    const tokenParts = tokens.flatMap((token) => token.split('.').filter((part) => part.length > 20));
    const haystacks = [
      ...filesUnder(profileDir).map((file) => readFileSync(file).toString('latin1')),
      h!.log.lines.join('\n'),
      JSON.stringify(h!.events),
      JSON.stringify(await h!.call('getAccountState')),
    ];
    for (const part of [...tokenParts, emulator!.accessKey]) {
      for (const haystack of haystacks) expect(haystack.includes(part)).toBe(false);
    }
  });
});
