import LinkifyIt from 'linkify-it';
import { isAllowedLinkHref } from './sanitize-policy.ts';

/**
 * What other ACS and Teams clients put in message HTML, read after DOMPurify has made it safe: mentions in the
 * ACS UI Library's `<msft-mention id="rawId">` and Teams' `<span itemtype=…/Mention>`, Teams emoji images
 * (shown as the emoji their `alt` carries), and Teams reply blockquotes (shown as a quote card that can jump to
 * the quoted message). Plain URLs and e-mail addresses become links. Everything this module creates is built
 * with DOM calls and text nodes, never from strings of HTML.
 */

export const SCHEMA_MENTION = 'http://schema.skype.com/Mention';
export const SCHEMA_EMOJI = 'http://schema.skype.com/Emoji';
export const SCHEMA_REPLY = 'http://schema.skype.com/Reply';
export const MICROSOFT_MENTION_TAG = 'msft-mention';

/** `itemtype` values worth keeping through the sanitiser; any other is dropped there. */
export const KNOWN_ITEM_TYPES: ReadonlySet<string> = new Set([SCHEMA_MENTION, SCHEMA_EMOJI, SCHEMA_REPLY]);

/** Attributes the sanitiser keeps only so that this module can read them; none of them survives it. */
export const MARKUP_ATTRIBUTES = ['itemtype', 'itemid', 'itemprop', 'itemscope'] as const;

/** Attributes this module sets on what it builds; the page reads them for clicks and styling. */
export const MENTION_ATTRIBUTE = 'data-mention';
export const REPLY_TARGET_ATTRIBUTE = 'data-reply-to';

export interface MarkupContext {
  /** The signed-in user's raw id, to highlight mentions of them. */
  selfId: string | null;
}

export interface MarkupFacts {
  mentionsSelf: boolean;
}

/** Elements whose text is never turned into links. */
const NO_LINKS_INSIDE = new Set(['A', 'CODE', 'PRE', 'BUTTON']);

let linkifier: LinkifyIt | null = null;

function linkify(): LinkifyIt {
  linkifier ??= new LinkifyIt();
  return linkifier;
}

export interface TextPiece {
  text: string;
  /** Set when the piece is a link a user may follow (web or mail only). */
  href?: string;
}

/** Splits plain text into text and links (URLs, `www.` hosts, e-mail addresses), in order. */
export function linkifyText(text: string): TextPiece[] {
  const matches = linkify().match(text);
  if (!matches) return [{ text }];
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of matches) {
    if (!isAllowedLinkHref(match.url)) continue;
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ text: match.raw, href: match.url });
    at = match.lastIndex;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

function mentionLabel(name: string): string {
  const trimmed = name.trim();
  return trimmed.startsWith('@') ? trimmed : `@${trimmed}`;
}

function replaceWithMention(element: Element, rawId: string | null, context: MarkupContext, facts: MarkupFacts): void {
  const mention = element.ownerDocument.createElement('span');
  mention.className = 'mention';
  mention.textContent = mentionLabel(element.textContent ?? '');
  if (rawId) mention.setAttribute(MENTION_ATTRIBUTE, rawId);
  if (rawId && context.selfId && rawId === context.selfId) {
    mention.classList.add('self');
    facts.mentionsSelf = true;
  }
  element.replaceWith(mention);
}

function replaceEmoji(image: Element): void {
  const emoji = (image.getAttribute('alt') ?? '').trim() || (image.getAttribute('title') ?? '').trim();
  image.replaceWith(image.ownerDocument.createTextNode(emoji));
}

/** A Teams reply blockquote becomes a button-like card: the author, then the quoted text, jumping on click. */
function replaceReply(quote: Element): void {
  const document = quote.ownerDocument;
  const author = quote.querySelector('[itemprop="mri"]')?.textContent?.trim() ?? '';
  const previewElement = quote.querySelector('[itemprop="preview"]');
  for (const part of quote.querySelectorAll('[itemprop="mri"], [itemprop="time"]')) part.remove();
  const preview = (previewElement ?? quote).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const messageId = quote.getAttribute('itemid')?.trim() ?? '';

  const card = document.createElement(messageId ? 'button' : 'div');
  card.className = 'reply-quote';
  if (messageId) {
    card.setAttribute('type', 'button');
    card.setAttribute(REPLY_TARGET_ATTRIBUTE, messageId);
  }
  if (author) {
    const who = document.createElement('span');
    who.className = 'reply-author';
    who.textContent = author;
    card.append(who);
  }
  const text = document.createElement('span');
  text.className = 'reply-text';
  text.textContent = preview;
  card.append(text);
  quote.replaceWith(card);
}

