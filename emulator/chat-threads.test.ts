import { describe, expect, it } from 'vitest';
import type { ChatParticipant } from '@azure/communication-chat';
import { ChatClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import type { CommunicationUserIdentifier } from '@azure/communication-common';
import { createChatUser, sdkClientOptions } from './test-support/sdk-clients.ts';
import { collect, expectStatus, useEmulator } from './test-support/use-emulator.ts';

// Strictly increasing time, so that activity ordering between threads is never a tie; `aheadMs` moves it on.
let lastMs = 0;
let aheadMs = 0;
const emulator = useEmulator({ clock: { now: () => (lastMs = Math.max(Date.now() + aheadMs, lastMs + 1)) } });

const asParticipant = (userId: string, displayName?: string): ChatParticipant => ({
  id: { communicationUserId: userId },
  ...(displayName === undefined ? {} : { displayName }),
});
const userIdOf = (id: unknown): string => (id as CommunicationUserIdentifier).communicationUserId;

describe('threads', () => {
  it('creates a thread with the creator as participant and the two system messages', async () => {
    const alice = createChatUser(emulator());
    const bob = createChatUser(emulator());
    const result = await alice.chat.createChatThread({ topic: 'Plans' }, { participants: [asParticipant(bob.userId, 'Bob')] });
    expect(result.invalidParticipants).toBeUndefined();
    const thread = result.chatThread;
    expect(thread?.id).toMatch(/^19:acsV1_[A-Za-z0-9_-]{43}1@thread\.v2$/);
    expect(thread?.topic).toBe('Plans');
    expect(userIdOf(thread?.createdBy)).toBe(alice.userId);

    const threadClient = alice.chat.getChatThreadClient(thread?.id ?? '');
    const messages = await collect(threadClient.listMessages());
    expect(messages.map((message) => [message.sequenceId, message.type])).toEqual([
      ['2', 'topicUpdated'],
      ['1', 'participantAdded'],
    ]);
    const [topicUpdated, participantAdded] = messages;
    expect(topicUpdated?.content?.topic).toBe('Plans');
    expect(topicUpdated?.sender).toBeUndefined();
    expect(userIdOf(topicUpdated?.content?.initiator)).toBe(alice.userId);
    expect(participantAdded?.content?.participants?.map((participant) => [userIdOf(participant.id), participant.displayName])).toEqual([
      [alice.userId, undefined],
      [bob.userId, 'Bob'],
    ]);
    expect(participantAdded?.version).toBe(participantAdded?.id);
    expect(participantAdded?.id).toMatch(/^\d{13}$/);

    const participants = await collect(threadClient.listParticipants());
    expect(participants.map((participant) => userIdOf(participant.id)).sort()).toEqual([alice.userId, bob.userId].sort());
    expect((await bob.chat.getChatThreadClient(thread?.id ?? '').getProperties()).topic).toBe('Plans');
  });

  it('reports unknown well-formed users as invalidParticipants and refuses malformed ids', async () => {
    const alice = createChatUser(emulator());
    const stranger = `8:acs:${emulator().resourceId}_00000000-0000-0000-0000-000000000001`;
    const result = await alice.chat.createChatThread({ topic: 'Invalid' }, { participants: [asParticipant(stranger)] });
    expect(result.invalidParticipants).toEqual([{ code: '403', message: 'Permissions check failed', target: stranger }]);
    await expectStatus(alice.chat.createChatThread({ topic: 'Malformed' }, { participants: [asParticipant('8:acs:fakeid===')] }), 400);
  });

  it('validates the topic and the retention policy', async () => {
    const alice = createChatUser(emulator());
    await expectStatus(alice.chat.createChatThread({ topic: '' }), 400);
    for (const days of [29, 91]) {
      await expectStatus(alice.chat.createChatThread({ topic: 'Retention' }, { retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: days } }), 400);
    }
    const created = await alice.chat.createChatThread(
      { topic: 'Retention' },
      { retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 }, metadata: { team: 'blue' } },
    );
    const properties = await alice.chat.getChatThreadClient(created.chatThread?.id ?? '').getProperties();
    expect(properties.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 30 });
    expect(properties.metadata).toEqual({ team: 'blue' });
  });

  it('updates topic, metadata and retention policy, with a topicUpdated message on a topic change', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Old' });
    const thread = alice.chat.getChatThreadClient(chatThread?.id ?? '');
    await thread.updateTopic('New');
    await thread.updateProperties({ metadata: { a: '1', b: '2' }, retentionPolicy: { kind: 'none' } });
    await thread.updateProperties({ metadata: { b: '3' } });
    const properties = await thread.getProperties();
    expect(properties.topic).toBe('New');
    expect(properties.metadata).toEqual({ a: '1', b: '3' });
    expect(properties.retentionPolicy).toEqual({ kind: 'none' });
    const [latest] = await collect(thread.listMessages());
    expect(latest?.type).toBe('topicUpdated');
    expect(latest?.content?.topic).toBe('New');
    await expectStatus(thread.updateProperties({ retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 7 } }), 400);
  });

  it('deletes a thread: 404 afterwards for members, listed with deletedOn', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Doomed' });
    const threadId = chatThread?.id ?? '';
    await alice.chat.deleteChatThread(threadId);
    await expectStatus(alice.chat.getChatThreadClient(threadId).getProperties(), 404);
    await expectStatus(alice.chat.getChatThreadClient(threadId).sendMessage({ content: 'hello?' }), 404);
    const listed = (await collect(alice.chat.listChatThreads())).find((item) => item.id === threadId);
    expect(listed?.deletedOn).toBeInstanceOf(Date);
  });

  it('keeps threads private to their participants', async () => {
    const alice = createChatUser(emulator());
    const mallory = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Private' });
    const asMallory = mallory.chat.getChatThreadClient(chatThread?.id ?? '');
    await expectStatus(asMallory.getProperties(), 403);
    await expectStatus(asMallory.sendMessage({ content: 'let me in' }), 403);
    await expectStatus(collect(asMallory.listMessages()), 403);
    await expectStatus(mallory.chat.getChatThreadClient('19:nope@thread.v2').getProperties(), 404);
    expect((await collect(mallory.chat.listChatThreads())).map((item) => item.id)).not.toContain(chatThread?.id);
  });

  it('lists threads newest activity first, paged, filtered by startTime', async () => {
    const alice = createChatUser(emulator());
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push((await alice.chat.createChatThread({ topic: `T${index}` })).chatThread?.id ?? '');
    }
    await alice.chat.getChatThreadClient(ids[1] ?? '').sendMessage({ content: 'bump' });
    // Past the second of their creation, so that every thread has its lastMessageReceivedOn.
    aheadMs += 2_000;
    const listed = await collect(alice.chat.listChatThreads({ maxPageSize: 2 }));
    expect(listed.map((item) => item.id)).toEqual([ids[1], ids[4], ids[3], ids[2], ids[0]]);
    const pages = await collect(alice.chat.listChatThreads({ maxPageSize: 2 }).byPage());
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);

    const bumped = listed[0]?.lastMessageReceivedOn ?? new Date(0);
    const since = await collect(alice.chat.listChatThreads({ startTime: bumped }));
    expect(since.map((item) => item.id)).toContain(ids[1]);
    expect(since.every((item) => (item.lastMessageReceivedOn?.getTime() ?? 0) >= bumped.getTime())).toBe(true);
  });

  it('replays an idempotent create with the same body', async () => {
    const alice = createChatUser(emulator());
    const first = await alice.chat.createChatThread({ topic: 'Once' }, { idempotencyToken: 'create-once-1' });
    const second = await alice.chat.createChatThread({ topic: 'Once' }, { idempotencyToken: 'create-once-1' });
    expect(second).toEqual(first);
    const matching = (await collect(alice.chat.listChatThreads())).filter((item) => item.id === first.chatThread?.id);
    expect(matching).toHaveLength(1);
  });

  it('enforces the participant limits (200 per call, 250 per thread)', async () => {
    const alice = createChatUser(emulator());
    const users = Array.from({ length: 250 }, () => emulator().createUser());
    await expectStatus(alice.chat.createChatThread({ topic: 'Crowd' }, { participants: users.slice(0, 201).map((id) => asParticipant(id)) }), 400);
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Crowd' }, { participants: users.slice(0, 200).map((id) => asParticipant(id)) });
    const thread = alice.chat.getChatThreadClient(chatThread?.id ?? '');
    await thread.addParticipants({ participants: users.slice(200, 249).map((id) => asParticipant(id)) });
    expect(await collect(thread.listParticipants())).toHaveLength(250);
    await expectStatus(thread.addParticipants({ participants: [asParticipant(users[249] ?? '')] }), 400);
  });

  it('enforces token scopes: chat.join cannot manage threads, chat.join.limited cannot manage participants', async () => {
    const owner = createChatUser(emulator());
    const joiner = createChatUser(emulator(), ['chat.join']);
    const limited = createChatUser(emulator(), ['chat.join.limited']);
    const voipOnly = createChatUser(emulator(), ['voip']);
    const extra = emulator().createUser();
    const { chatThread } = await owner.chat.createChatThread(
      { topic: 'Scopes' },
      { participants: [asParticipant(joiner.userId), asParticipant(limited.userId), asParticipant(voipOnly.userId)] },
    );
    const threadId = chatThread?.id ?? '';

    await expectStatus(joiner.chat.createChatThread({ topic: 'no' }), 403);
    await expectStatus(joiner.chat.getChatThreadClient(threadId).updateTopic('no'), 403);
    await expectStatus(joiner.chat.deleteChatThread(threadId), 403);
    await joiner.chat.getChatThreadClient(threadId).addParticipants({ participants: [asParticipant(extra)] });
    await joiner.chat.getChatThreadClient(threadId).sendMessage({ content: 'joined' });

    await expectStatus(limited.chat.getChatThreadClient(threadId).removeParticipant({ communicationUserId: extra }), 403);
    await expectStatus(limited.chat.getChatThreadClient(threadId).addParticipants({ participants: [asParticipant(extra)] }), 403);
    await limited.chat.getChatThreadClient(threadId).sendMessage({ content: 'limited but here' });

    await expectStatus(voipOnly.chat.getChatThreadClient(threadId).sendMessage({ content: 'voip' }), 403);
  });
});

