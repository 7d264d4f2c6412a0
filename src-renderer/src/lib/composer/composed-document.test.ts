import { describe, expect, it } from 'vitest';
import { draftOf, isPlainDocument, plainDocument, plainTextOf } from './composed-document.ts';

const paragraph = (...content: object[]) => ({ type: 'paragraph', content });
const text = (value: string, marks?: object[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

describe('the text or HTML decision', () => {
  it('takes paragraphs of unmarked text and line breaks as plain text, joined by new lines', () => {
    const doc = { type: 'doc', content: [paragraph(text('first'), { type: 'hardBreak' }, text('second <b>as typed</b>')), paragraph(text('third'))] };
    expect(isPlainDocument(doc)).toBe(true);
    expect(plainTextOf(doc)).toBe('first\nsecond <b>as typed</b>\nthird');
    expect(draftOf(doc, '<p>ignored</p>')).toEqual({ text: 'first\nsecond <b>as typed</b>\nthird', format: 'text' });
  });

  it('takes any mark, list, quote, code block or mention as formatting, kept as the editor’s HTML', () => {
    const formatted = [
      { type: 'doc', content: [paragraph(text('bold', [{ type: 'bold' }]))] },
      { type: 'doc', content: [paragraph(text('site', [{ type: 'link', attrs: { href: 'https://example.com' } }]))] },
      { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('item'))] }] }] },
      { type: 'doc', content: [{ type: 'blockquote', content: [paragraph(text('quoted'))] }] },
      { type: 'doc', content: [{ type: 'codeBlock', content: [text('code')] }] },
      { type: 'doc', content: [paragraph({ type: 'mention', attrs: { id: '8:acs:x', label: 'X' } })] },
    ];
    for (const doc of formatted) {
      expect(isPlainDocument(doc), JSON.stringify(doc)).toBe(false);
      expect(draftOf(doc, '<p>the editor html</p>')).toEqual({ text: '<p>the editor html</p>', format: 'html' });
    }
  });

  it('turns plain text back into the document it came from', () => {
    for (const typed of ['', 'one line', 'two\nlines', 'blank\n\nline', '\nleading and trailing\n']) {
      const doc = plainDocument(typed);
      expect(isPlainDocument(doc)).toBe(true);
      expect(plainTextOf(doc)).toBe(typed);
    }
  });
});
