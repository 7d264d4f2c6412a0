import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

/** SDK 1.6 thread properties and identifier kinds through Parley's api, against the emulator, with the official SDK as another app. */
describe('thread properties and identifier kinds through the api', () => {
  let h: CoreHarness;
  let accountId: string;
  let me: string;
  let other: ChatUser;
  let threadId: string;

  beforeAll(async () => {
    h = await startCoreHarness();
    me = h.emulator.createUser();
    other = createChatUser(h.emulator);
    accountId = await h.signInAs(me, 'Mina');
  });

  afterAll(() => h.stop());

  it('creates a thread with metadata and "delete after 30 days", cached at once', async () => {
    const created = await h.call('createThread', {
      accountId,
      topic: 'Retained',
      participants: [{ userId: other.userId, displayName: 'Oskar' }],
      metadata: { crm: 'lead-1' },
      retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 },
    });
    threadId = created.thread.id;
    expect(created.thread).toMatchObject({ metadata: { crm: 'lead-1' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } });
    expect(h.emulator.inspect.thread(threadId)).toMatchObject({ metadata: { crm: 'lead-1' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } });
  });

  it('sends only the changed metadata keys: another app’s key survives, and the cache holds the merged result', async () => {
    await other.chat.getChatThreadClient(threadId).updateProperties({ metadata: { theirs: 'kept' } });
    await h.call('updateThreadProperties', { accountId, threadId, metadataChanges: { crm: 'lead-2', stage: 'won' } });
    expect(h.emulator.inspect.thread(threadId)?.metadata).toEqual({ crm: 'lead-2', theirs: 'kept', stage: 'won' });
    expect((await h.call('getThread', { accountId, threadId })).metadata).toEqual({ crm: 'lead-2', theirs: 'kept', stage: 'won' });
    await h.call('updateThreadProperties', { accountId, threadId, metadataChanges: { stage: null } });
    expect(h.emulator.inspect.thread(threadId)?.metadata).toEqual({ crm: 'lead-2', theirs: 'kept' });
  });

  it('refuses changes that would take the merged metadata over the service limit, before sending', async () => {
    await expect(h.call('updateThreadProperties', { accountId, threadId, metadataChanges: { big: 'x'.repeat(1010) } })).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'metadataChanges',
      message: 'invalid-input: Metadata can hold at most 1024 bytes of keys and values.',
    });
    expect(h.emulator.inspect.thread(threadId)?.metadata).toEqual({ crm: 'lead-2', theirs: 'kept' });
  });

  it('changes the retention policy, and reads one another app set', async () => {
    await h.call('updateThreadProperties', { accountId, threadId, retentionPolicy: { kind: 'none' } });
    expect(h.emulator.inspect.thread(threadId)?.retentionPolicy).toEqual({ kind: 'none' });
    expect((await h.call('getThread', { accountId, threadId })).retentionPolicy).toEqual({ kind: 'none' });
    await other.chat.getChatThreadClient(threadId).updateProperties({ retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 60 } });
    await h.call('syncNow', { accountId });
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await expect.poll(async () => (await h.call('getThread', { accountId, threadId })).retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 60 });
  });

  it('adds people of every kind: the emulator refuses the kinds it cannot host, one by one; participants carry kind and metadata', async () => {
    const third = createChatUser(h.emulator);
    const teams = '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130';
    const phone = '4:+14255550123';
    const bot = '28:orgid:45ab2481-1c1c-4005-be24-0ffb879b1131';
    const result = await h.call('addParticipants', { accountId, threadId, participants: [{ userId: third.userId }, { userId: teams }, { userId: phone }, { userId: bot }] });
    expect(result.added).toEqual([third.userId]);
    expect(result.failed.map((failure) => [failure.userId, failure.kind])).toEqual([
      [teams, 'teams-user'],
      [phone, 'phone'],
      [bot, 'bot'],
    ]);
    const people = await h.call('listParticipants', { accountId, threadId });
    expect(people.find((person) => person.userId === third.userId)?.kind).toBe('acs-user');
    expect(people.map((person) => person.userId)).not.toContain(teams);
  });

  it('shows the metadata another app gave a participant', async () => {
    const { chatThread } = await other.chat.createChatThread(
      { topic: 'Hosted elsewhere' },
      { participants: [{ id: { communicationUserId: other.userId }, metadata: { role: 'host' } }, { id: { communicationUserId: me } }] },
    );
    await h.call('syncNow', { accountId });
    const people = await h.call('listParticipants', { accountId, threadId: chatThread!.id });
    expect(people.find((person) => person.userId === other.userId)).toMatchObject({ kind: 'acs-user', metadata: { role: 'host' } });
  });

  it('reads properties, kinds and participant metadata from the cache after a restart', async () => {
    await h.restartApp();
    const thread = await h.call('getThread', { accountId, threadId });
    expect(thread.metadata).toEqual({ crm: 'lead-2', theirs: 'kept' });
    expect(thread.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 60 });
    const people = await h.call('listParticipants', { accountId, threadId });
    expect(people.map((person) => person.kind)).toEqual(people.map(() => 'acs-user'));
  });
});
