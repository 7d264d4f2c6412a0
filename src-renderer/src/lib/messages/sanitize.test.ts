// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { linkifyText, replyQuoteHtml, textAsHtml } from './message-markup.ts';
import { messageTextOf, sanitizeMessageHtml } from './sanitize.ts';

const me = '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000001';
const priya = '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000002';

function render(html: string, selfId: string | null = me): { root: HTMLElement; mentionsSelf: boolean; blockedImages: string[] } {
  const result = sanitizeMessageHtml(html, { selfId });
  const root = document.createElement('div');
  root.innerHTML = result.html;
  return { root, mentionsSelf: result.mentionsSelf, blockedImages: result.blockedImages };
}

describe('mentions', () => {
  it('reads the ACS UI Library format as @Name and highlights a mention of the reader', () => {
    const { root, mentionsSelf } = render(`<p>Hi <msft-mention id="${me}">Ana</msft-mention> and <msft-mention id="${priya}">Priya</msft-mention></p>`);
    const mentions = [...root.querySelectorAll('.mention')];
    expect(mentions.map((element) => element.textContent)).toEqual(['@Ana', '@Priya']);
    expect(mentions.map((element) => element.classList.contains('self'))).toEqual([true, false]);
    expect(mentionsSelf).toBe(true);
    expect(root.querySelector('msft-mention')).toBeNull();
    expect(root.querySelector('[id]')).toBeNull();
  });
  it('reads Teams mentions, which carry no raw id', () => {
    const { root, mentionsSelf } = render(`<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">박지민</span> 안녕하세요</p>`);
    expect(root.querySelector('.mention')?.textContent).toBe('@박지민');
    expect(mentionsSelf).toBe(false);
    expect(root.innerHTML).not.toContain('itemtype');
  });
  it('keeps no active content inside a mention', () => {
    const { root } = render(`<msft-mention id="${priya}" onclick="alert(1)"><img src=x onerror="alert(1)">Priya<script>alert(1)</script></msft-mention>`);
    expect(root.innerHTML).not.toMatch(/onclick|onerror|script/i);
    expect(root.querySelector('.mention')?.textContent).toBe('@Priya');
  });
  it('keeps an id nowhere else, and no itemtype it does not know', () => {
    const { root } = render(`<p id="location">a</p><span itemtype="http://evil.example/x" id="x">b</span>`);
    expect(root.querySelector('[id]')).toBeNull();
    expect(root.innerHTML).not.toContain('evil');
  });
});

describe('Teams emoji and replies', () => {
  it('shows a Teams emoji as its character, never as a blocked image', () => {
    const { root, blockedImages } = render(
      `<p>Nice <img itemscope="" itemtype="http://schema.skype.com/Emoji" itemid="smile" src="https://statics.teams.cdn.office.net/evergreen-assets/smile.png" alt="😀" title="Smile"></p>`,
    );
    expect(root.textContent).toBe('Nice 😀');
    expect(root.querySelector('img')).toBeNull();
    expect(blockedImages).toEqual([]);
  });
  it('drops the empty stand-in of a Teams inline image (its picture is an attachment), keeping other images framed', () => {
    const { root, blockedImages } = render(
      `<p>Look</p><p><img alt="image" src="" itemscope="png" width="166" height="250" id="9d89acb2-c4e4-4cab-b94a-7c12a61afe30" style="vertical-align:bottom"></p><p><img src="https://x.example/a.png" alt="a"></p>`,
    );
    expect(root.querySelectorAll('img')).toHaveLength(1);
    expect(blockedImages).toEqual(['https://x.example/a.png']);
    expect(root.textContent).toBe('Look');
  });
  it('shows a Teams reply as a quote card with its author that can jump to the quoted message', () => {
    const { root } = render(
      `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="1675884592345"><strong itemprop="mri" itemid="8:orgid:abc">Ana Lopez</strong><span itemprop="time" itemid="1675884592345"></span><p itemprop="preview">Lunch at noon?</p></blockquote><p>Yes!</p>`,
    );
    const card = root.querySelector('button.reply-quote');
    expect(card?.getAttribute('data-reply-to')).toBe('1675884592345');
    expect(card?.querySelector('.reply-author')?.textContent).toBe('Ana Lopez');
    expect(card?.querySelector('.reply-text')?.textContent).toBe('Lunch at noon?');
    expect(root.querySelector('blockquote')).toBeNull();
    expect(root.textContent).toContain('Yes!');
  });
  it('keeps an ordinary blockquote a blockquote', () => {
    const { root } = render('<blockquote>quoted</blockquote>');
    expect(root.querySelector('blockquote')?.textContent).toBe('quoted');
    expect(root.querySelector('.reply-quote')).toBeNull();
  });
  it('puts a hostile reply id only into an attribute value', () => {
    const { root } = render(`<blockquote itemtype="http://schema.skype.com/Reply" itemid='"><img src=x onerror=alert(1)>'><p itemprop="preview">x</p></blockquote>`);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('button.reply-quote')?.getAttribute('data-reply-to')).toBe('"><img src=x onerror=alert(1)>');
  });
});

