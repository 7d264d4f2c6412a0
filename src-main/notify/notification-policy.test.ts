import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src-preload/contract.ts';
import {
  ENGLISH_NOTIFICATION_TEXTS,
  KOREAN_NOTIFICATION_TEXTS,
  decideNotifications,
  isNotifiableMessage,
  notificationTextsFor,
  type NotificationCycle,
  type ThreadCycle,
} from './notification-policy.ts';

const ACCOUNT = 'account-1';
const ME = '8:acs:me';
const NOW = 1_700_000_000_000;

let nextSequence = 10;
function message(threadId: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  const sequenceId = nextSequence++;
  return {
    accountId: ACCOUNT,
    threadId,
    id: String(NOW - 60_000 + sequenceId),
    sequenceId,
    version: String(sequenceId),
    type: 'text',
    senderId: '8:acs:alice',
    senderDisplayName: 'Alice',
    content: `message ${sequenceId}`,
    topic: null,
    participants: [],
    initiatorId: null,
    metadata: null,
    createdOn: NOW - 60_000 + sequenceId,
    editedOn: null,
    deletedOn: null,
    isOwn: false,
    ...overrides,
  };
}

function thread(threadId: string, inserted: ChatMessage[], overrides: Partial<ThreadCycle> = {}): ThreadCycle {
  return { threadId, topic: `Topic ${threadId}`, muted: false, inserted, ...overrides };
}

/** A steady-state cycle: synced a few seconds ago, notifications on, window in the background. */
function cycle(threads: ThreadCycle[], overrides: Partial<NotificationCycle> = {}): NotificationCycle {
  return {
    accountId: ACCOUNT,
    threads,
    settings: { notificationsEnabled: true, doNotDisturb: false, notifyMentionsWhenMuted: true },
    ownUserId: ME,
    focus: { focused: false, visible: false, open: null },
    lastSyncedAt: NOW - 5_000,
    now: NOW,
    ...overrides,
  };
}

describe('decideNotifications: who gets notified', () => {
  it('notifies a message from someone else, with topic, sender and text', () => {
    const notifications = decideNotifications(cycle([thread('t1', [message('t1', { content: 'Lunch?' })])]));
    expect(notifications).toEqual([{ accountId: ACCOUNT, threadId: 't1', title: 'Topic t1', body: 'Alice: Lunch?' }]);
  });

  it('ignores our own messages', () => {
    expect(decideNotifications(cycle([thread('t1', [message('t1', { isOwn: true })])]))).toEqual([]);
  });

  it('ignores system messages', () => {
    const system = (['topicUpdated', 'participantAdded', 'participantRemoved'] as const).map((type) =>
      message('t1', { type, senderId: null, senderDisplayName: null, content: '' }),
    );
    expect(decideNotifications(cycle([thread('t1', system)]))).toEqual([]);
  });

  it('ignores deleted messages', () => {
    expect(decideNotifications(cycle([thread('t1', [message('t1', { deletedOn: NOW, content: '' })])]))).toEqual([]);
  });

  it('ignores muted threads but not their unmuted neighbours', () => {
    const notifications = decideNotifications(cycle([thread('t1', [message('t1')], { muted: true }), thread('t2', [message('t2')])]));
    expect(notifications.map((notification) => notification.threadId)).toEqual(['t2']);
  });

  it('notifies a mention of the user in a muted thread, and nothing else there', () => {
    const mention = message('t1', { type: 'html', content: `<p>Look, <msft-mention id="${ME}">Mina</msft-mention></p>`, sequenceId: 2 });
    const notifications = decideNotifications(
      cycle([thread('t1', [message('t1'), mention, message('t1', { type: 'html', content: '<msft-mention id="8:acs:bo">Bo</msft-mention>', sequenceId: 3 })], { muted: true })]),
    );
    expect(notifications).toEqual([{ accountId: ACCOUNT, threadId: 't1', title: 'Topic t1', body: 'Alice: Look, @Mina' }]);
  });

  it('keeps a muted thread silent, mentions included, when the user turned that off', () => {
    const mention = message('t1', { type: 'html', content: `<msft-mention id="${ME}">Mina</msft-mention>` });
    const settings = { notificationsEnabled: true, doNotDisturb: false, notifyMentionsWhenMuted: false };
    expect(decideNotifications(cycle([thread('t1', [mention], { muted: true })], { settings }))).toEqual([]);
  });

  it('raises nothing while do-not-disturb is on', () => {
    const settings = { notificationsEnabled: true, doNotDisturb: true, notifyMentionsWhenMuted: true };
    expect(decideNotifications(cycle([thread('t1', [message('t1')])], { settings }))).toEqual([]);
  });

  it('raises nothing while notifications are disabled', () => {
    const settings = { notificationsEnabled: false, doNotDisturb: false, notifyMentionsWhenMuted: true };
    expect(decideNotifications(cycle([thread('t1', [message('t1')])], { settings }))).toEqual([]);
  });

  it('stays quiet about the thread open in a focused window', () => {
    const focus = { focused: true, visible: true, open: { accountId: ACCOUNT, threadId: 't1' } };
    expect(decideNotifications(cycle([thread('t1', [message('t1')])], { focus }))).toEqual([]);
  });

  it('notifies the open thread when the window is not focused', () => {
    const focus = { focused: false, visible: true, open: { accountId: ACCOUNT, threadId: 't1' } };
    expect(decideNotifications(cycle([thread('t1', [message('t1')])], { focus }))).toHaveLength(1);
  });

  it('notifies other threads while one is open in a focused window', () => {
    const focus = { focused: true, visible: true, open: { accountId: ACCOUNT, threadId: 't1' } };
    const notifications = decideNotifications(cycle([thread('t1', [message('t1')]), thread('t2', [message('t2')])], { focus }));
    expect(notifications.map((notification) => notification.threadId)).toEqual(['t2']);
  });

  it('notifies a thread of the same id open under another account', () => {
    const focus = { focused: true, visible: true, open: { accountId: 'account-2', threadId: 't1' } };
    expect(decideNotifications(cycle([thread('t1', [message('t1')])], { focus }))).toHaveLength(1);
  });
});

