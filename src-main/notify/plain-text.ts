/**
 * Reduces message HTML to the plain text a notification or a preview can show. Main has no DOM,
 * and a notification shows text only, so this never has to be a sanitiser: nothing it returns is
 * ever parsed as HTML again. It only has to read like what the user would see.
 */

/** Elements whose content is never shown as text. */
const HIDDEN_ELEMENT = /<(script|style|head|template|title)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** A start or end tag (quoted attribute values may hold '>'); a '<' not followed by a name is text. */
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ALT_ATTRIBUTE = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
/** Tags that break a line when rendered, so their words must not run together. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d',
  bull: '\u2022', middot: '\u00b7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', euro: '\u20ac', times: '\u00d7',
};

function decodeCodePoint(codePoint: number): string {
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  return codePoint === 0 || isSurrogate || codePoint > 0x10ffff ? '\ufffd' : String.fromCodePoint(codePoint);
}

/** Decodes character references in one pass, so "&amp;lt;" stays the text "&lt;". */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return decodeCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return decodeCodePoint(Number.parseInt(hex, 16));
    return (name !== undefined && Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : undefined) ?? whole;
  });
}

/** Collapses every run of whitespace (line breaks included) to one space: notifications are one paragraph. */
export function collapseWhitespace(text: string): string {
  return text.replaceAll('\u00ad', '').replace(/\s+/g, ' ').trim();
}

/** The text a reader sees in `html`: tags dropped, images by their alt text (Teams emoji), entities decoded. */
export function htmlToPlainText(html: string): string {
  const text = html
    .replace(COMMENT, '')
    .replace(HIDDEN_ELEMENT, ' ')
    .replace(TAG, (_whole, _closing: string, name: string, attributes: string) => {
      const tag = name.toLowerCase();
      if (tag === 'img') {
        const alt = ALT_ATTRIBUTE.exec(attributes);
        return alt ? (alt[1] ?? alt[2] ?? alt[3] ?? '') : '';
      }
      return BLOCK_TAGS.has(tag) ? '\n' : '';
    });
  return collapseWhitespace(decodeEntities(text));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** A cut this close to the limit may move back to the last space, so a word is not chopped in half. */
const WORD_BREAK_SLACK = 0.25;

/**
 * Shortens `text` to at most `maxLength` user-perceived characters, ellipsis included. Never splits an
 * emoji or a Hangul syllable cluster; prefers a word boundary when one is near the end.
 */
export function truncate(text: string, maxLength: number, ellipsis = '\u2026'): string {
  const clusters = splitGraphemes(text);
  if (clusters.length <= maxLength) return text;
  const room = Math.max(0, maxLength - splitGraphemes(ellipsis).length);
  let cut = room;
  const lastSpace = clusters.lastIndexOf(' ', room);
  if (lastSpace > 0 && lastSpace >= room * (1 - WORD_BREAK_SLACK)) cut = lastSpace;
  return clusters.slice(0, cut).join('').trimEnd() + ellipsis;
}
