/** The strict allowlist for message HTML. Everything not named here is dropped (its text kept). */
export const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
] as const;

export const ALLOWED_ATTRIBUTES = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan'] as const;

/** Where a blocked remote image's URL is kept, for "show images". */
export const REMOTE_SRC_ATTRIBUTE = 'data-remote-src';

/** A neutral picture frame (inline SVG), allowed by the page's `img-src data:`. */
export const BLOCKED_IMAGE_PLACEHOLDER =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="36" viewBox="0 0 48 36"><rect x="1" y="1" width="46" height="34" rx="4" fill="none" stroke="#8a8f99" stroke-width="2"/><circle cx="15" cy="12" r="4" fill="#8a8f99"/><path d="M5 31 L18 19 L27 27 L34 21 L43 31 Z" fill="#8a8f99"/></svg>',
  );

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** Links may only lead to the web or to mail; javascript:, data:, file: and relative links are dropped. */
export function isAllowedLinkHref(href: string): boolean {
  try {
    return LINK_SCHEMES.has(new URL(href.trim()).protocol);
  } catch {
    return false;
  }
}

/** Inline raster images may show at once; anything else is remote (or SVG, which can carry script) and waits. */
export function isInlineImageSource(src: string): boolean {
  return /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i.test(src.trim());
}

/** Remote image URLs worth offering to open in the browser. */
export function isRemoteImageSource(src: string): boolean {
  try {
    const protocol = new URL(src.trim()).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
