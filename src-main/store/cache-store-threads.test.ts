import { describe, expect, it } from 'vitest';
import { THREADS_CURSOR_SCOPE, type ParticipantRecord } from './cache-store.ts';
import { ALICE, account, ME, message, useStores } from '../test-support/store.ts';

const A = 'acct-1';
const T = 'thread-1';

describe('cache store: threads', () => {
  const stores = useStores();
  const openWithAccount = () => {
    const store = stores.open();
    store.upsertAccount(account());
    return store;
  };

  it('keeps metadata and retention from a properties read through later listings, and replaces both on the next read', () => {
    const store = openWithAccount();
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans' }]);
    expect(store.getThread(A, 't1')).toMatchObject({ metadata: null, retentionPolicy: null });
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans', metadata: { crm: 'lead-1' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 45 } }]);
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans', lastMessageAt: 60 }]);
    expect(store.getThread(A, 't1')).toMatchObject({ metadata: { crm: 'lead-1' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 45 } });
    // A read that finds no policy clears the cached one; an unknown kind is kept as such.
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans', metadata: {}, retentionPolicy: null }]);
    expect(store.getThread(A, 't1')).toMatchObject({ metadata: {}, retentionPolicy: null });
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans', metadata: {}, retentionPolicy: { kind: 'unknown', serviceKind: 'lastMessageDate' } }]);
    expect(store.listThreads(A)[0]?.retentionPolicy).toEqual({ kind: 'unknown', serviceKind: 'lastMessageDate' });
  });

  it('stores each participant’s kind', () => {
    const store = openWithAccount();
    store.upsertThreads(A, [{ id: T, topic: 'Kinds' }]);
    store.replaceParticipants(A, T, [
      { userId: '4:+14255550123', kind: 'phone', displayName: null, shareHistoryTime: null, metadata: null },
      { userId: '8:orgid:dana', kind: 'teams-user', displayName: 'Dana', shareHistoryTime: null, metadata: { role: 'reviewer' } },
    ]);
    expect(store.listParticipants(A, T).map((participant) => [participant.userId, participant.kind, participant.metadata])).toEqual([
      ['8:orgid:dana', 'teams-user', { role: 'reviewer' }],
      ['4:+14255550123', 'phone', null],
    ]);
  });

  it('merges thread listings without erasing known fields', () => {
    const store = openWithAccount();
    store.upsertThreads(A, [{ id: 't1', topic: 'Plans', createdOn: 10, createdBy: ALICE, lastMessageAt: 50 }]);
    store.upsertThreads(A, [{ id: 't1', topic: 'New plans', createdOn: null, lastMessageAt: 40 }]);
    expect(store.getThread(A, 't1')).toEqual({
      accountId: A,
      id: 't1',
      topic: 'New plans',
      createdOn: 10,
      createdBy: ALICE,
      deletedOn: null,
      metadata: null,
      retentionPolicy: null,
      lastActivityAt: 50,
      lastMessagePreview: null,
      lastMessageSenderId: null,
      lastMessageSenderName: null,
      unreadCount: 0,
      unreadMentions: 0,
      muted: false,
    });
    expect(store.getThread(A, 'missing')).toBeNull();
    expect(store.getThread('other-account', 't1')).toBeNull();
  });

  it('pages the thread list in its order by keyset, deleted threads left out', () => {
    const store = openWithAccount();
    // Equal activities are ordered by id; a thread without activity falls back to its creation time.
    store.upsertThreads(A, [
      { id: 'a', topic: 'A', lastMessageAt: 300 },
      { id: 'b', topic: 'B', lastMessageAt: 200 },
      { id: 'c', topic: 'C', lastMessageAt: 200 },
      { id: 'd', topic: 'D', createdOn: 250 },
      { id: 'e', topic: 'E', lastMessageAt: 100 },
      { id: 'gone', topic: 'Gone', lastMessageAt: 400 },
    ]);
    store.markThreadDeleted(A, 'gone', 500);
    store.upsertThreads('acct-2', [{ id: 'other', topic: 'Other', lastMessageAt: 999 }]);
    const ids = (page: { threads: Array<{ id: string }> }) => page.threads.map((thread) => thread.id);

    const first = store.listThreadPage(A, { limit: 2 });
    expect(ids(first)).toEqual(['a', 'd']);
    expect(first.next).toEqual({ activityAt: 250, id: 'd' });
    const second = store.listThreadPage(A, { limit: 2, after: first.next! });
    expect(ids(second)).toEqual(['b', 'c']);
    const last = store.listThreadPage(A, { limit: 2, after: second.next! });
    expect(ids(last)).toEqual(['e']);
    expect(last.next).toBeNull();
    expect([...ids(first), ...ids(second), ...ids(last)]).toEqual(
      store
        .listThreads(A)
        .filter((thread) => thread.deletedOn === null)
        .map((thread) => thread.id),
    );
    expect(store.listThreadPage(A, { limit: 10 }).threads[0]).toEqual(store.getThread(A, 'a'));
  });

  it('lists threads newest activity first, with the last user message as preview', () => {
    const store = openWithAccount();
    store.upsertThreads(A, [
      { id: 'old', topic: 'Old', createdOn: 1 },
      { id: 'quiet', topic: 'Quiet', createdOn: 5 },
      { id: 'busy', topic: 'Busy', createdOn: 2 },
    ]);
    store.upsertMessages(A, 'busy', [message(3, { type: 'html', content: '<p>Ship <b>it</b> &amp; relax</p>' }), message(4, { type: 'topicUpdated', content: '', topic: 'Busy' })]);
    store.upsertMessages(A, 'old', [message(3, { createdOn: 10, content: 'x'.repeat(500) })]);
    const threads = store.listThreads(A);
    expect(threads.map((thread) => thread.id)).toEqual(['busy', 'old', 'quiet']);
    expect(threads[0]).toMatchObject({ lastMessagePreview: 'Ship it & relax', lastMessageSenderId: ALICE, lastMessageSenderName: 'Alice', lastActivityAt: message(4).createdOn });
    expect(threads[1]!.lastMessagePreview!.length).toBeLessThanOrEqual(200);
    expect(threads[2]).toMatchObject({ lastMessagePreview: null, lastActivityAt: null });
  });

  it('shows a deleted last message as a null preview', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 't', [message(3), message(4, { version: '1' })]);
    store.upsertMessages(A, 't', [message(4, { version: '2', content: '', deletedOn: 9 })]);
    expect(store.getThread(A, 't')).toMatchObject({ lastMessagePreview: null, lastMessageSenderId: ALICE, lastMessageSenderName: 'Alice', lastActivityAt: message(4).createdOn });
  });

  it('counts unread mentions of the user apart: after the read marker, gone when edited away or deleted', () => {
    const store = openWithAccount();
    const mention = (sequenceId: number, who: string, extra = {}) =>
      message(sequenceId, { type: 'html', content: `<p>hey <msft-mention id="${who}">x</msft-mention></p>`, ...extra });
    store.upsertMessages(A, 't', [mention(1, ME), mention(2, ALICE), message(3), mention(4, ME, { version: '1' }), mention(5, ME)]);
    expect(store.getThread(A, 't')).toMatchObject({ unreadCount: 5, unreadMentions: 3 });
    store.setReadMarker(A, 't', 1);
    expect(store.getThread(A, 't')!.unreadMentions).toBe(2);
    store.upsertMessages(A, 't', [message(4, { version: '2', type: 'html', content: '<p>edited, no mention</p>' })]);
    expect(store.getThread(A, 't')!.unreadMentions).toBe(1);
    store.upsertMessages(A, 't', [mention(5, ME, { version: '99999999999999', content: '', deletedOn: 9 })]);
    expect(store.getThread(A, 't')!.unreadMentions).toBe(0);
  });

  it('counts unread user messages from others after the read marker', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 't', [
      message(1, { type: 'participantAdded', senderId: null, content: '' }),
      message(3),
      message(4, { senderId: ME }),
      message(5, { type: 'html', content: '<b>hi</b>' }),
      message(6),
    ]);
    expect(store.getThread(A, 't')!.unreadCount).toBe(3);
    expect(store.setReadMarker(A, 't', 5)).toBe(true);
    expect(store.getReadMarker(A, 't')).toBe(5);
    expect(store.getThread(A, 't')!.unreadCount).toBe(1);
    store.upsertMessages(A, 't', [message(7), message(2)]);
    expect(store.getThread(A, 't')!.unreadCount).toBe(2);
  });

  it('moves the read marker forward only', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 't', [message(3), message(4)]);
    expect(store.setReadMarker(A, 't', 4)).toBe(true);
    expect(store.setReadMarker(A, 't', 3)).toBe(false);
    expect(store.setReadMarker(A, 't', 4)).toBe(false);
    expect(store.getReadMarker(A, 't')).toBe(4);
    expect(store.getThread(A, 't')!.unreadCount).toBe(0);
    expect(store.setReadMarker(A, 'unknown', 4)).toBe(false);
    expect(store.getReadMarker(A, 'unknown')).toBe(0);
  });

  it('stops counting a message once it is deleted, and not twice when edited', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 't', [message(3, { version: '1' }), message(4, { version: '1' })]);
    store.upsertMessages(A, 't', [message(3, { version: '2', content: 'edited' })]);
    expect(store.getThread(A, 't')!.unreadCount).toBe(2);
    store.upsertMessages(A, 't', [message(3, { version: '3', content: '', deletedOn: 3 })]);
    expect(store.getThread(A, 't')!.unreadCount).toBe(1);
  });

  it('recounts when the account, and so "own", becomes known after its messages', () => {
    const store = stores.open();
    store.upsertMessages(A, 't', [message(3), message(4, { senderId: ME })]);
    expect(store.getThread(A, 't')!.unreadCount).toBe(2);
    store.upsertAccount(account());
    expect(store.getThread(A, 't')!.unreadCount).toBe(1);
  });

  it('totals unread over threads that are neither muted nor deleted', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 'a', [message(3), message(4)]);
    store.upsertMessages(A, 'b', [message(3)]);
    store.upsertMessages(A, 'c', [message(3)]);
    store.upsertMessages('acct-2', 'd', [message(3)]);
    expect(store.unreadTotal(A)).toBe(4);
    store.setThreadMuted(A, 'b', true);
    store.markThreadDeleted(A, 'c', 99);
    expect(store.unreadTotal(A)).toBe(2);
    expect(store.getThread(A, 'b')!.muted).toBe(true);
    expect(store.getThread(A, 'c')!.deletedOn).toBe(99);
    store.setThreadMuted(A, 'b', false);
    expect(store.unreadTotal(A)).toBe(3);
    expect(store.unreadTotal('nobody')).toBe(0);
  });

  it('removes a thread with everything in it, and nothing of other threads', () => {
    const store = openWithAccount();
    for (const thread of ['gone', 'kept']) {
      store.upsertThreads(A, [{ id: thread, topic: thread }]);
      store.upsertMessages(A, thread, [message(3, { content: 'deployment notes' })]);
      store.replaceParticipants(A, thread, [{ userId: ALICE, kind: 'acs-user', displayName: 'Alice', shareHistoryTime: null, metadata: null }]);
      store.upsertReadReceipts(A, thread, [{ userId: ALICE, messageId: message(3).id, readOn: 1 }]);
      store.setCursor(A, thread, { syncedUntil: 5 });
      store.saveDraft(A, thread, { text: 'draft', format: 'text' });
      store.enqueueOutbox({ accountId: A, threadId: thread, clientId: `c-${thread}`, content: 'x', type: 'text', senderDisplayName: 'Me', createdAt: 1 });
    }
    store.removeThread(A, 'gone');
    expect(store.getThread(A, 'gone')).toBeNull();
    expect(store.listMessages(A, 'gone').messages).toEqual([]);
    expect(store.listParticipants(A, 'gone')).toEqual([]);
    expect(store.listReadReceipts(A, 'gone')).toEqual([]);
    expect(store.getCursor(A, 'gone')).toBeNull();
    expect(store.getDraft(A, 'gone').text).toBe('');
    expect(store.listOutbox(A, 'gone')).toEqual([]);
    expect(store.search(A, 'deployment').map((hit) => hit.threadId)).toEqual(['kept']);
    expect(store.listMessages(A, 'kept').messages).toHaveLength(1);
    expect(store.listParticipants(A, 'kept')).toHaveLength(1);
    expect(store.getDraft(A, 'kept')).toEqual({ text: 'draft', format: 'text' });
  });

  it('creates the thread row when messages arrive before the listing', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 'early', [message(3)]);
    store.upsertThreads(A, [{ id: 'early', topic: 'Listed later' }]);
    expect(store.getThread(A, 'early')).toMatchObject({ topic: 'Listed later', unreadCount: 1, lastMessagePreview: 'message 3' });
  });
});

