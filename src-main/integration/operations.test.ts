import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import type { ChatMessage } from '../../src-preload/contract.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';

/** Every operation of the ACS Chat SDK, through Parley's api (validated, enveloped), against the emulator over HTTPS. */
describe('chat operations through the api', () => {
  let h: CoreHarness;
  let accountId: string;
  let me: string;
  let other: ChatUser;
  let threadId: string;

  const messages = async (): Promise<ChatMessage[]> => (await h.call('listMessages', { accountId, threadId })).messages;
  const userMessage = (content: string) => async () => (await messages()).find((message) => message.content === content);

  beforeAll(async () => {
    h = await startCoreHarness();
    me = h.emulator.createUser();
    other = createChatUser(h.emulator);
    accountId = await h.signInAs(me, 'Mina');
  });

  afterAll(() => h.stop());

  it('creates a thread with participants, idempotently for one repeatability id', async () => {
    const input = { accountId, topic: 'Launch plans', participants: [{ userId: other.userId, displayName: 'Oskar' }], repeatabilityId: 'launch-1' };
    const first = await h.call('createThread', input);
    const again = await h.call('createThread', input);
    threadId = first.thread.id;
    expect(again.thread.id).toBe(threadId);
    expect(first.failed).toEqual([]);
    expect(h.emulator.inspect.threads().filter((thread) => thread.topic === 'Launch plans')).toHaveLength(1);
    expect((await h.call('listThreads', { accountId })).map((thread) => thread.id)).toContain(threadId);
    expect(await h.call('getThread', { accountId, threadId })).toMatchObject({ id: threadId, topic: 'Launch plans', deletedOn: null });
  });

  it('shows the creation as system messages: participants added and the topic', async () => {
    const system = (await messages()).filter((message) => message.type !== 'text' && message.type !== 'html');
    expect(system.map((message) => message.type)).toEqual(['participantAdded', 'topicUpdated']);
    expect(system[0]?.participants.map((participant) => participant.userId).sort()).toEqual([me, other.userId].sort());
  });

  it('changes the topic, shown as a system message', async () => {
    await h.call('updateTopic', { accountId, threadId, topic: 'Launch plans (final)' });
    expect((await h.call('getThread', { accountId, threadId })).topic).toBe('Launch plans (final)');
    expect(h.emulator.inspect.thread(threadId)?.topic).toBe('Launch plans (final)');
    const topicChange = (await messages()).filter((message) => message.type === 'topicUpdated').at(-1);
    expect(topicChange).toMatchObject({ topic: 'Launch plans (final)', initiatorId: me });
  });

  it('sends text and HTML with a display name, delivered once each', async () => {
    const queued = await h.call('sendMessage', { accountId, threadId, content: 'Hello, Oskar', type: 'text', senderDisplayName: 'Mina K.' });
    expect(['queued', 'sending']).toContain(queued.state);
    await h.call('sendMessage', { accountId, threadId, content: '<p>The <b>plan</b> is ready</p>', type: 'html' });
    const text = await h.until(userMessage('Hello, Oskar'), 10_000, 'the text message in the cache');
    const html = await h.until(userMessage('<p>The <b>plan</b> is ready</p>'), 10_000, 'the html message in the cache');
    expect(text).toMatchObject({ type: 'text', senderDisplayName: 'Mina K.', senderId: me, isOwn: true, editedOn: null, deletedOn: null });
    expect(html).toMatchObject({ type: 'html', senderDisplayName: 'Mina' });
    await h.until(async () => (await h.call('listOutbox', { accountId, threadId })).length === 0, 10_000, 'an empty outbox');
    const onService = h.emulator.inspect.messages(threadId).filter((message) => message.type === 'text' || message.type === 'html');
    expect(onService).toHaveLength(2);
    expect(await h.call('getMessage', { accountId, threadId, messageId: text.id })).toMatchObject({ content: 'Hello, Oskar' });
  });

  it('edits and deletes its own messages, shown as such', async () => {
    const text = await h.until(userMessage('Hello, Oskar'));
    await h.call('editMessage', { accountId, threadId, messageId: text.id, content: 'Hello, Oskar!' });
    const edited = await h.call('getMessage', { accountId, threadId, messageId: text.id });
    expect(edited.content).toBe('Hello, Oskar!');
    expect(edited.editedOn).not.toBeNull();
    expect(Number(edited.version)).toBeGreaterThan(Number(text.version));
    await h.call('deleteMessage', { accountId, threadId, messageId: text.id });
    expect((await h.call('getMessage', { accountId, threadId, messageId: text.id })).deletedOn).not.toBeNull();
  });

  it('refuses to edit or delete someone else’s message', async () => {
    const sent = await other.chat.getChatThreadClient(threadId).sendMessage({ content: 'Mine, not yours' });
    await h.call('syncNow', { accountId });
    await h.until(userMessage('Mine, not yours'));
    await expect(h.call('editMessage', { accountId, threadId, messageId: sent.id, content: 'hijacked' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.call('deleteMessage', { accountId, threadId, messageId: sent.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(h.emulator.inspect.messages(threadId).find((message) => message.id === sent.id)?.content?.message).toBe('Mine, not yours');
  });

  it('sends read receipts and lists everyone’s', async () => {
    const newest = (await messages()).at(-1)!;
    await h.call('markRead', { accountId, threadId, messageId: newest.id });
    expect(h.emulator.inspect.readReceipts(threadId).map((receipt) => receipt.userId)).toContain(me);
    // Marking the same message again (the thread opened once more) leaves the thread list alone.
    const eventsBefore = h.events.length;
    await h.call('markRead', { accountId, threadId, messageId: newest.id });
    expect(h.events.slice(eventsBefore).filter((entry) => entry.event === 'threads-changed' || entry.event === 'badge-count')).toEqual([]);
    await other.chat.getChatThreadClient(threadId).sendReadReceipt({ chatMessageId: newest.id });
    await h.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId } });
    await h.call('syncNow', { accountId });
    const receipts = await h.until(async () => {
      const list = await h.call('listReadReceipts', { accountId, threadId });
      return list.some((receipt) => receipt.userId === other.userId) ? list : undefined;
    });
    expect(receipts.find((receipt) => receipt.userId === other.userId)?.messageId).toBe(newest.id);
    await h.call('reportWindowFocus', { focused: false, visible: false, open: null });
  });

  it('opens a thread in one call: the page, outbox, receipts and participants the separate calls give', async () => {
    const opened = await h.call('openThread', { accountId, threadId, limit: 3 });
    expect(opened.page).toEqual(await h.call('listMessages', { accountId, threadId, limit: 3 }));
    expect(opened.page.messages).toHaveLength(3);
    expect(opened.page.hasOlder).toBe(true);
    expect(opened.outbox).toEqual(await h.call('listOutbox', { accountId, threadId }));
    expect(opened.receipts.map((receipt) => receipt.userId)).toEqual(expect.arrayContaining([me, other.userId]));
    expect(opened.participants.map((participant) => participant.userId).sort()).toEqual([me, other.userId].sort());
    const around = opened.page.messages[0]!.id;
    expect((await h.call('openThread', { accountId, threadId, aroundMessageId: around })).page).toEqual(
      await h.call('listMessages', { accountId, threadId, aroundMessageId: around }),
    );
  });

  it('sends typing notifications', async () => {
    await h.call('sendTyping', { accountId, threadId });
    expect(h.emulator.inspect.typing(threadId).map((typing) => typing.userId)).toContain(me);
  });

  it('lists, adds (with display name and history) and removes participants, reporting partial failures per user', async () => {
    const third = h.emulator.createUser();
    const unknown = `8:acs:${h.emulator.resourceId}_00000000-0000-0000-0000-00000000abcd`;
    const result = await h.call('addParticipants', {
      accountId,
      threadId,
      participants: [
        { userId: third, displayName: 'Third' },
        { userId: unknown, displayName: 'Nobody' },
      ],
      shareHistory: { kind: 'since', time: Date.now() - 60_000 },
    });
    expect(result.added).toEqual([third]);
    expect(result.failed.map((failure) => failure.userId)).toEqual([unknown]);
    const participants = await h.call('listParticipants', { accountId, threadId });
    expect(participants.find((participant) => participant.userId === third)).toMatchObject({ displayName: 'Third' });
    expect(participants.find((participant) => participant.userId === third)?.shareHistoryTime).toBeGreaterThan(0);

    await h.call('removeParticipant', { accountId, threadId, userId: third });
    expect((await h.call('listParticipants', { accountId, threadId })).map((participant) => participant.userId)).not.toContain(third);
    const removal = (await messages()).filter((message) => message.type === 'participantRemoved').at(-1);
    expect(removal?.participants.map((participant) => participant.userId)).toEqual([third]);
  });

  it('explains bad input and unknown things with typed errors', async () => {
    const tooBig = 'x'.repeat(29 * 1024);
    await expect(h.call('sendMessage', { accountId, threadId, content: tooBig, type: 'text' })).rejects.toMatchObject({ code: 'invalid-input', field: 'content' });
    await expect(h.call('sendMessage', { accountId, threadId, content: '   ', type: 'text' })).rejects.toMatchObject({ code: 'invalid-input', field: 'content' });
    await expect(h.call('getThread', { accountId, threadId: '19:nope@thread.v2' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.call('getMessage', { accountId, threadId, messageId: '1' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.call('listThreads', { accountId: 'no-such-account' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h.call('addParticipants', { accountId, threadId, participants: [{ userId: '8:acs:garbage===' }] })).rejects.toMatchObject({ code: 'permanent' });
  });

  it('marks a send the service refuses as failed, keeping its text for retry or discard', async () => {
    const created = await other.chat.createChatThread({ topic: 'Soon without Mina' }, { participants: [{ id: { communicationUserId: me } }] });
    const closedThreadId = created.chatThread!.id;
    await h.call('syncNow', { accountId });
    await h.until(async () => (await h.call('listThreads', { accountId })).some((thread) => thread.id === closedThreadId));
    await other.chat.getChatThreadClient(closedThreadId).removeParticipant({ communicationUserId: me });
    await h.call('sendMessage', { accountId, threadId: closedThreadId, content: 'Can I still write here?', type: 'text' });
    const failed = await h.until(async () => (await h.call('listOutbox', { accountId, threadId: closedThreadId })).find((item) => item.state === 'failed'));
    expect(failed).toMatchObject({ content: 'Can I still write here?', error: { code: 'forbidden' } });
    await h.call('discardSend', { accountId, threadId: closedThreadId, clientId: failed.clientId });
    expect(await h.call('listOutbox', { accountId, threadId: closedThreadId })).toEqual([]);
  });

  it('leaves a thread and deletes one', async () => {
    const leaving = await h.call('createThread', { accountId, topic: 'To leave', participants: [{ userId: other.userId }] });
    await h.call('leaveThread', { accountId, threadId: leaving.thread.id });
    expect(h.emulator.inspect.participants(leaving.thread.id).map((participant) => participant.userId)).not.toContain(me);
    expect((await h.call('getThread', { accountId, threadId: leaving.thread.id })).deletedOn).not.toBeNull();

    const doomed = await h.call('createThread', { accountId, topic: 'To delete', participants: [] });
    await h.call('deleteThread', { accountId, threadId: doomed.thread.id });
    expect(h.emulator.inspect.thread(doomed.thread.id)?.deletedMs).toBeTruthy();
    expect((await h.call('listThreads', { accountId })).map((thread) => thread.id)).not.toContain(doomed.thread.id);
  });

  it('finds cached messages by full-text search, the conversation by topic and the person by name', async () => {
    const { messages: hits, conversations, people } = await h.call('search', { accountId, query: 'plan' });
    expect(hits.some((hit) => hit.threadId === threadId && hit.snippet.some((part) => part.match))).toBe(true);
    expect(conversations.map((hit) => hit.threadId)).toContain(threadId);
    expect((await h.call('search', { accountId, query: 'oskar' })).people.map((hit) => hit.threadId)).toContain(threadId);
    expect(people).toEqual([]);
  });

  it('lists the threads a page at a time, and finds one by topic without the whole list', async () => {
    const all = await h.call('listThreads', { accountId });
    const listed = all.filter((thread) => thread.deletedOn === null);
    const first = await h.call('listThreadPage', { accountId, limit: 1 });
    const rest = await h.call('listThreadPage', { accountId, after: first.next! });
    expect([...first.threads, ...rest.threads].map((thread) => thread.id)).toEqual(listed.map((thread) => thread.id));
    expect(rest.next).toBeNull();
    const found = await h.call('findThreads', { accountId, query: 'launch FINAL' });
    expect(found).toEqual([await h.call('getThread', { accountId, threadId })]);
    // Deleted and left threads are not offered; nothing typed finds nothing.
    expect(await h.call('findThreads', { accountId, query: 'to delete' })).toEqual([]);
    expect(await h.call('findThreads', { accountId, query: ' ' })).toEqual([]);
    await expect(h.call('findThreads', { accountId, query: 'x'.repeat(300) })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