describe('decideNotifications: one notification per thread per cycle', () => {
  it("coalesces a thread's messages, counting them and showing the latest", () => {
    const one = message('t1', { content: 'one' });
    const two = message('t1', { content: 'two', senderDisplayName: 'Bob' });
    const three = message('t1', { content: 'three' });
    const notifications = decideNotifications(cycle([thread('t1', [three, one, two])]));
    expect(notifications).toEqual([{ accountId: ACCOUNT, threadId: 't1', title: 'Topic t1 (3 new messages)', body: 'Alice: three' }]);
  });

  it('counts only the notifiable messages of a thread', () => {
    const messages = [message('t1', { content: 'hi' }), message('t1', { isOwn: true }), message('t1', { deletedOn: NOW }), message('t1', { content: 'there' })];
    expect(decideNotifications(cycle([thread('t1', messages)]))[0]?.title).toBe('Topic t1 (2 new messages)');
  });

  it('breaks a tie in creation time by sequence id', () => {
    const messages = [message('t1', { createdOn: NOW, sequenceId: 8, content: 'later' }), message('t1', { createdOn: NOW, sequenceId: 7, content: 'earlier' })];
    expect(decideNotifications(cycle([thread('t1', messages)]))[0]?.body).toBe('Alice: later');
  });

  it('orders notifications oldest first, so that the newest lands on top', () => {
    const older = thread('older', [message('older', { createdOn: NOW - 3_000 })]);
    const newer = thread('newer', [message('newer', { createdOn: NOW - 1_000 })]);
    expect(decideNotifications(cycle([newer, older])).map((notification) => notification.threadId)).toEqual(['older', 'newer']);
  });
});

describe('decideNotifications: texts', () => {
  it('reduces HTML to plain text for the body', () => {
    const html = message('t1', { type: 'html', content: '<p>Ship <b>it</b> &amp; <i>celebrate</i></p><script>x()</script>' });
    expect(decideNotifications(cycle([thread('t1', [html])]))[0]?.body).toBe('Alice: Ship it & celebrate');
  });

  it('uses the injected toPlainText for HTML only', () => {
    const html = message('t1', { type: 'html', content: '<p>x</p>' });
    const text = message('t2', { content: '<p>literal</p>' });
    const notifications = decideNotifications(cycle([thread('t1', [html]), thread('t2', [text])]), { toPlainText: () => 'converted' });
    expect(notifications.map((notification) => notification.body)).toEqual(['Alice: converted', 'Alice: <p>literal</p>']);
  });

  it('truncates a long body to the limit with an ellipsis', () => {
    const long = message('t1', { content: 'word '.repeat(100) });
    const body = decideNotifications(cycle([thread('t1', [long])]), { maxBodyLength: 40 })[0]?.body ?? '';
    expect([...body].length).toBeLessThanOrEqual(40);
    expect(body).toMatch(/^Alice: word word .*word…$/);
  });

  it('truncates a long topic but keeps the message count', () => {
    const messages = [message('t1'), message('t1')];
    const title = decideNotifications(cycle([thread('t1', messages, { topic: 'x'.repeat(200) })]), { maxTopicLength: 10 })[0]?.title;
    expect(title).toBe(`${'x'.repeat(9)}… (2 new messages)`);
  });

  it('falls back for a missing topic, sender and text', () => {
    const bare = message('t1', { senderDisplayName: '', type: 'html', content: '<img src="photo.png">' });
    expect(decideNotifications(cycle([thread('t1', [bare], { topic: '  ' })]))[0]).toMatchObject({
      title: 'Untitled conversation',
      body: 'Someone: Sent a message',
    });
  });

  it('speaks Korean with the Korean texts', () => {
    const messages = [message('t1', { senderDisplayName: '민수', content: '안녕하세요' }), message('t1', { senderDisplayName: '민수', content: '회의 언제?' })];
    const [notification] = decideNotifications(cycle([thread('t1', messages, { topic: '팀 채팅' })]), { texts: KOREAN_NOTIFICATION_TEXTS });
    expect(notification).toMatchObject({ title: '팀 채팅 (새 메시지 2개)', body: '민수: 회의 언제?' });
  });

  it('summarises in Korean', () => {
    const threads = ['a', 'b'].map((id) => thread(id, [message(id)], { topic: `대화 ${id}` }));
    const [summary] = decideNotifications(cycle(threads, { lastSyncedAt: null }), { texts: KOREAN_NOTIFICATION_TEXTS });
    expect(summary?.title).toBe('대화 2개에 새 메시지 2개');
  });
});