describe('cache store: participants, read receipts and sync cursors', () => {
  const stores = useStores();

  it('replaces, merges, removes and lists participants by name', () => {
    const store = stores.open();
    store.replaceParticipants(A, T, [
      { userId: ME, kind: 'acs-user', displayName: null, shareHistoryTime: 0, metadata: null },
      { userId: ALICE, kind: 'acs-user', displayName: 'alice', shareHistoryTime: null, metadata: { role: 'owner' } },
      { userId: '8:acs:bob', kind: 'acs-user', displayName: 'Bob', shareHistoryTime: null, metadata: null },
    ]);
    store.upsertParticipants(A, T, [{ userId: ME, kind: 'acs-user', displayName: 'Me', shareHistoryTime: null, metadata: null }]);
    store.upsertParticipants(A, T, [{ userId: ALICE, kind: 'acs-user', displayName: null, shareHistoryTime: 5, metadata: null }]);
    expect(store.listParticipants(A, T)).toEqual([
      { accountId: A, threadId: T, userId: ALICE, kind: 'acs-user', displayName: 'alice', shareHistoryTime: 5, metadata: { role: 'owner' } },
      { accountId: A, threadId: T, userId: '8:acs:bob', kind: 'acs-user', displayName: 'Bob', shareHistoryTime: null, metadata: null },
      { accountId: A, threadId: T, userId: ME, kind: 'acs-user', displayName: 'Me', shareHistoryTime: 0, metadata: null },
    ]);
    store.removeParticipant(A, T, '8:acs:bob');
    store.replaceParticipants(A, T, [...store.listParticipants(A, T)].slice(0, 1));
    expect(store.listParticipants(A, T).map((participant) => participant.userId)).toEqual([ALICE]);
    expect(store.listParticipants(A, 'unknown')).toEqual([]);
    store.removeParticipant(A, 'unknown', ALICE);
  });

  it('keeps the latest receipt per user', () => {
    const store = stores.open();
    store.upsertReadReceipts(A, T, [
      { userId: ALICE, messageId: 'm2', readOn: 20 },
      { userId: ME, messageId: 'm1', readOn: 10 },
    ]);
    store.upsertReadReceipts(A, T, [
      { userId: ALICE, messageId: 'm1', readOn: 15 },
      { userId: ME, messageId: 'm3', readOn: 30 },
    ]);
    expect(store.listReadReceipts(A, T)).toEqual([
      { userId: ALICE, messageId: 'm2', readOn: 20 },
      { userId: ME, messageId: 'm3', readOn: 30 },
    ]);
    expect(store.listReadReceipts(A, 'unknown')).toEqual([]);
  });

  it('keeps sync cursors per account for the thread list and per thread', () => {
    const store = stores.open();
    expect(store.getCursor(A, THREADS_CURSOR_SCOPE)).toBeNull();
    store.setCursor(A, THREADS_CURSOR_SCOPE, { syncedUntil: 100, lastFullScanAt: 90 });
    store.setCursor(A, THREADS_CURSOR_SCOPE, { syncedUntil: 200 });
    store.setCursor(A, T, { syncedUntil: 150 });
    expect(store.getCursor(A, THREADS_CURSOR_SCOPE)).toEqual({ syncedUntil: 200, lastFullScanAt: 90 });
    expect(store.getCursor(A, T)).toEqual({ syncedUntil: 150, lastFullScanAt: null });
    expect(store.getCursor('acct-2', T)).toBeNull();
  });
});

