// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ApiError, Draft, OutboxItem, ParleyBridge, Result } from '$contract';
import { utf8ByteLength } from '../format/utf8.ts';
import { ComposerState } from './composer.svelte.ts';

const ref = { accountId: 'a', threadId: 't' };
const typed = (text: string): Draft => ({ text, format: 'text' });
const formatted = (html: string): Draft => ({ text: html, format: 'html' });
/** Lets every pending promise settle (the draft saves the composer starts without waiting). */
const settle = () => new Promise((resolve) => setTimeout(resolve));

/** Only what the composer calls; every answer is scripted by the test. */
function scriptedBridge(sendAnswer: () => Result<OutboxItem>, draftAnswer: () => Result<void> = () => ({ ok: true, value: undefined })) {
  const calls: string[] = [];
  const drafts = new Map<string, Draft>([['t', typed('a saved draft')]]);
  const bridge = {
    getDraft: async ({ threadId }: { threadId: string }) => ({ ok: true, value: drafts.get(threadId) ?? typed('') }),
    saveDraft: async ({ threadId, text, format }: Draft & { threadId: string }) => {
      calls.push(`saveDraft:${format}:${text}`);
      const answer = draftAnswer();
      if (answer.ok) drafts.set(threadId, { text, format });
      return answer;
    },
    sendTyping: async () => {
      calls.push('sendTyping');
      return { ok: true, value: undefined };
    },
    sendMessage: async ({ content, type }: { content: string; type: string }) => {
      calls.push(`sendMessage:${type}:${content}`);
      return sendAnswer();
    },
  } as unknown as ParleyBridge;
  return { bridge, calls, drafts };
}

const offline: ApiError = { code: 'bridge-unavailable', message: 'Parley cannot reach its app process.' };
const queued = (content: string): OutboxItem => ({
  ...ref,
  clientId: 'c',
  content,
  type: 'text',
  senderDisplayName: 'Mina',
  state: 'queued',
  error: null,
  createdAt: 0,
  attempts: 0,
});

