import { afterEach, describe, expect, it } from 'vitest';
import { createChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { createMemorySecretStore } from '../secrets/secret-store.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Two accounts signed in on one emulator ('Home', then 'Work'), and another user who starts conversations with them. */
async function twoAccounts(h: CoreHarness) {
  const user = createChatUser(h.emulator);
  const threadWith = async (topic: string, member: string) =>
    (await user.chat.createChatThread({ topic }, { participants: [{ id: { communicationUserId: member } }, { id: { communicationUserId: user.userId } }] })).chatThread!.id;
  const home = h.emulator.createUser();
  const work = h.emulator.createUser();
  const homeId = await h.signInAs(home, 'Home');
  const workId = await h.signInAs(work, 'Work');
  return { other: { ...user, threadWith }, home, work, homeId, workId };
}

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

  it('tells each account’s unread total, and tells it again when sync brings a message for an account that is not active', async () => {
    h = await startCoreHarness();
    const { other, work, homeId, workId } = await twoAccounts(h);
    await h.call('setActiveAccount', { accountId: homeId });
    const unreadOf = async (accountId: string) => (await h!.call('getAccountState')).accounts.find((account) => account.id === accountId)?.unread;
    expect(await unreadOf(workId)).toBe(0);

    const rota = await other.threadWith('Rota', work);
    const thread = other.chat.getChatThreadClient(rota);
    await thread.sendMessage({ content: 'Who takes Friday?' });
    await thread.sendMessage({ content: 'And Saturday?' });
    const told = h.nextEvent('accounts-changed', (state) => state.accounts.find((account) => account.id === workId)?.unread === 2);
    await h.call('syncNow', { accountId: workId });
    const state = await told;
    expect(state.activeAccountId).toBe(homeId);
    expect(state.accounts.find((account) => account.id === homeId)?.unread).toBe(0);
    expect(h.badge.at(-1)).toBe(2);

    // Read in full: the count goes back to nothing, and the page is told so.
    const newest = (await h.call('listMessages', { accountId: workId, threadId: rota })).messages.at(-1)!;
    const cleared = h.nextEvent('accounts-changed', (next) => next.accounts.find((account) => account.id === workId)?.unread === 0);
    await h.call('markRead', { accountId: workId, threadId: rota, messageId: newest.id });
    await cleared;
    expect(await unreadOf(workId)).toBe(0);
  });

  it('remembers the open conversation per account across a restart, and forgets it once the thread is left or deleted', async () => {
    h = await startCoreHarness();
    const { other, home, work, homeId, workId } = await twoAccounts(h);
    const create = other.threadWith;
    const homeThread = await create('Garden', home);
    const homeSecond = await create('Plumber', home);
    const workThread = await create('Rota', work);
    await h.call('syncNow', { accountId: homeId });
    await h.call('syncNow', { accountId: workId });
    const show = (accountId: string | null, threadId?: string) =>
      h!.call('reportWindowFocus', { focused: true, visible: true, open: accountId && threadId ? { accountId, threadId } : null });

    expect(await h.call('getLastOpenThread', { accountId: homeId })).toBeNull();
    await show(homeId, homeThread);
    await show(workId, workThread);
    await show(null); // nothing on screen (the window was closed, say) is not a choice to remember
    await show(homeId, 'a-thread-parley-never-saw');
    await h.restartApp();
    expect(await h.call('getLastOpenThread', { accountId: homeId })).toEqual({ accountId: homeId, threadId: homeThread });
    expect(await h.call('getLastOpenThread', { accountId: workId })).toEqual({ accountId: workId, threadId: workThread });
    expect((await h.call('getAccountState')).activeAccountId).toBe(workId);

    await h.call('leaveThread', { accountId: homeId, threadId: homeThread });
    expect(await h.call('getLastOpenThread', { accountId: homeId })).toBeNull();

    // Deleted by someone else: sync (its full scan) keeps it cached, marked deleted, and it is not opened again.
    await show(homeId, homeSecond);
    expect(await h.call('getLastOpenThread', { accountId: homeId })).toEqual({ accountId: homeId, threadId: homeSecond });
    h.app.services.store.markThreadDeleted(homeId, homeSecond, Date.now());
    expect(await h.call('getLastOpenThread', { accountId: homeId })).toBeNull();
    await expect(h.call('getLastOpenThread', { accountId: 'acct-nobody' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
