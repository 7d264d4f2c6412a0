export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface RelativeAmount {
  value: number;
  unit: RelativeUnit;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Steps from the smallest unit up; each applies while the distance is below its limit. */
const STEPS: ReadonlyArray<{ unit: RelativeUnit; size: number; below: number }> = [
  { unit: 'second', size: SECOND, below: MINUTE },
  { unit: 'minute', size: MINUTE, below: HOUR },
  { unit: 'hour', size: HOUR, below: DAY },
  { unit: 'day', size: DAY, below: WEEK },
  { unit: 'week', size: WEEK, below: MONTH },
  { unit: 'month', size: MONTH, below: YEAR },
  { unit: 'year', size: YEAR, below: Number.POSITIVE_INFINITY },
];

/** The amount to hand to Intl.RelativeTimeFormat: negative in the past. Under 45 s counts as "now" (0 seconds). */
export function relativeAmount(then: number, now: number): RelativeAmount {
  const distance = then - now;
  const magnitude = Math.abs(distance);
  if (magnitude < 45 * SECOND) return { value: 0, unit: 'second' };
  for (const step of STEPS) {
    if (magnitude < step.below) {
      const value = Math.round(distance / step.size);
      return { value: value === 0 ? Math.sign(distance) : value, unit: step.unit };
    }
  }
  return { value: Math.round(distance / YEAR), unit: 'year' };
}

// Building an Intl formatter costs far more than using one: a thread list formats hundreds of times.
const formatters = new Map<string, Intl.RelativeTimeFormat>();

export function formatRelativeTime(then: number, now: number, locale: string): string {
  const { value, unit } = relativeAmount(then, now);
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
    formatters.set(locale, formatter);
  }
  return formatter.format(value, unit);
}
