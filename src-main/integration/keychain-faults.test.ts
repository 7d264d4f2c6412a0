import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import type { AccountSummary } from '../../src-preload/contract.ts';
import { createKeytarSecretStore } from '../secrets/keytar-store.ts';
import type { KeychainStore } from '../secrets/secret-store.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { startPrivateKeyring, type PrivateKeyring } from '../test-support/private-keyring.ts';

const started = await startPrivateKeyring();
const skip = 'skip' in started ? started.skip : null;
if (skip) console.log(`[keychain-faults.test] skipped: a private GNOME Keyring is needed (${skip})`);
const keyring = skip ? null : (started as PrivateKeyring);

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Two Parley runs side by side on one keychain: one restarts while the keychain is locked, the other lives through its daemon stopping. */
describe.runIf(keyring)('the keychain locked or gone mid-run', () => {
  let emulator: Emulator;
  let keychain: KeychainStore;
  let first: CoreHarness;
  let second: CoreHarness;
  let other: ChatUser;
  let threadId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false });
    keychain = createKeytarSecretStore('Parley-keychain-faults');
    first = await startCoreHarness({ existingEmulator: emulator, keychain });
    second = await startCoreHarness({ existingEmulator: emulator, keychain });
    other = createChatUser(emulator);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await emulator?.stop();
    await keyring?.close();
  });

  const accountsOf = async (h: CoreHarness) => (await h.call('getAccountState')).accounts;
  const newThreadWith = async (userIds: string[]) =>
    (await other.chat.createChatThread({ topic: 'Keys' }, { participants: userIds.map((userId) => ({ id: { communicationUserId: userId } })) })).chatThread!.id;

  /** A message from the other side reaches the account, and one the account sends reaches the service. */
  async function stillWorks(h: CoreHarness, accountId: string, label: string): Promise<void> {
    await other.chat.getChatThreadClient(threadId).sendMessage({ content: `incoming ${label}` });
    await h.call('syncNow', { accountId });
    await h.until(
      async () => (await h.call('listMessages', { accountId, threadId })).messages.some((message) => message.content === `incoming ${label}`),
      10_000,
      `incoming ${label}`,
    );
    await h.call('sendMessage', { accountId, threadId, content: `outgoing ${label}`, type: 'text' });
    await h.until(() => emulator.inspect.messages(threadId).some((message) => message.content.message === `outgoing ${label}`), 15_000, `outgoing ${label}`);
  }

  it('keeps signed-in accounts working from memory, reports an unreadable secret once at the account, and writes it nowhere else', async () => {
    const tokenUser = emulator.createUser();
    const { token } = emulator.issueToken(tokenUser, ['chat'], 60);
    const tokenAccount = await first.call('signInWithToken', { endpoint: emulator.endpoint, token, displayName: 'Mina' });
    const stringAccount = await second.call('signInWithConnectionString', { connectionString: emulator.connectionString, displayName: 'Admin' });
    threadId = await newThreadWith([tokenUser, stringAccount.userId]);
    await first.call('saveDraft', { accountId: tokenAccount.id, threadId, text: 'a draft to keep', format: 'text' });
    await first.call('updateSettings', { theme: 'dark' });

    keyring!.lock();
    await stillWorks(first, tokenAccount.id, 'after lock (token)');
    await stillWorks(second, stringAccount.id, 'after lock (connection string)');
    const { token: freshToken } = emulator.issueToken(emulator.createUser(), ['chat'], 60);
    await expect(first.call('signInWithToken', { endpoint: emulator.endpoint, token: freshToken, displayName: 'New' })).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringMatching(/locked.*this run only/s),
    });

    // A restart while locked: the account stays, signed out, with the problem at the account.
    await first.restartApp();
    const afterRestart = (await accountsOf(first)).find((account) => account.id === tokenAccount.id);
    expect(afterRestart).toMatchObject({ signedIn: false, keychainProblem: 'locked' } satisfies Partial<AccountSummary>);
    await first.call('sendMessage', { accountId: tokenAccount.id, threadId, content: 'queued while locked', type: 'text' });
    await expect(first.call('retryAccountSecret', { accountId: tokenAccount.id })).rejects.toMatchObject({ code: 'keychain-unavailable' });
    await expect(first.call('retryAccountSecret', { accountId: tokenAccount.id })).rejects.toMatchObject({ code: 'keychain-unavailable' });

    await keyring!.stopDaemon();
    await stillWorks(second, stringAccount.id, 'after the daemon stopped');
    await expect(second.call('signInWithToken', { endpoint: emulator.endpoint, token: freshToken, displayName: 'New' })).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringMatching(/No system keychain could be reached.*this run only/s),
    });
    await expect(first.call('retryAccountSecret', { accountId: tokenAccount.id })).rejects.toMatchObject({ code: 'keychain-unavailable' });
    expect((await accountsOf(first)).find((account) => account.id === tokenAccount.id)?.keychainProblem).toBe('unavailable');
    await second.restartApp();
    expect(await accountsOf(second)).toEqual([expect.objectContaining({ id: stringAccount.id, signedIn: false, keychainProblem: 'unavailable' })]);

    const reports = first.log.lines.filter((line) => line.includes(`the secret of account ${tokenAccount.id} could not be read`));
    expect(reports).toHaveLength(1);
    const outbox = await first.call('listOutbox', { accountId: tokenAccount.id, threadId });
    expect(outbox.map((item) => item.content)).toEqual(['queued while locked']);
    const draft = await first.call('getDraft', { accountId: tokenAccount.id, threadId });
    expect(draft).toEqual({ text: 'a draft to keep', format: 'text' });
    expect((await first.call('getSettings')).theme).toBe('dark');
    const accessKey = /accesskey=([^;]+)/i.exec(emulator.connectionString)![1]!;
    for (const file of [...filesUnder(first.dataDir), ...filesUnder(second.dataDir)]) {
      const bytes = readFileSync(file, 'latin1');
      expect(bytes.includes(token) || bytes.includes(accessKey), file).toBe(false);
    }
    console.log(
      `faults: keychain locked mid-run, restart while locked, Secret Service daemon stopped mid-run; ` +
        `kept: outbox ${outbox.length}/1, drafts ${draft ? 1 : 0}/1, settings, accounts 2/2 (signed-in sessions kept working; problem reported once at the account; no secret in the profile)`,
    );
  }, 120_000);
});