describe('participants', () => {
  it('adds, lists with paging, and removes participants, with system messages', async () => {
    const alice = createChatUser(emulator());
    const others = Array.from({ length: 4 }, () => emulator().createUser());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Team' });
    const thread = alice.chat.getChatThreadClient(chatThread?.id ?? '');
    const added = await thread.addParticipants({ participants: others.map((id, index) => asParticipant(id, `User ${index}`)) });
    expect(added.invalidParticipants).toBeUndefined();
    await thread.addParticipants({ participants: [asParticipant(others[0] ?? '', 'Renamed')] });

    const pages = await collect(thread.listParticipants({ maxPageSize: 2 }).byPage());
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const listed = pages.flat();
    expect(listed.find((participant) => userIdOf(participant.id) === others[0])?.displayName).toBe('User 0');

    await thread.removeParticipant({ communicationUserId: others[1] ?? '' });
    await thread.removeParticipant({ communicationUserId: others[1] ?? '' });
    const messages = await collect(thread.listMessages());
    expect(messages.map((message) => message.type)).toEqual(['participantRemoved', 'participantAdded', 'topicUpdated', 'participantAdded']);
    expect(messages[0]?.content?.participants?.map((participant) => userIdOf(participant.id))).toEqual([others[1]]);
    expect(await collect(thread.listParticipants())).toHaveLength(4);
  });

  it('returns invalidParticipants for unknown users on add, 400 for malformed ids', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Add' });
    const thread = alice.chat.getChatThreadClient(chatThread?.id ?? '');
    const stranger = `8:acs:${emulator().resourceId}_00000000-0000-0000-0000-000000000002`;
    const result = await thread.addParticipants({ participants: [asParticipant(stranger)] });
    expect(result.invalidParticipants).toEqual([{ code: '403', message: 'Permissions check failed', target: stranger }]);
    await expectStatus(thread.addParticipants({ participants: [asParticipant('8:acs:fakeid===')] }), 400);
  });

  it('a participant who leaves loses access', async () => {
    const alice = createChatUser(emulator());
    const bob = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Leaving' }, { participants: [asParticipant(bob.userId)] });
    const asBob = bob.chat.getChatThreadClient(chatThread?.id ?? '');
    await asBob.sendMessage({ content: 'bye' });
    await asBob.removeParticipant({ communicationUserId: bob.userId });
    await expectStatus(asBob.getProperties(), 403);
    await expectStatus(asBob.sendMessage({ content: 'still here?' }), 403);
  });

  it('works with a ChatClient built directly from the public constructor', async () => {
    const { token } = emulator().createUserWithToken();
    const client = new ChatClient(emulator().endpoint, new AzureCommunicationTokenCredential(token), sdkClientOptions(emulator().caPem));
    const { chatThread } = await client.createChatThread({ topic: 'Direct' });
    expect(chatThread?.topic).toBe('Direct');
  });
});
