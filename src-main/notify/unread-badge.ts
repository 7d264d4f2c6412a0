import type { ThreadSummary } from '../../src-preload/contract.ts';

/** What the badge needs to know of a thread, from any account. */
export type BadgeThread = Pick<ThreadSummary, 'unreadCount' | 'muted' | 'deletedOn'>;

/** Beyond this the badge reads "99+": the exact figure stops being information. */
export const BADGE_DISPLAY_CAP = 99;

/**
 * The unread total for the app badge, across every account's threads. Muted threads do not count:
 * muting means "do not call me about this", and a badge that never clears because of a busy muted
 * channel is a call. Deleted threads cannot be read any more, so they do not count either.
 */
export function unreadBadgeCount(threads: Iterable<BadgeThread>): number {
  let total = 0;
  for (const thread of threads) {
    if (thread.muted || thread.deletedOn !== null) continue;
    if (Number.isSafeInteger(thread.unreadCount) && thread.unreadCount > 0) total += thread.unreadCount;
  }
  return total;
}

/** The badge as shown where the platform takes text (tray tooltip, Windows overlay): "", "7" or "99+". */
export function badgeLabel(count: number, cap = BADGE_DISPLAY_CAP): string {
  if (!(count > 0)) return '';
  return count > cap ? `${cap}+` : String(Math.floor(count));
}