describe('links', () => {
  it('turns URLs and e-mail addresses in HTML text into links, but not inside code or existing links', () => {
    const { root } = render('<p>See https://example.com/a?b=1 or mail ana@example.com</p><code>https://in.code/x</code><a href="https://x.example/">https://y.example/</a>');
    const links = [...root.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['https://example.com/a?b=1', 'mailto:ana@example.com', 'https://x.example/']);
    for (const link of root.querySelectorAll('a')) expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });
  it('splits plain text into text and web or mail links only', () => {
    expect(linkifyText('go to www.example.com now')).toEqual([{ text: 'go to ' }, { text: 'www.example.com', href: 'http://www.example.com' }, { text: ' now' }]);
    expect(linkifyText('javascript:alert(1) file:///etc/passwd')).toEqual([{ text: 'javascript:alert(1) file:///etc/passwd' }]);
    expect(linkifyText('메일 지민@example.com 또는 jimin@example.com')).toContainEqual({ text: 'jimin@example.com', href: 'mailto:jimin@example.com' });
    expect(linkifyText('no links here')).toEqual([{ text: 'no links here' }]);
  });
});

describe('replies and copied text', () => {
  it('writes a reply quote that reads back as the same quote card, whatever the text holds', () => {
    const quote = replyQuoteHtml({ messageId: '1700000000000', authorId: priya, authorName: 'Priya <b>"P"</b>', preview: 'Lunch <script>x</script>\n at noon?' });
    const { root } = render(`${quote}${textAsHtml('Yes!\n\nSee you & "them"')}`);
    const card = root.querySelector('button.reply-quote');
    expect(card?.getAttribute('data-reply-to')).toBe('1700000000000');
    expect(card?.querySelector('.reply-author')?.textContent).toBe('Priya <b>"P"</b>');
    expect(card?.querySelector('.reply-text')?.textContent).toBe('Lunch <script>x</script> at noon?');
    expect([...root.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Yes!', 'See you & "them"']);
    expect(root.querySelector('script, b')).toBeNull();
  });
  it('shortens a long quoted text', () => {
    const quote = replyQuoteHtml({ messageId: '1', authorId: null, authorName: 'A', preview: '가'.repeat(500) });
    expect(render(quote).root.querySelector('.reply-text')?.textContent).toHaveLength(200);
  });
  it('copies what a reader sees: mentions as @Name, blocks on their own lines', () => {
    expect(messageTextOf(`<p>Hi <msft-mention id="${priya}">Priya</msft-mention></p><ul><li>one</li><li>two</li></ul>`, 'html')).toBe('Hi @Priya\none\ntwo');
    expect(messageTextOf('<b>x</b> <script>y</script>', 'html')).toBe('x');
    expect(messageTextOf('as <typed>', 'text')).toBe('as <typed>');
    const reply = replyQuoteHtml({ messageId: '1', authorId: null, authorName: 'Ana', preview: 'the question' });
    expect(messageTextOf(`${reply}<p>the answer</p>`, 'html')).toBe('the answer');
  });
});

describe('drawing a message again', () => {
  it('answers the same sanitised result for the same message and reader, and apart for another reader', () => {
    const html = `<p>Hi <msft-mention id="${me}">Ana</msft-mention> <img src="https://example.com/x.png"></p>`;
    const first = sanitizeMessageHtml(html, { selfId: me });
    expect(sanitizeMessageHtml(html, { selfId: me })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.blockedImages)).toBe(true);
    const other = sanitizeMessageHtml(html, { selfId: priya });
    expect(other.mentionsSelf).toBe(false);
    expect(first.mentionsSelf).toBe(true);
    expect(other.blockedImages).toEqual(first.blockedImages);
  });
});
