import { afterEach, describe, expect, it } from 'vitest';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { createMemorySecretStore } from '../secrets/secret-store.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('accounts', () => {
  it('signs in with a connection string: Parley creates its own user once and reuses it', async () => {
    h = await startCoreHarness();
    const first = await h.call('signInWithConnectionString', { connectionString: h.emulator.connectionString, displayName: 'Admin' });
    expect(first).toMatchObject({ kind: 'connection-string', signedIn: true, endpoint: h.emulator.endpoint, secretPersisted: true });
    expect(first.userId).toMatch(/^8:acs:/);
    const other = createChatUser(h.emulator);
    const threadId = (await other.chat.createChatThread({ topic: 'For the admin' }, { participants: [{ id: { communicationUserId: first.userId } }] })).chatThread!.id;
    await h.call('syncNow', { accountId: first.id });
    expect((await h.call('listThreads', { accountId: first.id })).map((thread) => thread.id)).toEqual([threadId]);
    const again = await h.call('signInWithConnectionString', { connectionString: h.emulator.connectionString, displayName: 'Admin again' });
    expect(again.userId).toBe(first.userId);
    expect((await h.call('getAccountState')).accounts).toHaveLength(1);
    await expect(
      h.call('signInWithConnectionString', { connectionString: `endpoint=${h.emulator.endpoint};accesskey=${Buffer.alloc(32, 1).toString('base64')}`, displayName: 'Wrong key' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'connectionString',
    });
  });

  it('explains a missing keychain, and keeps the secret for this run only when asked', async () => {
    h = await startCoreHarness();
    const noKeychain = {
      ...createMemorySecretStore(),
      persistent: true,
      probe: async () => ({ state: 'unavailable' as const, reason: 'No system keychain could be reached (no D-Bus).' }),
    };
    Object.assign(h.keychain, noKeychain);
    await h.restartApp();
    const me = h.emulator.createUser();
    const { token } = h.emulator.issueToken(me, ['chat'], 60);
    await expect(h.call('signInWithToken', { endpoint: h.emulator.endpoint, token, displayName: 'Mina' })).rejects.toMatchObject({
      code: 'keychain-unavailable',
      message: expect.stringContaining('this run only'),
    });
    const account = await h.call('signInWithToken', { endpoint: h.emulator.endpoint, token, displayName: 'Mina', keychain: 'this-run-only' });
    expect(account).toMatchObject({ signedIn: true, secretPersisted: false });
    await h.restartApp();
    expect((await h.call('getAccountState')).accounts.find((entry) => entry.id === account.id)?.signedIn).toBe(false);
  });

  it('signs out, removing the secret, and the cache too when asked', async () => {
    h = await startCoreHarness();
    const me = h.emulator.createUser();
    const other = createChatUser(h.emulator);
    const keep = await h.signInAs(me, 'Mina');
    const purge = await h.signInAs(h.emulator.createUser(), 'Second');
    await other.chat.createChatThread({ topic: 'Kept' }, { participants: [{ id: { communicationUserId: me } }] });
    await h.call('syncNow', { accountId: keep });
    expect(await h.keychain.get(keep)).not.toBeNull();

    await h.call('signOut', { accountId: purge, purgeCache: true });
    expect(await h.keychain.get(purge)).toBeNull();
    await expect(h.call('listThreads', { accountId: purge })).rejects.toMatchObject({ code: 'not-found' });

    await h.call('signOut', { accountId: keep, purgeCache: false });
    expect(await h.keychain.get(keep)).toBeNull();
    expect((await h.call('getAccountState')).accounts).toEqual([]);
    expect(h.app.services.store.listThreads(keep).map((thread) => thread.topic)).toEqual(['Kept']);
  });
});
