// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMessageHtml } from '../messages/sanitize.ts';
import { ALLOWED_TAGS, isAllowedLinkHref } from '../messages/sanitize-policy.ts';
import { cleanPastedHtml, isBlankHtml, outgoingHtml } from './composer-html.ts';

/**
 * The hostile corpus the e2e specs use. It is written for Node (it uses Buffer), so it is loaded by a path the
 * page's type check does not follow, rather than pulling Node's types into the renderer's.
 */
async function hostilePayloads(): Promise<Array<{ id: string; text: string }>> {
  const corpus = '../../../../e2e/hostile-content.ts';
  const module = (await import(/* @vite-ignore */ corpus)) as { hostilePayloads: () => Array<{ id: string; text: string }> };
  return module.hostilePayloads();
}

const ALLOWED: ReadonlySet<string> = new Set([...ALLOWED_TAGS, 'msft-mention']);

/** Every element, attribute or link in the HTML that the allowlist does not allow, as parsed by the DOM. */
function unsafeParts(html: string): string[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  const found: string[] = [];
  for (const element of template.content.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (!ALLOWED.has(tag) || tag === 'img') found.push(tag);
    for (const { name, value } of element.attributes) {
      if (name === 'href' ? !isAllowedLinkHref(value) : !(name === 'id' && tag === 'msft-mention')) found.push(`${tag}[${name}=${value}]`);
    }
  }
  return found;
}

describe('what leaves the composer', () => {
  it('writes a mention in the ACS UI Library format, which the reading side shows as @Name', () => {
    const sent = outgoingHtml('<p>Hi <span data-type="mention" data-id="8:acs:priya" data-label="Priya Shah" data-mention-suggestion-char="@">@Priya Shah</span></p>');
    expect(sent).toBe('<p>Hi <msft-mention id="8:acs:priya">Priya Shah</msft-mention></p>');
    const read = sanitizeMessageHtml(sent, { selfId: '8:acs:priya' });
    expect(read.html).toContain('<span class="mention self" data-mention="8:acs:priya">@Priya Shah</span>');
    expect(read.mentionsSelf).toBe(true);
  });

  it('keeps only the allowlist: the editor’s classes, targets and list numbers go; links only to the web or mail', () => {
    expect(
      outgoingHtml(
        '<ol start="3"><li><p><a target="_blank" rel="noopener noreferrer nofollow" class="x" href="https://example.com">site</a></p></li></ol><pre><code class="language-js">x</code></pre>',
      ),
    ).toBe('<ol><li><p><a href="https://example.com">site</a></p></li></ol><pre><code>x</code></pre>');
    expect(outgoingHtml('<p><a href="javascript:alert(1)">x</a> <span id="kept-not">y</span></p>')).toBe('<p><a>x</a> <span>y</span></p>');
  });

  it('escapes a hostile name or id in a mention instead of letting it make markup', () => {
    const sent = outgoingHtml('<p><span data-type="mention" data-id="&quot;><img src=x onerror=alert(1)>" data-label="<script>alert(1)</script>">@x</span></p>');
    expect(unsafeParts(sent)).toEqual([]);
    expect(sent).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</msft-mention>');
  });

  it('tells formatting with no text in it from a message', () => {
    expect(isBlankHtml('<ul><li><p> </p></li></ul>')).toBe(true);
    expect(isBlankHtml('<p><strong>x</strong></p>')).toBe(false);
  });
});

describe('what a paste brings in', () => {
  it('keeps safe formatting and links, drops images, tables, styles and classes', () => {
    expect(
      cleanPastedHtml(
        '<meta charset="utf-8"><div style="color:red" class="doc"><h1>Title</h1><p><b>bold</b> <i>it</i> <a href="https://example.com" onclick="x()">link</a></p><img src="https://tracker.example/p.png"><table><tr><td>cell</td></tr></table><ul><li>item</li></ul></div>',
      ),
    ).toBe('<div>Title<p><b>bold</b> <i>it</i> <a href="https://example.com">link</a></p>cell<ul><li>item</li></ul></div>');
  });

  it('leaves nothing active from any payload of the hostile corpus', async () => {
    const payloads = await hostilePayloads();
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    for (const payload of payloads) {
      const cleaned = cleanPastedHtml(payload.text);
      expect(unsafeParts(cleaned), payload.id).toEqual([]);
      expect(unsafeParts(outgoingHtml(cleaned)), payload.id).toEqual([]);
    }
  });
});
