import type { ChatMessage, OutboxItem, ReadReceipt } from '$contract';
import { isSystemMessage } from './system-message.ts';

export type TimelineRow =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: ChatMessage; startsGroup: boolean }
  | { kind: 'system'; key: string; message: ChatMessage }
  | { kind: 'pending'; key: string; item: OutboxItem; startsGroup: boolean };

export interface TimelineOptions {
  /** Start of the local day holding a time; injected so tests do not depend on the machine's zone. */
  dayOf?: (time: number) => number;
  /** The first message the user has not read: a marker goes before it. */
  firstUnreadId?: string | null;
  /** Consecutive messages of one sender closer than this share a header. */
  groupGapMs?: number;
}

export const GROUP_GAP_MS = 5 * 60_000;

export function localDayStart(time: number): number {
  return new Date(time).setHours(0, 0, 0, 0);
}

/**
 * The rows of the message list: day separators, the unread marker, messages (grouped by sender
 * within a day and a few minutes) and the outbox at the end. O(n), so it is cheap to recompute.
 */
export function buildTimeline(messages: readonly ChatMessage[], outbox: readonly OutboxItem[], options: TimelineOptions = {}): TimelineRow[] {
  const dayOf = options.dayOf ?? localDayStart;
  const gap = options.groupGapMs ?? GROUP_GAP_MS;
  const rows: TimelineRow[] = [];
  let previousDay: number | null = null;
  let previousSender: string | null = null;
  let previousTime = Number.NEGATIVE_INFINITY;

  const enterDay = (time: number) => {
    const day = dayOf(time);
    if (day !== previousDay) {
      rows.push({ kind: 'day', key: `day-${day}`, time: day });
      previousDay = day;
      previousSender = null;
    }
  };
  const continues = (sender: string | null, time: number) => sender !== null && sender === previousSender && time - previousTime <= gap;

  for (const message of messages) {
    enterDay(message.createdOn);
    if (options.firstUnreadId && message.id === options.firstUnreadId) {
      rows.push({ kind: 'unread', key: 'unread' });
      previousSender = null;
    }
    if (isSystemMessage(message)) {
      rows.push({ kind: 'system', key: message.id, message });
      previousSender = null;
      continue;
    }
    const sender = message.isOwn ? 'self' : message.senderId;
    rows.push({ kind: 'message', key: message.id, message, startsGroup: !continues(sender, message.createdOn) });
    previousSender = sender;
    previousTime = message.createdOn;
  }
  for (const item of outbox) {
    enterDay(item.createdAt);
    rows.push({ kind: 'pending', key: `outbox-${item.clientId}`, item, startsGroup: !continues('self', item.createdAt) });
    previousSender = 'self';
    previousTime = item.createdAt;
  }
  return rows;
}

/**
 * Who has seen which of one's own messages: each other reader appears under the newest own message
 * their receipt reaches. Receipts for messages outside the loaded window are ignored.
 */
export function seenByMessage(messages: readonly ChatMessage[], receipts: readonly ReadReceipt[], ownUserId: string | null): Map<string, string[]> {
  const sequenceOf = new Map(messages.map((message) => [message.id, message.sequenceId]));
  const readUpTo = new Map<string, number>();
  for (const receipt of receipts) {
    if (receipt.userId === ownUserId) continue;
    const sequence = sequenceOf.get(receipt.messageId);
    if (sequence === undefined) continue;
    readUpTo.set(receipt.userId, Math.max(readUpTo.get(receipt.userId) ?? 0, sequence));
  }
  const own = messages.filter((message) => message.isOwn && message.deletedOn === null && !isSystemMessage(message));
  const result = new Map<string, string[]>();
  for (const [userId, sequence] of readUpTo) {
    let target: ChatMessage | undefined;
    for (let index = own.length - 1; index >= 0; index--) {
      if (own[index]!.sequenceId <= sequence) {
        target = own[index];
        break;
      }
    }
    if (!target) continue;
    result.set(target.id, [...(result.get(target.id) ?? []), userId]);
  }
  return result;
}

/** The first unread message, given how many messages from others are unread. */
export function firstUnreadMessageId(messages: readonly ChatMessage[], unreadCount: number): string | null {
  if (unreadCount <= 0) return null;
  let remaining = unreadCount;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.isOwn) return index + 1 < messages.length ? messages[index + 1]!.id : null;
    remaining -= 1;
    if (remaining === 0) return message.id;
  }
  return messages[0]?.id ?? null;
}

/** Merges a page into the loaded window by id, ordered by sequence; unchanged messages keep their identity. */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const sorted = [...incoming].sort((a, b) => a.sequenceId - b.sequenceId);
  // Pages that sit wholly before or after the window (scrolling, new arrivals) need no merge.
  const first = current[0];
  const last = current[current.length - 1];
  if (!first || !last) return sorted;
  if (sorted[sorted.length - 1]!.sequenceId < first.sequenceId) return [...sorted, ...current];
  if (sorted[0]!.sequenceId > last.sequenceId) return [...current, ...sorted];
  const byId = new Map(current.map((message) => [message.id, message]));
  let changed = false;
  for (const message of incoming) {
    const existing = byId.get(message.id);
    if (existing && existing.version === message.version && existing.deletedOn === message.deletedOn && existing.editedOn === message.editedOn) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return current as ChatMessage[];
  return [...byId.values()].sort((a, b) => a.sequenceId - b.sequenceId);
}
