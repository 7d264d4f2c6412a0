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

export interface SanitizedHtml {
  html: string;
  /** URLs of remote images that were not loaded. */
  blockedImages: string[];
}

let purifier: Purifier | null = null;
let collected: string[] = [];

/** A private DOMPurify instance, so its hooks affect message HTML only. */
function messagePurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
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
      if (!isInlineImageSource(src)) {
        if (isRemoteImageSource(src)) {
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

/** Message HTML made safe to insert: the strict allowlist, safe links, remote images held back. */
export function sanitizeMessageHtml(html: string): SanitizedHtml {
  const instance = messagePurifier();
  collected = [];
  const clean = instance.sanitize(html, {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: [...ALLOWED_ATTRIBUTES],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    ADD_DATA_URI_TAGS: ['img'],
    WHOLE_DOCUMENT: false,
    RETURN_TRUSTED_TYPE: false,
  });
  const blockedImages = collected;
  collected = [];
  return { html: clean, blockedImages };
}
