import { describe, expect, it } from 'vitest';
import { navigationTarget } from './list-navigation.ts';

describe('navigationTarget', () => {
  it('moves and stops at the ends', () => {
    expect(navigationTarget('ArrowDown', 0, 3)).toBe(1);
    expect(navigationTarget('ArrowDown', 2, 3)).toBe(2);
    expect(navigationTarget('ArrowUp', 0, 3)).toBe(0);
    expect(navigationTarget('Home', 2, 3)).toBe(0);
    expect(navigationTarget('End', 0, 3)).toBe(2);
    expect(navigationTarget('PageUp', 25, 30)).toBe(15);
    expect(navigationTarget('PageDown', 25, 30)).toBe(29);
  });
  it('enters a list with nothing active from the key direction', () => {
    expect(navigationTarget('ArrowDown', -1, 3)).toBe(0);
    expect(navigationTarget('ArrowUp', -1, 3)).toBe(2);
  });
  it('ignores other keys and empty lists', () => {
    expect(navigationTarget('a', 0, 3)).toBeNull();
    expect(navigationTarget('ArrowDown', 0, 0)).toBeNull();
  });
});
