import type { ChatMessage, LanguageChoice, Settings, WindowFocus } from '../../src-preload/contract.ts';
import { collapseWhitespace, htmlToText, mentionedRawIds } from '../text/html-to-text.ts';
import { localeFor } from '../../src-shared/text/locale.ts';
import { truncate } from '../../src-shared/text/truncate.ts';
import type { DesktopNotification } from './notification-sink.ts';

/** Every string a notification can show, so that each language supplies its own grammar. */
export interface NotificationTexts {
  /** Title of one conversation's notification; `messageCount` is how many new messages it stands for. */
  threadTitle(topic: string, messageCount: number): string;
  /** Body line: who wrote the latest message and what it says. */
  messageLine(sender: string, text: string): string;
  summaryTitle(messageCount: number, threadCount: number): string;
  /** `topics` are the most recent conversations first; `more` counts those left out. */
  summaryBody(topics: readonly string[], more: number): string;
  untitledThread: string;
  unknownSender: string;
  /** Stands in for a message without text (an image only, say). */
  noText: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const ENGLISH_NOTIFICATION_TEXTS: NotificationTexts = {
  threadTitle: (topic, messageCount) => (messageCount === 1 ? topic : `${topic} (${plural(messageCount, 'new message', 'new messages')})`),
  messageLine: (sender, text) => `${sender}: ${text}`,
  summaryTitle: (messageCount, threadCount) => `${plural(messageCount, 'new message', 'new messages')} in ${plural(threadCount, 'conversation', 'conversations')}`,
  summaryBody: (topics, more) => topics.join(', ') + (more > 0 ? ` and ${more} more` : ''),
  untitledThread: 'Untitled conversation',
  unknownSender: 'Someone',
  noText: 'Sent a message',
};

export const KOREAN_NOTIFICATION_TEXTS: NotificationTexts = {
  threadTitle: (topic, messageCount) => (messageCount === 1 ? topic : `${topic} (새 메시지 ${messageCount}개)`),
  messageLine: (sender, text) => `${sender}: ${text}`,
  summaryTitle: (messageCount, threadCount) => `대화 ${threadCount}개에 새 메시지 ${messageCount}개`,
  summaryBody: (topics, more) => topics.join(', ') + (more > 0 ? ` 외 ${more}개` : ''),
  untitledThread: '제목 없는 대화',
  unknownSender: '알 수 없는 사용자',
  noText: '메시지를 보냈습니다',
};

export const NOTIFICATION_TEXTS = { en: ENGLISH_NOTIFICATION_TEXTS, ko: KOREAN_NOTIFICATION_TEXTS } as const;

/** The texts for the user's language setting; 'system' follows the OS languages, most preferred first. */
export function notificationTextsFor(language: LanguageChoice, systemLanguages: readonly string[]): NotificationTexts {
  return NOTIFICATION_TEXTS[localeFor(language, systemLanguages)];
}

/** What one sync cycle brought to one thread of the account. */
export interface ThreadCycle {
  threadId: string;
  topic: string;
  muted: boolean;
  /** Messages this cycle inserted into the cache: new ids only, not edits of known ones. */
  inserted: readonly ChatMessage[];
}

export interface NotificationCycle {
  accountId: string;
  threads: readonly ThreadCycle[];
  settings: Pick<Settings, 'notificationsEnabled' | 'doNotDisturb' | 'notifyMentionsWhenMuted'>;
  /** The account's own user: a message that mentions them notifies even in a muted thread (if the setting says so). */
  ownUserId: string | null;
  focus: WindowFocus;
  /** The account's last successful sync before this cycle (calendar time); null when this is its first sync. */
  lastSyncedAt: number | null;
  /**
   * When this cycle finished, in calendar time: a suspended laptop's hours away count (the clock
   * that never goes back stops during suspend). A calendar set back makes the gap negative (not
   * long); set forward, the gap looks long and one summary is shown: never a storm either way.
   */
  now: number;
}

export interface NotificationPolicyOptions {
  texts: NotificationTexts;
  /** Reduces an HTML message to what a reader sees. */
  toPlainText: (html: string) => string;
  /** A gap since the last successful sync longer than this is a return from offline: summarise. */
  longOfflineMs: number;
  /** More conversations than this notifying in one cycle are summarised in one notification. */
  maxThreadNotifications: number;
  /** Lengths in user-perceived characters; OS notification centres cut far less gracefully. */
  maxTopicLength: number;
  maxSenderLength: number;
  maxBodyLength: number;
  /** How many conversations a summary names before "and n more". */
  summaryTopicCount: number;
}

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicyOptions = {
  texts: ENGLISH_NOTIFICATION_TEXTS,
  toPlainText: htmlToText,
  longOfflineMs: 10 * 60_000,
  maxThreadNotifications: 3,
  maxTopicLength: 60,
  maxSenderLength: 40,
  maxBodyLength: 160,
  summaryTopicCount: 3,
};

/** A message from someone else that a person wrote: not one of ours, not a system event, not deleted. */
export function isNotifiableMessage(message: ChatMessage): boolean {
  return !message.isOwn && (message.type === 'text' || message.type === 'html') && message.deletedOn === null;
}

interface ThreadDigest {
  threadId: string;
  topic: string;
  count: number;
  latest: ChatMessage;
}

const isNewer = (a: ChatMessage, b: ChatMessage) => a.createdOn > b.createdOn || (a.createdOn === b.createdOn && a.sequenceId > b.sequenceId);
const byLatestAscending = (a: ThreadDigest, b: ThreadDigest) => (isNewer(a.latest, b.latest) ? 1 : isNewer(b.latest, a.latest) ? -1 : 0);

function isOnScreen(cycle: NotificationCycle, threadId: string): boolean {
  const open = cycle.focus.open;
  return cycle.focus.focused && open !== null && open.accountId === cycle.accountId && open.threadId === threadId;
}

function mentions(message: ChatMessage, userId: string | null): boolean {
  return userId !== null && message.type === 'html' && mentionedRawIds(message.content).includes(userId);
}

/** What of a thread's new messages may notify: all of them, or in a muted thread only those that mention the user. */
function notifiableOf(thread: ThreadCycle, cycle: NotificationCycle): ChatMessage[] {
  const notifiable = thread.inserted.filter(isNotifiableMessage);
  if (!thread.muted) return notifiable;
  return cycle.settings.notifyMentionsWhenMuted ? notifiable.filter((message) => mentions(message, cycle.ownUserId)) : [];
}

function digestOf(thread: ThreadCycle, cycle: NotificationCycle, options: NotificationPolicyOptions): ThreadDigest | null {
  const notifiable = notifiableOf(thread, cycle);
  const [first, ...rest] = notifiable;
  if (first === undefined) return null;
  const latest = rest.reduce((newest, message) => (isNewer(message, newest) ? message : newest), first);
  const topic = collapseWhitespace(thread.topic) || options.texts.untitledThread;
  return { threadId: thread.threadId, topic: truncate(topic, options.maxTopicLength), count: notifiable.length, latest };
}

function threadNotification(accountId: string, digest: ThreadDigest, options: NotificationPolicyOptions): DesktopNotification {
  const { texts, toPlainText } = options;
  const { latest } = digest;
  const sender = collapseWhitespace(latest.senderDisplayName ?? '') || texts.unknownSender;
  const text = collapseWhitespace(latest.type === 'html' ? toPlainText(latest.content) : latest.content) || texts.noText;
  return {
    accountId,
    threadId: digest.threadId,
    title: texts.threadTitle(digest.topic, digest.count),
    body: truncate(texts.messageLine(truncate(sender, options.maxSenderLength), text), options.maxBodyLength),
  };
}

/** One notification for the whole cycle; a click opens the most recent conversation. */
function summaryNotification(accountId: string, digests: readonly ThreadDigest[], options: NotificationPolicyOptions): DesktopNotification {
  const newestFirst = digests.toSorted(byLatestAscending).reverse();
  const [newest] = newestFirst;
  if (newest === undefined) throw new Error('A summary needs at least one conversation.');
  const named = newestFirst.slice(0, options.summaryTopicCount).map((digest) => digest.topic);
  const messageCount = digests.reduce((sum, digest) => sum + digest.count, 0);
  return {
    accountId,
    threadId: newest.threadId,
    title: options.texts.summaryTitle(messageCount, digests.length),
    body: truncate(options.texts.summaryBody(named, newestFirst.length - named.length), options.maxBodyLength),
  };
}

/**
 * The notifications to raise after one sync cycle of one account: at most one per conversation, or one
 * summary when individual ones would be a storm (first sync, back from a long offline period, or many
 * conversations at once). Per-thread notifications come oldest first, so the newest lands on top.
 */
export function decideNotifications(cycle: NotificationCycle, overrides: Partial<NotificationPolicyOptions> = {}): DesktopNotification[] {
  const options = { ...DEFAULT_NOTIFICATION_POLICY, ...overrides };
  if (!cycle.settings.notificationsEnabled || cycle.settings.doNotDisturb) return [];

  const digests = cycle.threads
    .filter((thread) => !isOnScreen(cycle, thread.threadId))
    .map((thread) => digestOf(thread, cycle, options))
    .filter((digest) => digest !== null);
  if (digests.length === 0) return [];

  const backFromLongGap = cycle.lastSyncedAt === null || cycle.now - cycle.lastSyncedAt > options.longOfflineMs;
  if (backFromLongGap || digests.length > options.maxThreadNotifications) {
    return [summaryNotification(cycle.accountId, digests, options)];
  }
  return digests.toSorted(byLatestAscending).map((digest) => threadNotification(cycle.accountId, digest, options));
}
