import { describe, expect, it } from 'vitest';
import type { ChatThreadClient } from '@azure/communication-chat';
import type { CommunicationUserIdentifier } from '@azure/communication-common';
import { ManualClock, wholeSecond } from './clock.ts';
import type { ChatUser } from './test-support/sdk-clients.ts';
import { chatClientFor, createChatUser } from './test-support/sdk-clients.ts';
import { collect, expectStatus, useEmulator } from './test-support/use-emulator.ts';

const clock = new ManualClock();
const emulator = useEmulator({ clock });

async function threadWith(owner: ChatUser, ...members: ChatUser[]): Promise<{ threadId: string; clientOf(user: ChatUser): ChatThreadClient }> {
  const { chatThread } = await owner.chat.createChatThread({ topic: 'Messages' }, { participants: members.map((member) => ({ id: { communicationUserId: member.userId } })) });
  const threadId = chatThread?.id ?? '';
  return { threadId, clientOf: (user) => user.chat.getChatThreadClient(threadId) };
}

const tick = (): void => clock.advance(1);

describe('messages', () => {
  it('sends, gets and lists messages with ids, sequence ids, versions and metadata', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    const thread = clientOf(alice);
    tick();
    const sent = await thread.sendMessage({ content: 'Hello' }, { metadata: { clientId: 'c-1' } });
    expect(sent.id).toMatch(/^\d{13}$/);
    const message = await thread.getMessage(sent.id);
    expect(message).toMatchObject({ id: sent.id, type: 'text', sequenceId: '3', version: sent.id, metadata: { clientId: 'c-1' } });
    // At 2025-03-15 the service leaves out a display name the sender never set (ASSETS-JS e86a13b6… retrieves_a_message).
    expect(message.senderDisplayName).toBeUndefined();
    expect(message.content?.message).toBe('Hello');
    expect((message.sender as CommunicationUserIdentifier).communicationUserId).toBe(alice.userId);
    expect(message.createdOn.getTime()).toBe(wholeSecond(clock.now()));

    tick();
    const html = await thread.sendMessage({ content: '<p>Hi <b>there</b></p>' }, { type: 'html', senderDisplayName: 'Alice' });
    expect(await thread.getMessage(html.id)).toMatchObject({ type: 'html', senderDisplayName: 'Alice', sequenceId: '4' });
  });

  it('gives distinct, increasing ids to messages sent in the same millisecond', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    const sent = await Promise.all(Array.from({ length: 5 }, (_, index) => clientOf(alice).sendMessage({ content: `m${index}` })));
    const ids = sent.map((result) => Number(result.id));
    expect(new Set(ids).size).toBe(5);
  });

  it('edits: only the sender, version bumps to the edit time, editedOn set, sequenceId kept', async () => {
    const alice = createChatUser(emulator());
    const bob = createChatUser(emulator());
    const { clientOf } = await threadWith(alice, bob);
    const { id } = await clientOf(alice).sendMessage({ content: 'draft' });
    clock.advance(5_000);
    await clientOf(alice).updateMessage(id, { content: 'final', metadata: { edited: 'yes' } });
    const edited = await clientOf(bob).getMessage(id);
    expect(edited.content?.message).toBe('final');
    expect(edited.metadata).toEqual({ edited: 'yes' });
    expect(edited.editedOn?.getTime()).toBe(wholeSecond(clock.now()));
    expect(edited.version).toBe(String(clock.now()));
    expect(edited.sequenceId).toBe('3');
    await expectStatus(clientOf(bob).updateMessage(id, { content: 'hijack' }), 403);
    await expectStatus(clientOf(bob).deleteMessage(id), 403);
    await expectStatus(clientOf(alice).updateMessage('1', { content: 'system' }), 404);
  });

  it('soft-deletes: the message stays readable with deletedOn and empty content', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    const { id } = await clientOf(alice).sendMessage({ content: 'oops' });
    clock.advance(1_000);
    await clientOf(alice).deleteMessage(id);
    const deleted = await clientOf(alice).getMessage(id);
    expect(deleted.deletedOn?.getTime()).toBe(wholeSecond(clock.now()));
    expect(deleted.content?.message).toBe('');
    expect(Number(deleted.version)).toBeGreaterThan(Number(id));
    expect(deleted.sequenceId).toBe('3');
    const listed = await collect(clientOf(alice).listMessages());
    expect(listed.find((message) => message.id === id)?.deletedOn).toBeDefined();
  });

  it('pages messages newest first, and paged equals unpaged', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    for (let index = 0; index < 10; index++) {
      tick();
      await clientOf(alice).sendMessage({ content: `message ${index}` });
    }
    const unpaged = await collect(clientOf(alice).listMessages());
    const pages = await collect(clientOf(alice).listMessages({ maxPageSize: 3 }).byPage());
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3]);
    expect(pages.flat()).toEqual(unpaged);
    expect(unpaged.map((message) => Number(message.sequenceId))).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by startTime inclusively at whole-second precision: the whole second of startTime comes back', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    clock.set(wholeSecond(clock.now()) + 2_000);
    const firstOfSecond = await clientOf(alice).sendMessage({ content: 'second A, early' });
    clock.advance(400);
    const lastOfSecond = await clientOf(alice).sendMessage({ content: 'second A, late' });
    clock.advance(700);
    await clientOf(alice).sendMessage({ content: 'second B' });
    const early = await clientOf(alice).getMessage(firstOfSecond.id);
    const late = await clientOf(alice).getMessage(lastOfSecond.id);
    expect(late.createdOn).toEqual(early.createdOn);

    // Asked from the later message's exact time (a fraction the service never shows), the earlier one of that second comes back too.
    const fromExactTime = await collect(clientOf(alice).listMessages({ startTime: new Date(Number(lastOfSecond.id)) }));
    expect(fromExactTime.map((message) => message.content?.message)).toEqual(['second B', 'second A, late', 'second A, early']);
    const pagedFromCreatedOn = await collect(clientOf(alice).listMessages({ startTime: late.createdOn, maxPageSize: 1 }));
    expect(pagedFromCreatedOn).toEqual(fromExactTime);
    const fromNextSecond = await collect(clientOf(alice).listMessages({ startTime: new Date(late.createdOn.getTime() + 1_000) }));
    expect(fromNextSecond.map((message) => message.content?.message)).toEqual(['second B']);
  });

  it('limits what a late participant sees to shareHistoryTime', async () => {
    const alice = createChatUser(emulator());
    const bob = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    await clientOf(alice).sendMessage({ content: 'before bob' });
    clock.advance(1_000);
    const shareFrom = new Date(clock.now());
    await clientOf(alice).addParticipants({ participants: [{ id: { communicationUserId: bob.userId }, shareHistoryTime: shareFrom }] });
    clock.advance(1_000);
    await clientOf(alice).sendMessage({ content: 'after bob' });
    const seenByBob = await collect(clientOf(bob).listMessages());
    expect(seenByBob.map((message) => message.type)).toEqual(['text', 'participantAdded']);
    expect(seenByBob[0]?.content?.message).toBe('after bob');
    const participant = (await collect(clientOf(alice).listParticipants())).find((item) => (item.id as CommunicationUserIdentifier).communicationUserId === bob.userId);
    expect(participant?.shareHistoryTime?.getTime()).toBe(wholeSecond(shareFrom.getTime()));
  });

  it('validates content: required, at most 28 KiB of UTF-8', async () => {
    const alice = createChatUser(emulator());
    const { clientOf } = await threadWith(alice);
    await expectStatus(clientOf(alice).sendMessage({ content: '' }), 400);
    await clientOf(alice).sendMessage({ content: 'x'.repeat(28 * 1024) });
    await expectStatus(clientOf(alice).sendMessage({ content: 'x'.repeat(28 * 1024 + 1) }), 400);
    await expectStatus(clientOf(alice).sendMessage({ content: '가'.repeat(10_000) }), 400);
    await expectStatus(clientOf(alice).getMessage('1234567890123'), 404);
  });
});

