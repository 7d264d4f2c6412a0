import { describe, expect, it } from 'vitest';
import { ALICE, account, ME, message, useStores } from '../test-support/store.ts';

const A = 'acct-1';
const T = '19:thread@thread.v2';

describe('cache store: messages', () => {
  const stores = useStores();
  const openWithAccount = () => {
    const store = stores.open();
    store.upsertAccount(account());
    return store;
  };

  it('inserts new messages and reports them as ChatMessage DTOs', () => {
    const store = openWithAccount();
    const result = store.upsertMessages(A, T, [message(3), message(4, { senderId: ME, senderDisplayName: 'Me' })]);
    expect(result.updated).toBe(0);
    expect(result.inserted.map((entry) => [entry.sequenceId, entry.isOwn, entry.accountId, entry.threadId])).toEqual([
      [3, false, A, T],
      [4, true, A, T],
    ]);
    expect(store.getMessage(A, T, message(3).id)).toEqual(result.inserted[0]);
  });

  it('reports only DTO fields, whatever else the record carries', () => {
    const store = openWithAccount();
    const record = { ...message(3), sdkOnly: { raw: true } };
    const [inserted] = store.upsertMessages(A, T, [record]).inserted;
    expect(inserted).toEqual(store.getMessage(A, T, record.id));
    expect(inserted).not.toHaveProperty('sdkOnly');
  });

  it('round-trips every field, system messages included', () => {
    const store = openWithAccount();
    const system = message(1, {
      type: 'participantAdded',
      senderId: null,
      senderDisplayName: null,
      content: '',
      participants: [
        { userId: ALICE, displayName: 'Alice' },
        { userId: ME, displayName: null },
      ],
      initiatorId: ME,
    });
    const topic = message(2, { type: 'topicUpdated', senderId: null, senderDisplayName: null, content: '', topic: 'Plans', initiatorId: ALICE });
    const html = message(3, { type: 'html', content: '<p>hi</p>', metadata: { parleyClientId: 'c-1', other: 'x' }, editedOn: 5 });
    store.upsertMessages(A, T, [system, topic, html]);
    const { messages } = store.listMessages(A, T);
    expect(messages).toEqual([system, topic, html].map((record) => ({ ...record, accountId: A, threadId: T, isOwn: false, attachments: [] })));
  });

  it('ignores a version older than or equal to the stored one, and applies newer edits and deletions', () => {
    const store = openWithAccount();
    const original = message(3, { version: '1000', content: 'first' });
    store.upsertMessages(A, T, [original]);
    expect(store.upsertMessages(A, T, [{ ...original, version: '999', content: 'stale' }])).toEqual({ inserted: [], updated: 0 });
    expect(store.upsertMessages(A, T, [{ ...original, content: 'same version' }])).toEqual({ inserted: [], updated: 0 });
    expect(store.getMessage(A, T, original.id)!.content).toBe('first');

    expect(store.upsertMessages(A, T, [{ ...original, version: '2000', content: 'edited', editedOn: 2000 }])).toEqual({ inserted: [], updated: 1 });
    expect(store.getMessage(A, T, original.id)).toMatchObject({ content: 'edited', editedOn: 2000, version: '2000' });

    store.upsertMessages(A, T, [{ ...original, version: '3000', content: '', deletedOn: 3000 }]);
    expect(store.getMessage(A, T, original.id)).toMatchObject({ content: '', deletedOn: 3000 });
    // A late, older copy must not resurrect it.
    store.upsertMessages(A, T, [{ ...original, version: '2000', content: 'edited' }]);
    expect(store.getMessage(A, T, original.id)!.deletedOn).toBe(3000);
  });

  it('keeps a message at its cached sequenceId when a newer version arrives renumbered, and does not count it unread again', () => {
    const store = openWithAccount();
    store.upsertMessages(A, T, [message(3), message(4), message(5)]);
    store.setReadMarker(A, T, 5);
    const renumbered = { ...message(3), sequenceId: 9, version: String(Number(message(3).version) + 1), content: 'edited', editedOn: message(3).createdOn + 1 };
    expect(store.upsertMessages(A, T, [renumbered]).updated).toBe(1);
    expect(store.getMessage(A, T, renumbered.id)).toMatchObject({ sequenceId: 3, content: 'edited' });
    expect(store.listMessages(A, T).messages.map((entry) => entry.sequenceId)).toEqual([3, 4, 5]);
    expect(store.getThread(A, T)?.unreadCount).toBe(0);
  });

  it('treats the same message twice in one batch as an insert then an update', () => {
    const store = openWithAccount();
    const result = store.upsertMessages(A, T, [message(3, { version: '1' }), message(3, { version: '2', content: 'newer' })]);
    expect(result.inserted).toHaveLength(1);
    expect(result.updated).toBe(1);
    expect(store.getMessage(A, T, message(3).id)!.content).toBe('newer');
  });

  it('stores messages created in the same millisecond in different threads', () => {
    const store = openWithAccount();
    store.upsertMessages(A, 'thread-a', [message(3)]);
    store.upsertMessages(A, 'thread-b', [message(3), message(1027, { id: 'other', createdOn: message(3).createdOn })]);
    expect(store.listMessages(A, 'thread-b').messages.map((entry) => entry.sequenceId)).toEqual([3, 1027]);
    expect(store.getMessage(A, 'thread-a', message(3).id)).not.toBeNull();
  });

  it('finds a message by the client id in its metadata, for exactly-once sends', () => {
    const store = openWithAccount();
    store.upsertMessages(A, T, [message(3), message(4, { senderId: ME, metadata: { parleyClientId: 'client-42' } })]);
    expect(store.findMessageByClientId(A, T, 'client-42')!.sequenceId).toBe(4);
    expect(store.findMessageByClientId(A, T, 'client-43')).toBeNull();
    expect(store.findMessageByClientId(A, 'other-thread', 'client-42')).toBeNull();
  });

  it('answers the newest message, and null for unknown threads and messages', () => {
    const store = openWithAccount();
    expect(store.newestMessage(A, T)).toBeNull();
    store.upsertMessages(A, T, [message(5), message(3), message(9, { type: 'topicUpdated', content: '' })]);
    expect(store.newestMessage(A, T)!.sequenceId).toBe(9);
    expect(store.getMessage(A, T, 'missing')).toBeNull();
    expect(store.getMessage(A, 'missing', message(5).id)).toBeNull();
  });

  it('computes isOwn from the account user id', () => {
    const store = stores.open();
    store.upsertMessages(A, T, [message(3, { senderId: ME })]);
    expect(store.getMessage(A, T, message(3).id)!.isOwn).toBe(false);
    store.upsertAccount(account());
    expect(store.getMessage(A, T, message(3).id)!.isOwn).toBe(true);
  });

  describe('paging', () => {
    const seeded = () => {
      const store = openWithAccount();
      // Inserted in an order unlike the sequence order, as a newest-first history fetch would.
      store.upsertMessages(
        A,
        T,
        Array.from({ length: 100 }, (_, index) => message(100 - index)),
      );
      return store;
    };
    const sequenceIds = (page: { messages: Array<{ sequenceId: number }> }) => page.messages.map((entry) => entry.sequenceId);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

    it('opens on the newest page, ascending', () => {
      const page = seeded().listMessages(A, T, { limit: 10 });
      expect(sequenceIds(page)).toEqual(range(91, 100));
      expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
    });

    it('pages back with beforeSequenceId down to the first message', () => {
      const store = seeded();
      expect(sequenceIds(store.listMessages(A, T, { beforeSequenceId: 91, limit: 10 }))).toEqual(range(81, 90));
      const first = store.listMessages(A, T, { beforeSequenceId: 6, limit: 10 });
      expect(sequenceIds(first)).toEqual(range(1, 5));
      expect(first).toMatchObject({ hasOlder: false, hasNewer: true });
    });

    it('pages forward with afterSequenceId up to the newest message', () => {
      const store = seeded();
      const page = store.listMessages(A, T, { afterSequenceId: 50, limit: 10 });
      expect(sequenceIds(page)).toEqual(range(51, 60));
      expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
      const last = store.listMessages(A, T, { afterSequenceId: 95, limit: 10 });
      expect(sequenceIds(last)).toEqual(range(96, 100));
      expect(last.hasNewer).toBe(false);
      expect(store.listMessages(A, T, { afterSequenceId: 100 })).toEqual({ messages: [], hasOlder: true, hasNewer: false });
    });

    it('reads a window between afterSequenceId and beforeSequenceId', () => {
      expect(sequenceIds(seeded().listMessages(A, T, { afterSequenceId: 10, beforeSequenceId: 14 }))).toEqual([11, 12, 13]);
    });

    it('centres a page on aroundMessageId', () => {
      const store = seeded();
      const page = store.listMessages(A, T, { aroundMessageId: message(50).id, limit: 10 });
      expect(sequenceIds(page)).toEqual(range(45, 54));
      expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
      expect(sequenceIds(store.listMessages(A, T, { aroundMessageId: message(2).id, limit: 10 }))).toEqual(range(1, 10));
      expect(sequenceIds(store.listMessages(A, T, { aroundMessageId: message(99).id, limit: 10 }))).toEqual(range(94, 100));
    });

    it('falls back to the newest page when the anchor is unknown', () => {
      expect(sequenceIds(seeded().listMessages(A, T, { aroundMessageId: 'gone', limit: 3 }))).toEqual([98, 99, 100]);
    });

    it('answers an empty page for an unknown or empty thread', () => {
      const store = seeded();
      expect(store.listMessages(A, 'unknown')).toEqual({ messages: [], hasOlder: false, hasNewer: false });
      expect(store.listMessages('other-account', T)).toEqual({ messages: [], hasOlder: false, hasNewer: false });
    });

    it('clamps the limit', () => {
      const store = seeded();
      expect(store.listMessages(A, T, { limit: 0 }).messages).toHaveLength(1);
      expect(store.listMessages(A, T, { limit: Number.NaN }).messages).toHaveLength(50);
      expect(store.listMessages(A, T, { limit: 10_000 }).messages).toHaveLength(100);
    });
  });
});
