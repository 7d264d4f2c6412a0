import { describe, expect, it } from 'vitest';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, isAllowedLinkHref, isInlineImageSource, isRemoteImageSource } from './sanitize-policy.ts';

describe('sanitize policy', () => {
  it('allows no active or styling content', () => {
    for (const tag of ['script', 'style', 'iframe', 'form', 'input', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'button', 'textarea']) {
      expect(ALLOWED_TAGS as readonly string[], tag).not.toContain(tag);
    }
    for (const attribute of ALLOWED_ATTRIBUTES) expect(attribute.startsWith('on')).toBe(false);
    expect(ALLOWED_ATTRIBUTES as readonly string[]).not.toContain('style');
  });
  it('keeps only web and mail links', () => {
    expect(isAllowedLinkHref('https://example.com/x')).toBe(true);
    expect(isAllowedLinkHref('mailto:a@b.c')).toBe(true);
    expect(isAllowedLinkHref('javascript:alert(1)')).toBe(false);
    expect(isAllowedLinkHref(' JavaScript:alert(1)')).toBe(false);
    expect(isAllowedLinkHref('data:text/html,<script>')).toBe(false);
    expect(isAllowedLinkHref('/relative')).toBe(false);
    expect(isAllowedLinkHref('file:///etc/passwd')).toBe(false);
  });
  it('shows only inline raster images at once', () => {
    expect(isInlineImageSource('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isInlineImageSource('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
    expect(isInlineImageSource('https://example.com/a.png')).toBe(false);
    expect(isRemoteImageSource('https://example.com/a.png')).toBe(true);
    expect(isRemoteImageSource('cid:123')).toBe(false);
  });
});
