import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_TAGS,
  BLOCKED_IMAGE_PLACEHOLDER,
  REMOTE_SRC_ATTRIBUTE,
  isAllowedLinkHref,
  isInlineImageSource,
  isRemoteImageSource,
} from './sanitize-policy.ts';
import { KNOWN_ITEM_TYPES, MARKUP_ATTRIBUTES, MICROSOFT_MENTION_TAG, SCHEMA_EMOJI, enrichMessageMarkup, type MarkupContext } from './message-markup.ts';

export interface SanitizedHtml {
  html: string;
  /** URLs of remote images that were not loaded. */
  blockedImages: string[];
  /** The message mentions the reader. */
  mentionsSelf: boolean;
}

let purifier: Purifier | null = null;
let collected: string[] = [];

/** A private DOMPurify instance, so its hooks affect message HTML only. */
function messagePurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  // Markup attributes survive only where they mean something: an id only on a mention (it carries the raw id),
  // an itemtype only of a known kind. message-markup.ts reads them and removes them all.
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'id' && node.nodeName.toLowerCase() !== MICROSOFT_MENTION_TAG) data.keepAttr = false;
    if (data.attrName === 'itemtype' && !KNOWN_ITEM_TYPES.has(data.attrValue.trim())) data.keepAttr = false;
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      if (href === null || !isAllowedLinkHref(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('target');
      node.removeAttribute('rel');
    }
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      // A Teams inline image (`<img src="" id="{attachment id}">`) has its picture among the attachments, shown
      // below the text; its empty stand-in is removed by message-markup.ts rather than framed as a blocked image.
      if (src.trim() === '') {
        node.removeAttribute('src');
        return;
      }
      if (!isInlineImageSource(src)) {
        const isTeamsEmoji = node.getAttribute('itemtype') === SCHEMA_EMOJI;
        if (!isTeamsEmoji && isRemoteImageSource(src)) {
          node.setAttribute(REMOTE_SRC_ATTRIBUTE, src.trim());
          collected.push(src.trim());
        }
        node.setAttribute('src', BLOCKED_IMAGE_PLACEHOLDER);
        if (!node.getAttribute('alt')) node.setAttribute('alt', '');
      }
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Message HTML made safe to insert: the strict allowlist, safe links, remote images held back; then mentions,
 * Teams emoji and replies read, and plain URLs made links (message-markup.ts).
 */
export function sanitizeMessageHtml(html: string, context: MarkupContext = { selfId: null }): Readonly<SanitizedHtml> {
  // The same message is drawn again whenever its row scrolls back into view or its thread reopens:
  // the answer depends on nothing but these two, so the most recent ones are kept (least recently used out).
  const key = `${context.selfId ?? ''}\u0000${html}`;
  const known = recentlySanitized.get(key);
  if (known !== undefined) {
    recentlySanitized.delete(key);
    recentlySanitized.set(key, known);
    return known;
  }
  const sanitized = Object.freeze(sanitizeUncached(html, context));
  Object.freeze(sanitized.blockedImages);
  if (recentlySanitized.size >= RECENTLY_SANITIZED) recentlySanitized.delete(recentlySanitized.keys().next().value!);
  recentlySanitized.set(key, sanitized);
  return sanitized;
}

const RECENTLY_SANITIZED = 1000;
const recentlySanitized = new Map<string, Readonly<SanitizedHtml>>();

function sanitizeUncached(html: string, context: MarkupContext): SanitizedHtml {
  const instance = messagePurifier();
  collected = [];
  const fragment = instance.sanitize(html, {
    ALLOWED_TAGS: [...ALLOWED_TAGS, MICROSOFT_MENTION_TAG],
    ALLOWED_ATTR: [...ALLOWED_ATTRIBUTES, ...MARKUP_ATTRIBUTES, 'id'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ADD_DATA_URI_TAGS: ['img'],
    WHOLE_DOCUMENT: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const blockedImages = collected;
  collected = [];
  const { mentionsSelf } = enrichMessageMarkup(fragment, context);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return { html: container.innerHTML, blockedImages, mentionsSelf };
}

/** What a reader sees of a message, as text, less any quote it replies to: for "Copy text" and a reply's own quote. */
export function messageTextOf(content: string, type: 'text' | 'html'): string {
  if (type === 'text') return content;
  const container = document.createElement('template');
  container.innerHTML = sanitizeMessageHtml(content).html;
  for (const quote of container.content.querySelectorAll('.reply-quote')) quote.remove();
  for (const block of container.content.querySelectorAll('p, div, li, br, blockquote, pre, tr, h1, h2, h3, h4, h5, h6')) block.after('\n');
  return (container.content.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
