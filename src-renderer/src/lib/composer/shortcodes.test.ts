import data from '@emoji-mart/data';
import { describe, expect, it } from 'vitest';
import { SHORTCODE_LIMIT, ShortcodeIndex, type EmojiData } from './shortcodes.ts';

// The real data the page loads: the test sees the same shortcodes a user does.
const index = new ShortcodeIndex(data as unknown as EmojiData);

describe('shortcode lookup', () => {
  it('offers the exact shortcode first, then those it begins, then word and keyword matches', () => {
    const smile = index.find('smile');
    expect(smile[0]).toEqual({ shortcode: 'smile', native: '😄', name: 'Grinning Face with Smiling Eyes' });
    expect(smile.map((match) => match.shortcode)).toContain('smiley');
    expect(
      index
        .find('smi')
        .slice(0, 3)
        .map((match) => match.shortcode),
    ).toEqual(['smile', 'smirk', 'smiley']);
    expect(index.find('tada')[0]?.native).toBe('🎉');
    // By keyword: "happy" is no shortcode but a keyword of several faces.
    expect(index.find('happy').length).toBeGreaterThan(0);
  });

  it('knows aliases, is case-blind, shows each emoji once and at most a page of them', () => {
    expect(index.find('thumbsup')[0]?.native).toBe('👍');
    expect(index.find('+1')[0]?.native).toBe('👍');
    expect(index.find('TADA')[0]?.native).toBe('🎉');
    const many = index.find('fa');
    expect(many).toHaveLength(SHORTCODE_LIMIT);
    expect(new Set(many.map((match) => match.native)).size).toBe(many.length);
  });

  it('stays closed for one character or none (":)" and "12:30" are not shortcodes)', () => {
    expect(index.find('')).toEqual([]);
    expect(index.find(')')).toEqual([]);
    expect(index.find('3')).toEqual([]);
    expect(index.find('qqqqzz')).toEqual([]);
  });

  it('offers the everyday emoji before anything is typed', () => {
    const popular = index.popular(5);
    expect(popular.map((match) => match.native)).toEqual(['👍', '😀', '😂', '😍', '😘']);
  });
});
