import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { connectBridge, type BridgeClient } from '../test-support/bridge-client.ts';
import { startBrowserShell, type RunningShell } from '../test-support/browser-shell-process.ts';

const hasKeyring = process.env.PARLEY_TEST_KEYRING === '1';
if (!hasKeyring) console.log('[crash-recovery.test] skipped: it needs the throwaway keyring that `npm test` provides (the account must survive a restart)');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** kill -9 of the real browser-shell process mid-sync and mid-send: nothing lost, nothing sent twice, the database intact. */
describe.runIf(hasKeyring)('crash recovery', () => {
  const serviceDir = mkdtempSync(join(tmpdir(), 'parley-crash-service-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'parley-crash-profile-'));
  let emulator: Emulator;
  let shell: RunningShell | undefined;
  let bridge: BridgeClient | undefined;

  afterAll(async () => {
    bridge?.close();
    await shell?.stop();
    await emulator?.stop();
    rmSync(serviceDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  const launch = async () => {
    bridge?.close();
    shell = await startBrowserShell({ dataDir: profileDir, env: { NODE_EXTRA_CA_CERTS: join(serviceDir, 'ca.pem') } });
    bridge = await connectBridge(shell.origin, shell.token);
    return bridge;
  };

  it('loses nothing and duplicates nothing across kill -9 during a heavy sync and during a burst of sends', async () => {
    emulator = await startEmulator({ dataDir: serviceDir, rateLimits: false });
    const me = emulator.createUser();
    const other = createChatUser(emulator);
    const threadId = (await other.chat.createChatThread({ topic: 'Heavy' }, { participants: [{ id: { communicationUserId: me } }] })).chatThread!.id;
    const thread = other.chat.getChatThreadClient(threadId);
    const history = 1500;
    for (let batch = 0; batch < history; batch += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, index) => thread.sendMessage({ content: `history #${batch + index}` })));
    }

    let client = await launch();
    const { token } = emulator.issueToken(me, ['chat'], 1440);
    const account = await client.call('signInWithToken', { endpoint: emulator.endpoint, token, displayName: 'Mina' });
    await waitFor('the first synced page', async () => client.events.some((entry) => entry.event === 'thread-changed'));
    expect(await shell!.stop('SIGKILL')).toBeNull();

    client = await launch();
    const burst = Array.from({ length: 10 }, (_, index) => `burst #${index}`);
    await waitFor('the account to be restored', async () => (await client.call('getAccountState')).accounts.find((entry) => entry.signedIn));
    await waitFor('the thread in the cache', async () => (await client.call('listThreads', { accountId: account.id })).length === 1);
    await Promise.all(burst.map((content) => client.call('sendMessage', { accountId: account.id, threadId, content, type: 'text' })));
    expect(await shell!.stop('SIGKILL')).toBeNull();

    const database = new Database(join(profileDir, 'cache.sqlite'), { readonly: true });
    expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
    database.close();

    client = await launch();
    await client.call('syncNow', { accountId: account.id });
    await waitFor('the outbox to drain', async () => (await client.call('listOutbox', { accountId: account.id, threadId })).length === 0, 120_000);
    const onService = emulator.inspect.messages(threadId).map((message) => message.content.message ?? '');
    for (const content of burst)
      expect(
        onService.filter((text) => text === content),
        content,
      ).toHaveLength(1);

    const cached = new Set<string>();
    await waitFor('the whole history in the cache', async () => {
      cached.clear();
      let before: number | undefined;
      for (;;) {
        const page = await client.call('listMessages', { accountId: account.id, threadId, limit: 500, ...(before !== undefined ? { beforeSequenceId: before } : {}) });
        for (const message of page.messages) if (message.type === 'text') cached.add(message.content);
        if (!page.hasOlder || page.messages.length === 0) break;
        before = page.messages[0]!.sequenceId;
      }
      return cached.size >= history + burst.length;
    });
    for (let index = 0; index < history; index += 1) expect(cached.has(`history #${index}`)).toBe(true);
    for (const content of burst) expect(cached.has(content)).toBe(true);
    await shell!.stop();
    const reopened = new Database(join(profileDir, 'cache.sqlite'), { readonly: true });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  }, 180_000);
});
