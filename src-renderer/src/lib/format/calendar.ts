/** How a day or a moment is named on screen, by its distance in calendar days from today. */
export type DayDistance = 'today' | 'yesterday' | 'this-week' | 'earlier';

/** Calendar days from `then` to `now` in the local zone (a 23- or 25-hour day still counts as one). */
export function calendarDaysBetween(then: number, now: number): number {
  const start = (time: number) => {
    const date = new Date(time);
    return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  };
  return Math.round((start(now) - start(then)) / 86_400_000);
}

/** Today, yesterday, within the last week (named by weekday), or earlier (named by date). A future time counts as today. */
export function dayDistance(then: number, now: number): DayDistance {
  const days = calendarDaysBetween(then, now);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 7) return 'this-week';
  return 'earlier';
}

export function sameYear(then: number, now: number): boolean {
  return new Date(then).getFullYear() === new Date(now).getFullYear();
}
