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
  /** The rows built last time: a row that comes out the same is that same object (the list skips it). */
  previous?: readonly TimelineRow[];
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
  const previous = new Map(options.previous?.map((row) => [row.key, row]));
  const rows: TimelineRow[] = [];
  const push = (row: TimelineRow) => {
    const before = previous.get(row.key);
    rows.push(before && sameRow(before, row) ? before : row);
  };
  let previousDay: number | null = null;
  let previousSender: string | null = null;
  let previousTime = Number.NEGATIVE_INFINITY;

  const enterDay = (time: number) => {
    const day = dayOf(time);
    if (day !== previousDay) {
      push({ kind: 'day', key: `day-${day}`, time: day });
      previousDay = day;
      previousSender = null;
    }
  };
  const continues = (sender: string | null, time: number) => sender !== null && sender === previousSender && time - previousTime <= gap;

  for (const message of messages) {
    enterDay(message.createdOn);
    if (options.firstUnreadId && message.id === options.firstUnreadId) {
      push({ kind: 'unread', key: 'unread' });
      previousSender = null;
    }
    if (isSystemMessage(message)) {
      push({ kind: 'system', key: message.id, message });
      previousSender = null;
      continue;
    }
    const sender = message.isOwn ? 'self' : message.senderId;
    push({ kind: 'message', key: message.id, message, startsGroup: !continues(sender, message.createdOn) });
    previousSender = sender;
    previousTime = message.createdOn;
  }
  for (const item of outbox) {
    enterDay(item.createdAt);
    push({ kind: 'pending', key: `outbox-${item.clientId}`, item, startsGroup: !continues('self', item.createdAt) });
    previousSender = 'self';
    previousTime = item.createdAt;
  }
  return rows;
}

function sameRow(a: TimelineRow, b: TimelineRow): boolean {
  switch (a.kind) {
    case 'day':
    case 'unread':
      return a.kind === b.kind;
    case 'system':
      return b.kind === 'system' && a.message === b.message;
    case 'message':
      return b.kind === 'message' && a.message === b.message && a.startsGroup === b.startsGroup;
    case 'pending':
      return b.kind === 'pending' && a.item === b.item && a.startsGroup === b.startsGroup;
  }
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

const bySequence = (a: ChatMessage, b: ChatMessage) => a.sequenceId - b.sequenceId;

function isSorted(messages: readonly ChatMessage[]): boolean {
  for (let index = 1; index < messages.length; index++) if (messages[index - 1]!.sequenceId > messages[index]!.sequenceId) return false;
  return true;
}

const sameVersion = (a: ChatMessage, b: ChatMessage) => a.id === b.id && a.version === b.version && a.deletedOn === b.deletedOn && a.editedOn === b.editedOn;

/**
 * Merges a page into the loaded window, ordered by sequence; unchanged messages keep their identity
 * (and the window its own when nothing changed). One pass over both: no re-sort of the window.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return current as ChatMessage[];
  const sorted = isSorted(incoming) ? incoming : [...incoming].sort(bySequence);
  // Pages that sit wholly before or after the window (scrolling, new arrivals) need no merge.
  const first = current[0];
  const last = current[current.length - 1];
  if (!first || !last) return [...sorted];
  if (sorted[sorted.length - 1]!.sequenceId < first.sequenceId) return [...sorted, ...current];
  if (sorted[0]!.sequenceId > last.sequenceId) return [...current, ...sorted];
  const merged: ChatMessage[] = [];
  let changed = false;
  let held = 0;
  for (let index = 0; index < sorted.length; index++) {
    const message = sorted[index]!;
    if (message.sequenceId === sorted[index + 1]?.sequenceId) continue; // the same message twice: the later copy wins
    while (held < current.length && current[held]!.sequenceId < message.sequenceId) merged.push(current[held++]!);
    const existing = current[held];
    if (existing?.sequenceId === message.sequenceId) {
      held++;
      if (sameVersion(existing, message)) {
        merged.push(existing);
        continue;
      }
    }
    merged.push(message);
    changed = true;
  }
  while (held < current.length) merged.push(current[held++]!);
  return changed ? merged : (current as ChatMessage[]);
}
