import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { ALLOWED_TAGS, isAllowedLinkHref } from '../messages/sanitize-policy.ts';
import { MICROSOFT_MENTION_TAG } from '../messages/message-markup.ts';

/**
 * The HTML that leaves the composer, and the HTML that enters it by paste, both through one private DOMPurify
 * instance: only the message allowlist's tags (sanitize-policy.ts), links only to the web or mail, no styles,
 * classes, images or scripts.
 */

/** How the editor writes a mention (Tiptap's Mention node); the message carries it as `<msft-mention id>`. */
export const EDITOR_MENTION_SELECTOR = 'span[data-type="mention"]';

/** What a pasted fragment may keep: text formatting, lists, quotes, code and links; never images or tables. */
const PASTE_TAGS = ['a', 'b', 'blockquote', 'br', 'code', 'del', 'div', 'em', 'i', 'li', 'ol', 'p', 'pre', 's', 'span', 'strike', 'strong', 'ul'] as const;

const OUTGOING: Config = { ALLOWED_TAGS: [...ALLOWED_TAGS, MICROSOFT_MENTION_TAG], ALLOWED_ATTR: ['href', 'id'], ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false };
const PASTED: Config = { ALLOWED_TAGS: [...PASTE_TAGS], ALLOWED_ATTR: ['href'], ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false };

let purifier: Purifier | null = null;

function composerPurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    // An id only on a mention, where it carries the person's raw id.
    if (data.attrName === 'id' && node.nodeName.toLowerCase() !== MICROSOFT_MENTION_TAG) data.keepAttr = false;
    if (data.attrName === 'href' && !isAllowedLinkHref(data.attrValue)) data.keepAttr = false;
  });
  purifier = instance;
  return instance;
}

function sanitized(html: string, config: Config): string {
  return composerPurifier().sanitize(html, { ...config, RETURN_TRUSTED_TYPE: false }) as string;
}

/**
 * The editor's HTML as the message carries it: each mention as `<msft-mention id="{rawId}">Name</msft-mention>`
 * (the ACS UI Library's format), then only allowlisted tags and attributes.
 */
export function outgoingHtml(editorHtml: string): string {
  const template = document.createElement('template');
  template.innerHTML = editorHtml;
  for (const mention of template.content.querySelectorAll(EDITOR_MENTION_SELECTOR)) {
    const replacement = document.createElement(MICROSOFT_MENTION_TAG);
    replacement.setAttribute('id', mention.getAttribute('data-id') ?? '');
    replacement.textContent = mention.getAttribute('data-label') ?? mention.textContent?.replace(/^@/, '') ?? '';
    mention.replaceWith(replacement);
  }
  return sanitized(template.innerHTML, OUTGOING);
}

/** Pasted HTML with its safe formatting kept and everything else (images, styles, scripts, tables…) dropped. */
export function cleanPastedHtml(html: string): string {
  return sanitized(html, PASTED);
}

/** True when the HTML shows no text at all (an empty list, an empty quote). */
export function isBlankHtml(html: string): boolean {
  const template = document.createElement('template');
  template.innerHTML = html;
  return !template.content.textContent?.trim();
}
