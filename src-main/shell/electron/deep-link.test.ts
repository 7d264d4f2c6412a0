import { describe, expect, it } from 'vitest';
import { messageLink } from '../../../src-shared/links/deep-links.ts';
import { deepLinkFromArgv, parseDeepLink } from './deep-link.ts';

const THREAD = '19:AbC-def_123.xyz1@thread.v2';

describe('parley:// deep links', () => {
  it('reads a thread link, raw or percent-encoded', () => {
    expect(parseDeepLink(`parley://thread/${THREAD}`)).toEqual({ threadId: THREAD });
    expect(parseDeepLink(`parley://thread/${encodeURIComponent(THREAD)}`)).toEqual({ threadId: THREAD });
    expect(parseDeepLink(`PARLEY://THREAD/${THREAD}`)).toEqual({ threadId: THREAD });
    expect(parseDeepLink(`parley://thread/${THREAD}/`)).toEqual({ threadId: THREAD });
  });

  it('reads a thread link that names its account', () => {
    expect(parseDeepLink(`parley://thread/acct-0123456789abcdef/${THREAD}`)).toEqual({ accountId: 'acct-0123456789abcdef', threadId: THREAD });
    expect(parseDeepLink(`parley://thread/local-demo/${encodeURIComponent(THREAD)}`)).toEqual({ accountId: 'local-demo', threadId: THREAD });
  });

  it('reads a message link, as "Copy link" writes it', () => {
    const link = messageLink('acct-0123456789abcdef', THREAD, '1675884592345');
    expect(link).toBe(`parley://thread/acct-0123456789abcdef/${encodeURIComponent(THREAD)}/message/1675884592345`);
    expect(parseDeepLink(link)).toEqual({ accountId: 'acct-0123456789abcdef', threadId: THREAD, messageId: '1675884592345' });
  });

  it.each([
    ['a message link without its account', `parley://thread/${THREAD}/message/1675884592345`],
    ['a message link with another marker', `parley://thread/local-demo/${THREAD}/messages/1675884592345`],
    ['a message id of the wrong shape', `parley://thread/local-demo/${THREAD}/message/abc`],
    ['a message link with a fifth segment', `parley://thread/local-demo/${THREAD}/message/1/2`],
    ['another scheme', `https://thread/${THREAD}`],
    ['a look-alike scheme', `parleyx://thread/${THREAD}`],
    ['another host', `parley://threads/${THREAD}`],
    ['an empty host', `parley:///thread/${THREAD}`],
    ['no authority', `parley:thread/${THREAD}`],
    ['credentials', `parley://user:pw@thread/${THREAD}`],
    ['a port', `parley://thread:8080/${THREAD}`],
    ['a query', `parley://thread/${THREAD}?x=1`],
    ['an empty query', `parley://thread/${THREAD}?`],
    ['a fragment', `parley://thread/${THREAD}#m1`],
    ['no thread', 'parley://thread/'],
    ['no path', 'parley://thread'],
    ['three segments', `parley://thread/a/b/${THREAD}`],
    ['an empty segment', `parley://thread//${THREAD}`],
    ['two trailing slashes', `parley://thread/${THREAD}//`],
    ['a thread id of the wrong shape', 'parley://thread/not-a-thread'],
    ['a thread id with a slash inside', `parley://thread/${encodeURIComponent('19:a/b@thread.v2')}`],
    ['a traversal', `parley://thread/..%2F..%2F${THREAD}`],
    ['dot segments', `parley://thread/../${THREAD}`],
    ['a bad account id', `parley://thread/${encodeURIComponent('a b')}/${THREAD}`],
    ['an account id with a colon', `parley://thread/${encodeURIComponent('acct:1')}/${THREAD}`],
    ['broken percent-encoding', 'parley://thread/19%3Aabc%ZZ@thread.v2'],
    ['an encoded NUL', `parley://thread/${THREAD}%00`],
    ['whitespace', `parley://thread/ ${THREAD}`],
    ['a newline', `parley://thread/${THREAD}\n`],
    ['a control character', `parley://thread/\u0001${THREAD}`],
    ['javascript', 'javascript:alert(1)'],
    ['an empty string', ''],
    ['no URL at all', 'thread/19:abc@thread.v2'],
    ['an over-long link', `parley://thread/19:${'a'.repeat(2000)}@thread.v2`],
    ['an over-long thread id', `parley://thread/19:${'a'.repeat(201)}@thread.v2`],
  ])('rejects %s', (_what, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('rejects what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['parley://thread/x']]) expect(parseDeepLink(value)).toBeNull();
  });

  it('finds the link among process arguments, wherever Chromium put it', () => {
    expect(deepLinkFromArgv(['/opt/Parley/parley', '--no-sandbox', `parley://thread/${THREAD}`])).toEqual({ threadId: THREAD });
    expect(deepLinkFromArgv(['C:\\Parley.exe', '--allow-file-access-from-files', `PARLEY://thread/local-demo/${THREAD}`, '--flag'])).toEqual({
      accountId: 'local-demo',
      threadId: THREAD,
    });
    expect(deepLinkFromArgv(['parley', 'parley://evil/x', `parley://thread/${THREAD}`])).toEqual({ threadId: THREAD });
    expect(deepLinkFromArgv(['/opt/Parley/parley', '--no-sandbox'])).toBeNull();
    expect(deepLinkFromArgv(['/opt/Parley/parley', `--open=parley://thread/${THREAD}`])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });
});
