import { describe, expect, it } from 'vitest';
import type { ApiError, OutboxItem, ParleyBridge, Result } from '$contract';
import { ComposerState } from './composer.svelte.ts';

const ref = { accountId: 'a', threadId: 't' };

/** Only what the composer calls; every answer is scripted by the test. */
function scriptedBridge(sendAnswer: () => Result<OutboxItem>) {
  const calls: string[] = [];
  const drafts = new Map<string, string>([['t', 'a saved draft']]);
  const bridge = {
    getDraft: async ({ threadId }: { threadId: string }) => ({ ok: true, value: drafts.get(threadId) ?? '' }),
    saveDraft: async ({ threadId, text }: { threadId: string; text: string }) => {
      calls.push(`saveDraft:${text}`);
      drafts.set(threadId, text);
      return { ok: true, value: undefined };
    },
    sendTyping: async () => {
      calls.push('sendTyping');
      return { ok: true, value: undefined };
    },
    sendMessage: async ({ content }: { content: string }) => {
      calls.push(`sendMessage:${content}`);
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
    expect(composer.text).toBe('a saved draft');
  });

  it('keeps the typed text when the send fails, and shows why', async () => {
    const { bridge } = scriptedBridge(() => ({ ok: false, error: offline }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input('do not lose me');
    expect(await composer.send()).toBeNull();
    expect(composer.text).toBe('do not lose me');
    expect(composer.error).toEqual(offline);
  });

  it('clears the box only once main accepted the send', async () => {
    const { bridge, calls } = scriptedBridge(() => ({ ok: true, value: queued('hello') }));
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.input('hello');
    expect((await composer.send())?.state).toBe('queued');
    expect(composer.text).toBe('');
    expect(calls).toContain('sendMessage:hello');
    expect(calls.at(-1)).toBe('saveDraft:');
  });

  it('sends a reply as the quote then the text, in HTML, and keeps both when the send fails', async () => {
    let answer: Result<OutboxItem> = { ok: false, error: offline };
    const { bridge, calls } = scriptedBridge(() => answer);
    const composer = new ComposerState(bridge, { displayName: () => 'Mina' });
    await composer.switchTo(ref);
    composer.startReply({ messageId: '1700000000000', authorId: '8:acs:p', authorName: 'Priya', preview: 'Lunch?' });
    composer.input('Yes <3');
    expect(await composer.send()).toBeNull();
    expect(composer.text).toBe('Yes <3');
    expect(composer.replyTo?.messageId).toBe('1700000000000');

    answer = { ok: true, value: queued('reply') };
    await composer.send();
    const sent = calls.filter((call) => call.startsWith('sendMessage:')).at(-1)!;
    expect(sent).toMatch(/^sendMessage:<blockquote itemscope="" itemtype="http:\/\/schema\.skype\.com\/Reply" itemid="1700000000000">/);
    expect(sent.endsWith('</blockquote><p>Yes &lt;3</p>')).toBe(true);
    expect(composer.replyTo).toBeNull();
    expect(composer.text).toBe('');
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
    composer.input('   ');
    expect(await composer.send()).toBeNull();
    expect(composer.problem).toEqual({ kind: 'empty' });
    composer.input('한'.repeat(10_000));
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
      composer.input('typing'.slice(0, (key % 6) + 1));
    }
    expect(calls.filter((call) => call === 'sendTyping')).toHaveLength(2);
  });
});
