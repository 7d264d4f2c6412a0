import { describe, expect, it } from 'vitest';
import { formatRelativeTime, relativeAmount } from './relative-time.ts';

const now = Date.UTC(2025, 0, 15, 12, 0, 0);
const ago = (ms: number) => now - ms;

describe('relativeAmount', () => {
  it('treats the last 45 seconds as now', () => {
    expect(relativeAmount(ago(10_000), now)).toEqual({ value: 0, unit: 'second' });
  });
  it('picks the largest unit that fits', () => {
    expect(relativeAmount(ago(50_000), now)).toEqual({ value: -50, unit: 'second' });
    expect(relativeAmount(ago(5 * 60_000), now)).toEqual({ value: -5, unit: 'minute' });
    expect(relativeAmount(ago(3 * 3_600_000), now)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeAmount(ago(2 * 86_400_000), now)).toEqual({ value: -2, unit: 'day' });
    expect(relativeAmount(ago(14 * 86_400_000), now)).toEqual({ value: -2, unit: 'week' });
    expect(relativeAmount(ago(90 * 86_400_000), now)).toEqual({ value: -3, unit: 'month' });
    expect(relativeAmount(ago(800 * 86_400_000), now)).toEqual({ value: -2, unit: 'year' });
  });
  it('handles the future too', () => {
    expect(relativeAmount(now + 2 * 3_600_000, now)).toEqual({ value: 2, unit: 'hour' });
  });
});

describe('formatRelativeTime', () => {
  it('speaks the chosen language', () => {
    expect(formatRelativeTime(ago(5_000), now, 'en')).toBe('now');
    expect(formatRelativeTime(ago(86_400_000), now, 'en')).toBe('yesterday');
    expect(formatRelativeTime(ago(86_400_000), now, 'ko')).toBe('어제');
    expect(formatRelativeTime(ago(5 * 60_000), now, 'en')).toMatch(/5 min/);
  });
});