describe('retention', () => {
  it('deletes a thread once its threadCreationDate retention has passed', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Ephemeral' }, { retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } });
    const threadId = chatThread?.id ?? '';
    const clientAt = (): ChatThreadClient => chatClientFor(emulator(), emulator().issueToken(alice.userId).token).getChatThreadClient(threadId);
    clock.advance(30 * 24 * 60 * 60 * 1000 - 1);
    expect((await clientAt().getProperties()).topic).toBe('Ephemeral');
    clock.advance(1);
    await expectStatus(clientAt().getProperties(), 404);
    expect(emulator().inspect.thread(threadId)?.deletedMs).toBe(clock.now());
  });
});

describe('read receipts and typing', () => {
  it('keeps the latest receipt per user and never moves it backwards', async () => {
    const alice = createChatUser(emulator());
    const bob = createChatUser(emulator());
    const { clientOf } = await threadWith(alice, bob);
    tick();
    const first = await clientOf(alice).sendMessage({ content: 'one' });
    tick();
    const second = await clientOf(alice).sendMessage({ content: 'two' });
    await clientOf(bob).sendReadReceipt({ chatMessageId: first.id });
    tick();
    await clientOf(bob).sendReadReceipt({ chatMessageId: second.id });
    tick();
    await clientOf(bob).sendReadReceipt({ chatMessageId: first.id });
    const systemMessageId = (await collect(clientOf(alice).listMessages())).at(-1)?.id ?? '';
    await clientOf(alice).sendReadReceipt({ chatMessageId: systemMessageId });
    await expectStatus(clientOf(alice).sendReadReceipt({ chatMessageId: '999' }), 404);

    const receipts = await collect(clientOf(alice).listReadReceipts());
    const byUser = new Map(receipts.map((receipt) => [(receipt.sender as CommunicationUserIdentifier).communicationUserId, receipt.chatMessageId]));
    expect(byUser).toEqual(
      new Map([
        [bob.userId, second.id],
        [alice.userId, systemMessageId],
      ]),
    );
    const pages = await collect(clientOf(alice).listReadReceipts({ maxPageSize: 1 }).byPage());
    expect(pages.flat()).toEqual(receipts);
  });

  it('accepts typing notifications and records them', async () => {
    const alice = createChatUser(emulator());
    const { threadId, clientOf } = await threadWith(alice);
    expect(await clientOf(alice).sendTypingNotification({ senderDisplayName: 'Alice' })).toBe(true);
    expect(emulator().inspect.typing(threadId)).toEqual([{ threadId, userId: alice.userId, senderDisplayName: 'Alice', atMs: clock.now() }]);
  });
});
