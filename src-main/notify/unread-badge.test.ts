import { describe, expect, it } from 'vitest';
import { badgeLabel, unreadBadgeCount, type BadgeThread } from './unread-badge.ts';

const thread = (unreadCount: number, overrides: Partial<BadgeThread> = {}): BadgeThread => ({ unreadCount, muted: false, deletedOn: null, ...overrides });

describe('unreadBadgeCount', () => {
  it("adds the unread counts of every account's threads", () => {
    const accountA = [thread(2), thread(0)];
    const accountB = [thread(5)];
    expect(unreadBadgeCount([...accountA, ...accountB])).toBe(7);
  });

  it('leaves muted and deleted threads out', () => {
    expect(unreadBadgeCount([thread(3), thread(40, { muted: true }), thread(6, { deletedOn: 1 })])).toBe(3);
  });

  it('ignores counts that are not positive integers', () => {
    expect(unreadBadgeCount([thread(-2), thread(Number.NaN), thread(1.5), thread(4)])).toBe(4);
  });

  it('is zero with no threads', () => {
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
