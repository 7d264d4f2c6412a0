/**
 * Reduces message HTML to plain text for previews, notifications and the search index. The output is never
 * rendered as HTML; this only has to drop markup, never to sanitise it. A single forward scan
 * (no backtracking regular expressions), so hostile input costs linear time.
 */

/** Elements whose content is not text a reader sees. */
const SKIPPED_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

/** Elements that separate words when rendered, so `a<br>b` reads as "a b", not "ab". */
const WORD_BREAKING = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  plusmn: '±',
  shy: '',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g;
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;

function fromCodePoint(codePoint: number): string {
  const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : '\uFFFD';
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return Object.hasOwn(NAMED_ENTITIES, name!.toLowerCase()) ? NAMED_ENTITIES[name!.toLowerCase()]! : whole;
  });
}

/** Collapses every run of white space (new lines included) to one space, drops soft hyphens, trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replaceAll('\u00ad', '').replace(/\s+/g, ' ').trim();
}

const ALT_ATTRIBUTE = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const ID_ATTRIBUTE = /\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** The ACS UI Library's mention element, `<msft-mention id="{rawId}">Name</msft-mention>`. */
export const MENTION_ELEMENT = 'msft-mention';
const TEAMS_MENTION_TYPE = /\bitemtype\s*=\s*["']?http:\/\/schema\.skype\.com\/Mention\b/i;

function isMentionTag(name: string, tag: string): boolean {
  return name === MENTION_ELEMENT || (name === 'span' && TEAMS_MENTION_TYPE.test(tag));
}

/** The end of a tag that starts at `from`, honouring quoted attribute values that may hold `>`. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let index = from; index < html.length; index += 1) {
    const char = html[index];
    if (quote !== null) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index;
    }
  }
  return -1;
}

function closingTagEnd(html: string, lowerHtml: string, name: string, from: number): number {
  const closing = lowerHtml.indexOf(`</${name}`, from);
  if (closing < 0) return html.length;
  const end = tagEnd(html, closing);
  return end < 0 ? html.length : end + 1;
}

export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return collapseWhitespace(html);
  let lowerHtml: string | null = null;
  const pieces: string[] = [];
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      pieces.push(decodeEntities(html.slice(position)));
      break;
    }
    pieces.push(decodeEntities(html.slice(position, open)));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      position = end < 0 ? html.length : end + 3;
      continue;
    }
    TAG_NAME.lastIndex = open;
    const tag = TAG_NAME.exec(html);
    const isDeclaration = html[open + 1] === '!' || html[open + 1] === '?';
    if (tag === null && !isDeclaration) {
      pieces.push('<');
      position = open + 1;
      continue;
    }
    const end = tagEnd(html, open + 1);
    position = end < 0 ? html.length : end + 1;
    if (tag === null) continue;
    const [, slash, rawName] = tag;
    const name = rawName!.toLowerCase();
    // A reply's quote repeats another message: previews, notifications and search read the reply alone.
    const isReplyQuote = slash === '' && name === 'blockquote' && TEAMS_REPLY_TYPE.test(html.slice(open, position));
    if (slash === '' && (SKIPPED_CONTENT.has(name) || isReplyQuote)) {
      lowerHtml ??= html.toLowerCase();
      position = closingTagEnd(html, lowerHtml, name, position);
    }
    if (WORD_BREAKING.has(name)) pieces.push(' ');
    // A mention reads as "@Name", in either the ACS UI Library's or Teams' format.
    if (slash === '' && isMentionTag(name, html.slice(open, position))) pieces.push('@');
    // An image reads as its alt text: Teams sends emoji as <img alt="😀">.
    if (name === 'img' && slash === '') {
      const alt = ALT_ATTRIBUTE.exec(html.slice(open, position));
      if (alt) pieces.push(decodeEntities(alt[1] ?? alt[2] ?? alt[3] ?? ''), ' ');
    }
  }
  return collapseWhitespace(pieces.join(''));
}

const TEAMS_REPLY_TYPE = /\bitemtype\s*=\s*["']?http:\/\/schema\.skype\.com\/Reply\b/i;
const ITEM_ID_ATTRIBUTE = /\bitemid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** The opening tags of one element, in order; stops at an unterminated tag, so hostile input costs linear time. */
function* openingTags(html: string, name: string): Generator<string> {
  const lowerHtml = html.toLowerCase();
  for (let open = lowerHtml.indexOf(`<${name}`); open >= 0; open = lowerHtml.indexOf(`<${name}`, open + 1)) {
    const end = tagEnd(html, open + 1);
    if (end < 0) return;
    yield html.slice(open + name.length + 1, end);
  }
}

function attributeValue(tag: string, pattern: RegExp): string {
  const match = pattern.exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim() : '';
}

/** The raw ids a message mentions in the ACS UI Library's format (Teams mentions carry no raw id). */
export function mentionedRawIds(html: string): string[] {
  const ids = new Set<string>();
  for (const tag of openingTags(html, MENTION_ELEMENT)) {
    const rawId = attributeValue(tag, ID_ATTRIBUTE);
    if (rawId) ids.add(rawId);
  }
  return [...ids];
}

/** The id of the message a Teams-format reply quotes (its blockquote's `itemid`), or null. */
export function repliedMessageId(html: string): string | null {
  for (const tag of openingTags(html, 'blockquote')) {
    if (TEAMS_REPLY_TYPE.test(tag)) return attributeValue(tag, ITEM_ID_ATTRIBUTE) || null;
  }
  return null;
}

/** The text a reader sees in a message: HTML reduced, white space collapsed. */
export function messagePlainText(type: string, content: string): string {
  return type === 'html' ? htmlToText(content) : collapseWhitespace(content);
}
