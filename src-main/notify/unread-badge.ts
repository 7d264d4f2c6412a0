/** Beyond this the badge reads "99+": the exact figure stops being information. */
export const BADGE_DISPLAY_CAP = 99;

/**
 * The unread total for the app badge: the sum of every account's unread total. Each account's total
 * comes from the cache (`CacheStore.unreadTotal`, one indexed sum, whatever the number of threads),
 * which leaves muted threads out, because muting means "do not call me about this" and a badge that
 * never clears because of a busy muted channel is a call, and deleted threads, which cannot be read
 * any more.
 */
export function unreadBadgeCount(accountTotals: Iterable<number>): number {
  let total = 0;
  for (const count of accountTotals) if (Number.isSafeInteger(count) && count > 0) total += count;
  return total;
}

/** The badge as shown where the platform takes text (tray tooltip, Windows overlay): "", "7" or "99+". */
export function badgeLabel(count: number, cap = BADGE_DISPLAY_CAP): string {
  if (!(count > 0)) return '';
  return count > cap ? `${cap}+` : String(Math.floor(count));
}