function linkifyTextNodes(root: Node): void {
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const textNodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let inside = node.parentElement;
    let excluded = false;
    while (inside && !excluded) {
      excluded = NO_LINKS_INSIDE.has(inside.tagName) || inside.classList.contains('mention');
      inside = inside.parentElement;
    }
    if (!excluded && linkify().pretest(node.nodeValue ?? '')) textNodes.push(node as Text);
  }
  for (const node of textNodes) {
    const pieces = linkifyText(node.nodeValue ?? '');
    if (pieces.length === 1 && pieces[0]?.href === undefined) continue;
    const replacement = document.createDocumentFragment();
    for (const piece of pieces) {
      if (piece.href === undefined) {
        replacement.append(document.createTextNode(piece.text));
        continue;
      }
      const link = document.createElement('a');
      link.setAttribute('href', piece.href);
      link.setAttribute('target', '_blank');
      link.setAttribute('rel', 'noopener noreferrer');
      link.textContent = piece.text;
      replacement.append(link);
    }
    node.replaceWith(replacement);
  }
}

/**
 * Rewrites sanitised message markup in place: mentions, emoji, replies and links, then drops the attributes the
 * sanitiser kept only for this. Returns what the markup says about the reader (a mention of them).
 */
export function enrichMessageMarkup(root: DocumentFragment | Element, context: MarkupContext): MarkupFacts {
  const facts: MarkupFacts = { mentionsSelf: false };
  for (const element of root.querySelectorAll(MICROSOFT_MENTION_TAG)) replaceWithMention(element, element.getAttribute('id'), context, facts);
  for (const element of root.querySelectorAll(`[itemtype="${SCHEMA_MENTION}"]`)) replaceWithMention(element, null, context, facts);
  for (const element of root.querySelectorAll(`img[itemtype="${SCHEMA_EMOJI}"]`)) replaceEmoji(element);
  for (const element of root.querySelectorAll(`blockquote[itemtype="${SCHEMA_REPLY}"]`)) replaceReply(element);
  for (const element of root.querySelectorAll('img:not([src])')) element.remove();
  for (const element of root.querySelectorAll('[itemtype], [itemid], [itemprop], [itemscope], [id]')) {
    for (const name of [...MARKUP_ATTRIBUTES, 'id']) element.removeAttribute(name);
  }
  linkifyTextNodes(root);
  return facts;
}

/** Text made safe to place in HTML text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Plain text as message HTML: paragraphs at blank lines, line breaks kept. */
export function textAsHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

/** The message a reply quotes, as the composer shows it and the quote card records it. */
export interface ReplyTarget {
  messageId: string;
  authorId: string | null;
  authorName: string;
  /** The quoted message's text, shortened. */
  preview: string;
}

/** Longest quoted text a reply carries; the quote card shows two lines of it. */
export const REPLY_PREVIEW_LENGTH = 200;

/** A reply's quote in the Teams format (which Teams and Parley both show as a quote card), before the reply itself. */
export function replyQuoteHtml(target: ReplyTarget): string {
  const preview = [...target.preview.replace(/\s+/g, ' ').trim()];
  const shortened = preview.length > REPLY_PREVIEW_LENGTH ? `${preview.slice(0, REPLY_PREVIEW_LENGTH - 1).join('')}…` : preview.join('');
  const id = escapeHtml(target.messageId);
  return (
    `<blockquote itemscope="" itemtype="${SCHEMA_REPLY}" itemid="${id}">` +
    `<strong itemprop="mri" itemid="${escapeHtml(target.authorId ?? '')}">${escapeHtml(target.authorName)}</strong>` +
    `<span itemprop="time" itemid="${id}"></span>` +
    `<p itemprop="preview">${escapeHtml(shortened)}</p>` +
    `</blockquote>`
  );
}
