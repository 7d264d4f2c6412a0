import { describe, expect, it } from 'vitest';
import { buildTimeline, firstUnreadMessageId, mergeMessages, seenByMessage } from './timeline.ts';
import { makeMessage, makeOutboxItem } from '../../../test-support/messages.ts';

const DAY = 86_400_000;
const dayOf = (time: number) => Math.floor(time / DAY) * DAY;

describe('buildTimeline', () => {
  it('groups consecutive messages of one sender and separates days', () => {
    const base = Date.UTC(2025, 0, 15, 9, 0);
    const messages = [
      makeMessage({ sequenceId: 1, createdOn: base }),
      makeMessage({ sequenceId: 2, createdOn: base + 60_000 }),
      makeMessage({ sequenceId: 3, createdOn: base + 2 * 60_000, senderId: 'u:joon', senderDisplayName: 'Joon' }),
      makeMessage({ sequenceId: 4, createdOn: base + 30 * 60_000, senderId: 'u:joon' }),
      makeMessage({ sequenceId: 5, createdOn: base + DAY, senderId: 'u:joon' }),
    ];
    const rows = buildTimeline(messages, [], { dayOf });
    expect(rows.map((row) => (row.kind === 'message' ? `${row.key}:${row.startsGroup ? 'head' : 'cont'}` : row.kind))).toEqual([
      'day',
      'm1:head',
      'm2:cont',
      'm3:head',
      'm4:head',
      'day',
      'm5:head',
    ]);
  });

  it('puts system messages on their own line and breaks the group around them', () => {
    const rows = buildTimeline([makeMessage({ sequenceId: 1 }), makeMessage({ sequenceId: 2, type: 'topicUpdated', topic: 'X' }), makeMessage({ sequenceId: 3 })], [], { dayOf });
    expect(rows.map((row) => row.kind)).toEqual(['day', 'message', 'system', 'message']);
    expect(rows[3]).toMatchObject({ startsGroup: true });
  });

  it('places the unread marker and the outbox, continuing the own group', () => {
    const base = Date.UTC(2025, 0, 15, 11, 58);
    const rows = buildTimeline(
      [makeMessage({ sequenceId: 1, createdOn: base }), makeMessage({ sequenceId: 2, createdOn: base + 1000, isOwn: true, senderId: 'u:me' })],
      [makeOutboxItem({ createdAt: base + 2000 })],
      { dayOf, firstUnreadId: 'm1' },
    );
    expect(rows.map((row) => row.kind)).toEqual(['day', 'unread', 'message', 'message', 'pending']);
    expect(rows[4]).toMatchObject({ startsGroup: false });
  });
});

describe('seenByMessage', () => {
  it('shows each reader under the newest own message they reached', () => {
    const messages = [
      makeMessage({ sequenceId: 1, isOwn: true }),
      makeMessage({ sequenceId: 2, isOwn: true }),
      makeMessage({ sequenceId: 3 }),
      makeMessage({ sequenceId: 4, isOwn: true }),
    ];
    const seen = seenByMessage(
      messages,
      [
        { userId: 'u:joon', messageId: 'm3', readOn: 0 },
        { userId: 'u:minji', messageId: 'm4', readOn: 0 },
        { userId: 'u:me', messageId: 'm4', readOn: 0 },
        { userId: 'u:old', messageId: 'm-unloaded', readOn: 0 },
      ],
      'u:me',
    );
    expect(Object.fromEntries(seen)).toEqual({ m2: ['u:joon'], m4: ['u:minji'] });
  });
});

describe('firstUnreadMessageId', () => {
  it('counts back over messages from others', () => {
    const messages = [makeMessage({ sequenceId: 1 }), makeMessage({ sequenceId: 2 }), makeMessage({ sequenceId: 3 })];
    expect(firstUnreadMessageId(messages, 0)).toBeNull();
    expect(firstUnreadMessageId(messages, 2)).toBe('m2');
    expect(firstUnreadMessageId(messages, 10)).toBe('m1');
  });
  it('stops at one’s own message', () => {
    const messages = [makeMessage({ sequenceId: 1 }), makeMessage({ sequenceId: 2, isOwn: true }), makeMessage({ sequenceId: 3 })];
    expect(firstUnreadMessageId(messages, 5)).toBe('m3');
  });
});

describe('mergeMessages', () => {
  it('adds, replaces changed versions and keeps unchanged objects', () => {
    const one = makeMessage({ sequenceId: 1 });
    const two = makeMessage({ sequenceId: 2 });
    const current = [one, two];
    expect(mergeMessages(current, [makeMessage({ sequenceId: 1 })])).toBe(current);
    const edited = makeMessage({ sequenceId: 2, version: '2', content: 'edited', editedOn: 5 });
    const merged = mergeMessages(current, [edited, makeMessage({ sequenceId: 0 })]);
    expect(merged.map((message) => message.id)).toEqual(['m0', 'm1', 'm2']);
    expect(merged[1]).toBe(one);
    expect(merged[2]).toBe(edited);
  });

  it('merges an overlapping page in one pass: inserts, replaces and drops a repeated message', () => {
    const current = [1, 3, 5].map((sequenceId) => makeMessage({ sequenceId }));
    const edited = makeMessage({ sequenceId: 5, version: '2', content: 'edited', editedOn: 9 });
    const merged = mergeMessages(current, [edited, makeMessage({ sequenceId: 4 }), makeMessage({ sequenceId: 2 }), makeMessage({ sequenceId: 4 }), makeMessage({ sequenceId: 6 })]);
    expect(merged.map((message) => message.sequenceId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(merged[0]).toBe(current[0]);
    expect(merged[2]).toBe(current[1]);
    expect(merged[4]).toBe(edited);
  });
});

describe('buildTimeline with the previous rows', () => {
  it('gives back the same row objects for what did not change, new ones for what did', () => {
    const messages = [1, 2, 3].map((sequenceId) => makeMessage({ sequenceId }));
    const before = buildTimeline(messages, [], { dayOf });
    const edited = makeMessage({ sequenceId: 3, version: '2', content: 'edited' });
    // An older message from another sender before m1: m1 still starts its group; m2 and the day row stay as they were.
    const older = makeMessage({ sequenceId: 0, senderId: 'u:joon' });
    const after = buildTimeline([older, messages[0]!, messages[1]!, edited], [], { dayOf, previous: before });
    expect(after.map((row) => row.key)).toEqual([before[0]!.key, 'm0', 'm1', 'm2', 'm3']);
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[1]);
    expect(after[3]).toBe(before[2]);
    expect(after[4]).not.toBe(before[3]);
    expect(after[4]).toMatchObject({ kind: 'message', message: edited });
    // m3 starts a group once m2 comes from another sender: a new row, since it draws differently.
    const regrouped = buildTimeline([messages[0]!, makeMessage({ sequenceId: 2, senderId: 'u:joon' }), edited], [], { dayOf, previous: after });
    expect(regrouped[3]).not.toBe(after[4]);
    expect(regrouped[3]).toMatchObject({ startsGroup: true });
  });
});
