import { describe, expect, it } from 'vitest';
import { truncate } from './truncate.ts';

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('short', 5)).toBe('short');
  });

  it('cuts at a nearby word boundary, ellipsis included in the length', () => {
    const cut = truncate('The quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('The quick brown fox…');
    expect([...cut].length).toBeLessThanOrEqual(20);
  });

  it('cuts mid-word when no space is near the limit', () => {
    expect(truncate('Supercalifragilistic expialidocious', 10)).toBe('Supercali…');
  });

  it('never splits an emoji sequence or a Hangul syllable', () => {
    const family = '👨‍👩‍👧';
    expect(truncate(family.repeat(5), 3)).toBe(`${family}${family}…`);
    expect(truncate('안녕하세요반갑습니다', 6)).toBe('안녕하세요…');
  });
});
