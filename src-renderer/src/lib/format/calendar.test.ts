import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, dayDistance, sameYear } from './calendar.ts';

// Local times, so the tests hold in any zone the machine has.
const at = (day: number, hour: number, minute = 0) => new Date(2025, 5, day, hour, minute).getTime();
const NOW = at(12, 14, 30); // Thursday, 12 June 2025

describe('calendar days', () => {
  it('counts calendar days, not 24-hour spans', () => {
    expect(calendarDaysBetween(at(12, 0, 1), NOW)).toBe(0);
    expect(calendarDaysBetween(at(11, 23, 59), NOW)).toBe(1);
    expect(calendarDaysBetween(at(11, 0, 0), at(12, 23, 59))).toBe(1);
    expect(calendarDaysBetween(new Date(2025, 2, 29, 12).getTime(), new Date(2025, 2, 31, 12).getTime())).toBe(2);
  });

  it('names today, yesterday, this week and earlier', () => {
    expect(dayDistance(at(12, 9), NOW)).toBe('today');
    expect(dayDistance(at(12, 16), NOW)).toBe('today');
    expect(dayDistance(at(11, 23, 59), NOW)).toBe('yesterday');
    expect(dayDistance(at(6, 8), NOW)).toBe('this-week');
    expect(dayDistance(at(5, 23), NOW)).toBe('earlier');
  });

  it('knows whether a date is in this year', () => {
    expect(sameYear(at(1, 1), NOW)).toBe(true);
    expect(sameYear(new Date(2024, 11, 31).getTime(), NOW)).toBe(false);
  });
});