const JIMIN = '8:acs:jimin';
const JIHO = '8:acs:jiho';
const PRIYA = '8:acs:priya';
const SAM = '8:acs:sam';

const person = (userId: string, displayName: string | null): ParticipantRecord => ({ userId, displayName, shareHistoryTime: null, metadata: null, kind: 'acs-user' });

describe('cache store: the people directory', () => {
  const stores = useStores();

  /** Three conversations, newest activity last in this list: Sam shares two, the others one each. */
  const openDirectory = () => {
    const store = stores.open();
    store.upsertAccount(account());
    store.upsertThreads(A, [
      { id: 'old', topic: 'Launch', createdOn: 1, lastMessageAt: 10 },
      { id: 'mid', topic: '등산 모임', createdOn: 1, lastMessageAt: 20 },
      { id: 'new', topic: 'Design review', createdOn: 1, lastMessageAt: 30 },
    ]);
    store.replaceParticipants(A, 'old', [person(ME, 'Me'), person(PRIYA, 'Priya Natarajan'), person(SAM, 'Sam')]);
    store.replaceParticipants(A, 'mid', [person(ME, 'Me'), person(JIMIN, '박지민'), person(SAM, 'Sam Carter')]);
    store.replaceParticipants(A, 'new', [person(ME, 'Me'), person(JIHO, '이지호')]);
    return store;
  };

  it('finds a Korean name by a part of it, with the conversations the person shares', () => {
    const store = openDirectory();
    expect(store.peopleDirectory(A, '지민', { limit: 10 })).toEqual([
      { userId: JIMIN, displayName: '박지민', sharedThreadCount: 1, sharedThreads: [{ id: 'mid', topic: '등산 모임' }] },
    ]);
    // "지" is in both 박지민 and 이지호; 이지호's conversation is the more recent one.
    expect(store.peopleDirectory(A, '지', { limit: 10 }).map((found) => found.userId)).toEqual([JIHO, JIMIN]);
    // Typed as decomposed jamo (as some input methods produce it), it still matches.
    expect(store.peopleDirectory(A, '지민'.normalize('NFD'), { limit: 10 }).map((found) => found.userId)).toEqual([JIMIN]);
  });

  it('puts the people who share the most conversations first, then the most recent, and leaves out the account’s own user', () => {
    const store = openDirectory();
    const everyone = store.peopleDirectory(A, '', { limit: 10 });
    expect(everyone.map((found) => found.userId)).toEqual([SAM, JIHO, JIMIN, PRIYA]);
    // The name from the most recent conversation that gives one; conversations newest first.
    expect(everyone[0]).toEqual({
      userId: SAM,
      displayName: 'Sam Carter',
      sharedThreadCount: 2,
      sharedThreads: [
        { id: 'mid', topic: '등산 모임' },
        { id: 'old', topic: 'Launch' },
      ],
    });
    expect(store.peopleDirectory(A, '', { limit: 2 })).toHaveLength(2);
  });

  it('matches every word on the name or the user id, in any case, and treats the query as literal text', () => {
    const store = openDirectory();
    expect(store.peopleDirectory(A, 'PRI nata', { limit: 10 }).map((found) => found.userId)).toEqual([PRIYA]);
    expect(store.peopleDirectory(A, '8:acs:ji', { limit: 10 }).map((found) => found.userId)).toEqual([JIHO, JIMIN]);
    expect(store.peopleDirectory(A, 'priya walker', { limit: 10 })).toEqual([]);
    for (const hostile of ['%', '_', "' OR 1=1 --", '.*', '\\']) expect(store.peopleDirectory(A, hostile, { limit: 10 })).toEqual([]);
  });

  it('forgets the people of deleted conversations and of other accounts', () => {
    const store = openDirectory();
    store.markThreadDeleted(A, 'new', 40);
    store.upsertThreads('acct-2', [{ id: 'elsewhere', topic: 'Other account', createdOn: 1 }]);
    store.replaceParticipants('acct-2', 'elsewhere', [person('8:acs:stranger', 'Stranger')]);
    expect(store.peopleDirectory(A, '', { limit: 10 }).map((found) => found.userId)).toEqual([SAM, JIMIN, PRIYA]);
  });

  it('lists a person without a known name by id', () => {
    const store = openDirectory();
    store.upsertThreads(A, [{ id: 'bare', topic: '', createdOn: 50 }]);
    store.replaceParticipants(A, 'bare', [person('8:acs:nameless', null)]);
    expect(store.peopleDirectory(A, 'nameless', { limit: 10 })).toEqual([
      { userId: '8:acs:nameless', displayName: null, sharedThreadCount: 1, sharedThreads: [{ id: 'bare', topic: '' }] },
    ]);
  });
});
