import { describe, expect, it } from 'vitest';
import { badgeLabel, unreadBadgeCount } from './unread-badge.ts';

describe('unreadBadgeCount', () => {
  it("adds every account's unread total", () => {
    expect(unreadBadgeCount([2, 0, 5])).toBe(7);
  });

  it('ignores totals that are not positive integers', () => {
    expect(unreadBadgeCount([-2, Number.NaN, 1.5, 4])).toBe(4);
  });

  it('is zero with no accounts', () => {
    expect(unreadBadgeCount([])).toBe(0);
  });
});

describe('badgeLabel', () => {
  it('shows nothing for zero, the number up to the cap, then "cap+"', () => {
    expect(badgeLabel(0)).toBe('');
    expect(badgeLabel(7)).toBe('7');
    expect(badgeLabel(99)).toBe('99');
    expect(badgeLabel(100)).toBe('99+');
    expect(badgeLabel(12, 9)).toBe('9+');
  });
});
