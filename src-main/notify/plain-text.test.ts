import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeEntities, htmlToPlainText, truncate } from './plain-text.ts';

describe('htmlToPlainText', () => {
  it('drops tags and keeps the words apart where blocks break lines', () => {
    expect(htmlToPlainText('<p>Hello <b>there</b></p><p>second<br>line</p>')).toBe('Hello there second line');
    expect(htmlToPlainText('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
  });

  it('joins inline elements without inventing spaces', () => {
    expect(htmlToPlainText('un<i>believ</i>able')).toBe('unbelievable');
  });

  it('never shows script, style or comment content', () => {
    expect(htmlToPlainText('a<script>alert("x")</script>b<style>p{color:red}</style>c<!-- hidden -->d')).toBe('a b cd');
  });

  it('reads an image by its alt text, as Teams sends emoji', () => {
    expect(htmlToPlainText('Nice <img itemtype="http://schema.skype.com/Emoji" alt="😀" src="x.png"> work')).toBe('Nice 😀 work');
    expect(htmlToPlainText("<img src='cat.png'>")).toBe('');
  });

  it('keeps a ">" inside a quoted attribute from ending the tag', () => {
    expect(htmlToPlainText('<a title="a > b" href="#">link</a>')).toBe('link');
  });

  it('leaves a "<" that starts no tag as text', () => {
    expect(htmlToPlainText('1 < 2 and 3 <= 4')).toBe('1 < 2 and 3 <= 4');
  });

  it('decodes entities once, after the tags are gone', () => {
    expect(htmlToPlainText('&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#8364; &#x1F600;')).toBe('<b>not bold</b> &amp; € 😀');
  });
});

describe('decodeEntities', () => {
  it('replaces impossible code points and keeps unknown names', () => {
    expect(decodeEntities('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
    expect(decodeEntities('&unknown; &amp')).toBe('&unknown; &amp');
  });
});

describe('collapseWhitespace', () => {
  it('makes one paragraph of any whitespace and drops soft hyphens', () => {
    expect(collapseWhitespace('  a\n\n\tb\u00a0 c\u00adc  ')).toBe('a b cc');
  });
});

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