describe('ComposerState', () => {
  it('restores the thread’s draft when the thread opens', async () => {
    const { bridge } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    expect(composer.draft.text).toBe('a saved draft');
  });

  it('keeps the typed text when the send fails, and shows why', async () => {
    const { bridge } = scriptedBridge(() => ({ ok: false, error: offline }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input(typed('do not lose me'));
    expect(await composer.send()).toBeNull();
    expect(composer.draft.text).toBe('do not lose me');
    expect(composer.error).toEqual(offline);
  });

  it('keeps a draft main could not save (a full disk) across thread switches, and says why', async () => {
    const diskFull: ApiError = { code: 'disk-full', message: 'The disk is full, so Parley could not save this change.' };
    let full = true;
    const { bridge, drafts } = scriptedBridge(
      () => ({ ok: true, value: queued('x') }),
      () => (full ? { ok: false, error: diskFull } : { ok: true, value: undefined }),
    );
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input(typed('typed while the disk is full'));
    await composer.switchTo({ accountId: 'a', threadId: 'elsewhere' });
    expect(drafts.get('t')).toEqual(typed('a saved draft'));
    await composer.switchTo(ref);
    expect(composer.draft.text).toBe('typed while the disk is full');
    composer.input(typed('typed while the disk is full, more'));
    composer.flushDraft();
    await settle();
    expect(composer.error).toEqual(diskFull);
    full = false;
    await composer.switchTo({ accountId: 'a', threadId: 'elsewhere' });
    expect(drafts.get('t')).toEqual(typed('typed while the disk is full, more'));
  });

  it('clears the box only once main accepted the send', async () => {
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('hello') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input(typed('hello'));
    expect((await composer.send())?.state).toBe('queued');
    expect(composer.draft.text).toBe('');
    expect(calls).toContain('sendMessage:text:hello');
    expect(calls.at(-1)).toBe('saveDraft:text:');
  });

  it('sends a reply as the quote then the text, in HTML, and keeps both when the send fails', async () => {
    let answer: Result<OutboxItem> = { ok: false, error: offline };
    const { bridge, calls } = scriptedBridge(() => answer);
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.startReply({ messageId: '1700000000000', authorId: '8:acs:p', authorName: 'Priya', preview: 'Lunch?' });
    composer.input(typed('Yes <3'));
    expect(await composer.send()).toBeNull();
    expect(composer.draft.text).toBe('Yes <3');
    expect(composer.replyTo?.messageId).toBe('1700000000000');

    answer = { ok: true, value: queued('reply') };
    await composer.send();
    const sent = calls.filter((call) => call.startsWith('sendMessage:')).at(-1)!;
    expect(sent).toMatch(/^sendMessage:html:<blockquote itemscope="" itemtype="http:\/\/schema\.skype\.com\/Reply" itemid="1700000000000">/);
    expect(sent.endsWith('</blockquote><p>Yes &lt;3</p>')).toBe(true);
    expect(composer.replyTo).toBeNull();
    expect(composer.draft.text).toBe('');
  });

  it('drops a reply when another thread opens', async () => {
    const { bridge } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.startReply({ messageId: '1', authorId: null, authorName: 'A', preview: 'p' });
    await composer.switchTo({ accountId: 'a', threadId: 'other' });
    expect(composer.replyTo).toBeNull();
  });

  it('refuses an empty or over-size message before calling main', async () => {
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input(typed('   '));
    expect(await composer.send()).toBeNull();
    expect(composer.problem).toEqual({ kind: 'empty' });
    composer.input(typed('한'.repeat(10_000)));
    expect(await composer.send()).toBeNull();
    expect(composer.problem).toEqual({ kind: 'too-large', bytes: 30_000 });
    expect(calls.filter((call) => call.startsWith('sendMessage'))).toEqual([]);
  });

  it('sends at most one typing notification per interval while typing', async () => {
    let now = 0;
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina', now: () => now });
    await composer.switchTo(ref);
    for (let key = 0; key < 20; key += 1) {
      now += 500;
      composer.input(typed('typing'.slice(0, (key % 6) + 1)));
    }
    expect(calls.filter((call) => call === 'sendTyping')).toHaveLength(2);
  });

  it('sends a formatted message as allowlisted HTML, mentions in the ACS UI Library format, and saves the draft with its format', async () => {
    const { bridge, calls, drafts } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    const editorHtml =
      '<p><strong>Hi</strong> <span data-type="mention" data-id="8:acs:p" data-label="Priya" data-mention-suggestion-char="@">@Priya</span> ' +
      '<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com">see</a></p>';
    composer.input(formatted(editorHtml));
    composer.flushDraft();
    await settle();
    expect(drafts.get('t')).toEqual(formatted(editorHtml));
    await composer.send();
    expect(calls).toContain('sendMessage:html:<p><strong>Hi</strong> <msft-mention id="8:acs:p">Priya</msft-mention> <a href="https://example.com">see</a></p>');
    expect(composer.draft).toEqual(typed(''));
  });

  it('sends a formatted reply as the quote then the formatted HTML', async () => {
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.startReply({ messageId: '42', authorId: null, authorName: 'A', preview: 'p' });
    composer.input(formatted('<ul><li><p>one</p></li></ul>'));
    await composer.send();
    expect(calls.find((call) => call.startsWith('sendMessage:'))).toMatch(/^sendMessage:html:<blockquote [^>]*itemid="42">.*<\/blockquote><ul><li><p>one<\/p><\/li><\/ul>$/);
  });

  it('refuses formatting with no text in it, and counts the size of what is sent', async () => {
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input(formatted('<ul><li><p> </p></li></ul>'));
    expect(await composer.send()).toBeNull();
    expect(composer.problem).toEqual({ kind: 'empty' });
    // The editor's mention markup is longer than what is sent; the limit applies to what is sent.
    const mention = '<span data-type="mention" data-id="8:acs:p" data-label="P" data-mention-suggestion-char="@">@P</span>';
    composer.input(formatted(`<p>${mention.repeat(200)}</p>`));
    expect(composer.bytes).toBe(utf8ByteLength(`<p>${'<msft-mention id="8:acs:p">P</msft-mention>'.repeat(200)}</p>`));
    expect(calls.filter((call) => call.startsWith('sendMessage'))).toEqual([]);
  });

  it('tells the editor to show a draft it did not type: the thread’s saved draft, and the empty box after a send', async () => {
    const { bridge } = scriptedBridge(() => ({ ok: true, value: queued('x') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    const before = composer.loaded;
    await composer.switchTo(ref);
    expect(composer.loaded).toBeGreaterThan(before);
    const afterOpen = composer.loaded;
    composer.input(typed('hello'));
    expect(composer.loaded).toBe(afterOpen);
    await composer.send();
    expect(composer.loaded).toBe(afterOpen + 1);
  });
});
