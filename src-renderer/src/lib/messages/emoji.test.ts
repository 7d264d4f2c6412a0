import { describe, expect, it } from 'vitest';
import { isEmojiOnly } from './emoji.ts';

describe('isEmojiOnly', () => {
  it('takes up to three emoji, counted as people see them', () => {
    expect(isEmojiOnly('🎉')).toBe(true);
    expect(isEmojiOnly(' 👍👍 ')).toBe(true);
    expect(isEmojiOnly('👨‍👩‍👧‍👦')).toBe(true); // one family, many code points
    expect(isEmojiOnly('🇰🇷')).toBe(true);
    expect(isEmojiOnly('👍🏽 ❤️ 1️⃣')).toBe(true);
    expect(isEmojiOnly('🎉🎉🎉🎉')).toBe(false);
  });

  it('refuses text, digits and punctuation', () => {
    expect(isEmojiOnly('Otherwise ready to ship 🚀')).toBe(false);
    expect(isEmojiOnly('감사합니다 👍')).toBe(false);
    expect(isEmojiOnly('1')).toBe(false);
    expect(isEmojiOnly('!!')).toBe(false);
    expect(isEmojiOnly('   ')).toBe(false);
  });
});
