import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8.ts';

describe('utf8ByteLength', () => {
  it('agrees with TextEncoder on every kind of character', () => {
    for (const sample of ['', 'hello', 'é', '안녕하세요', '😀', 'a😀b한', '\n\t', '\u{10ffff}']) {
      expect(utf8ByteLength(sample), sample).toBe(new TextEncoder().encode(sample).length);
    }
  });
  it('counts a lone surrogate as the replacement character', () => {
    expect(utf8ByteLength('\ud800')).toBe(3);
    expect(utf8ByteLength('\ud800x')).toBe(4);
  });
});