describe('decideNotifications: no storm', () => {
  const threeThreads = () => [
    thread('a', [message('a', { createdOn: NOW - 3_000 }), message('a', { createdOn: NOW - 2_500 })]),
    thread('b', [message('b', { createdOn: NOW - 1_000 })]),
    thread('c', [message('c', { createdOn: NOW - 2_000 })]),
  ];

  it('summarises the first sync of an account in one notification on the most recent thread', () => {
    expect(decideNotifications(cycle(threeThreads(), { lastSyncedAt: null }))).toEqual([
      { accountId: ACCOUNT, threadId: 'b', title: '4 new messages in 3 conversations', body: 'Topic b, Topic c, Topic a' },
    ]);
  });

  it('summarises even a single thread on the first sync', () => {
    const notifications = decideNotifications(cycle([thread('a', [message('a')])], { lastSyncedAt: null }));
    expect(notifications).toEqual([{ accountId: ACCOUNT, threadId: 'a', title: '1 new message in 1 conversation', body: 'Topic a' }]);
  });

  it('summarises after a long offline period, and not after a short one', () => {
    const longGap = decideNotifications(cycle(threeThreads(), { lastSyncedAt: NOW - 10 * 60_000 - 1 }));
    const shortGap = decideNotifications(cycle(threeThreads(), { lastSyncedAt: NOW - 10 * 60_000 }));
    expect(longGap).toHaveLength(1);
    expect(longGap[0]?.title).toBe('4 new messages in 3 conversations');
    expect(shortGap).toHaveLength(3);
  });

  it('takes the offline threshold as a parameter', () => {
    expect(decideNotifications(cycle(threeThreads(), { lastSyncedAt: NOW - 61_000 }), { longOfflineMs: 60_000 })).toHaveLength(1);
  });

  it('summarises when more threads than the limit would notify at once', () => {
    const four = [...threeThreads(), thread('d', [message('d', { createdOn: NOW - 500 })])];
    expect(decideNotifications(cycle(threeThreads()), { maxThreadNotifications: 3 })).toHaveLength(3);
    expect(decideNotifications(cycle(four), { maxThreadNotifications: 3 })).toEqual([
      { accountId: ACCOUNT, threadId: 'd', title: '5 new messages in 4 conversations', body: 'Topic d, Topic b, Topic c and 1 more' },
    ]);
  });

  it('leaves muted and on-screen threads out of the summary', () => {
    const focus = { focused: true, visible: true, open: { accountId: ACCOUNT, threadId: 'b' } };
    const threads = threeThreads().map((item) => (item.threadId === 'c' ? { ...item, muted: true } : item));
    expect(decideNotifications(cycle(threads, { lastSyncedAt: null, focus }))).toEqual([
      { accountId: ACCOUNT, threadId: 'a', title: '2 new messages in 1 conversation', body: 'Topic a' },
    ]);
  });

  it('raises no summary when nothing is notifiable', () => {
    expect(decideNotifications(cycle([thread('a', [message('a', { isOwn: true })])], { lastSyncedAt: null }))).toEqual([]);
  });
});

describe('isNotifiableMessage', () => {
  it('accepts text and html from others only', () => {
    expect(isNotifiableMessage(message('t', { type: 'text' }))).toBe(true);
    expect(isNotifiableMessage(message('t', { type: 'html' }))).toBe(true);
    expect(isNotifiableMessage(message('t', { type: 'participantAdded' }))).toBe(false);
  });
});

describe('notificationTextsFor', () => {
  it('follows an explicit choice, then the system languages, then English', () => {
    expect(notificationTextsFor('ko', ['en-US'])).toBe(KOREAN_NOTIFICATION_TEXTS);
    expect(notificationTextsFor('system', ['fr-FR', 'ko-KR'])).toBe(KOREAN_NOTIFICATION_TEXTS);
    expect(notificationTextsFor('system', ['fr-FR'])).toBe(ENGLISH_NOTIFICATION_TEXTS);
  });
});
