/**
 * `parley://thread/<threadId>`, `parley://thread/<accountId>/<threadId>` and
 * `parley://thread/<accountId>/<threadId>/message/<messageId>` ("Copy link" on a message): the only links Parley
 * answers. They arrive from other programs (a browser, a mail client, the command line), so they are
 * untrusted: anything but exactly these shapes, with ids of the shapes Parley issues, is rejected.
 */

import { DEEP_LINK_SCHEME, MESSAGE_SEGMENT } from '../../../src-shared/links/deep-links.ts';

export { DEEP_LINK_SCHEME };

export interface DeepLink {
  threadId: string;
  /** Absent when the link names the thread only: then the account is looked up (see `deepLinkTarget`). */
  accountId?: string;
  /** Set by a message's link: the conversation opens at that message. */
  messageId?: string;
}

/** Longer than any well-formed link by far; refusing early bounds the work done on hostile input. */
const MAX_LINK_LENGTH = 1024;
/** ACS thread ids: `19:<id>@thread.<kind>` (`thread.v2` today; the kind is kept open for other editions). */
const THREAD_ID = /^19:[A-Za-z0-9._-]{1,200}@thread\.[A-Za-z0-9]{1,16}$/;
/** Parley's own account ids (`acct-<hex>`, `local-demo`). */
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** ACS message ids: decimal, the service's epoch-millisecond stamps. */
const MESSAGE_ID = /^[0-9]{1,20}$/;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function isThreadId(value: string): boolean {
  return THREAD_ID.test(value);
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** The link, or null for anything that is not exactly a Parley thread link. */
export function parseDeepLink(input: unknown): DeepLink | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_LINK_LENGTH) return null;
  // Spaces and control characters would be dropped or encoded by the URL parser; a link carrying them is not ours.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.username || url.password || url.port || url.search || url.hash || input.includes('?') || input.includes('#')) return null;
  if (url.hostname.toLowerCase() !== 'thread') return null;
  // The parser resolves dot segments and the like: a link it had to rewrite is not in our shape.
  const authorityAndPath = input.slice(url.protocol.length + 2);
  if (!input.slice(url.protocol.length).startsWith('//') || authorityAndPath.slice(authorityAndPath.indexOf('/')) !== url.pathname) return null;

  // A single trailing slash is tolerated: some launchers append one.
  const path = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
  const segments = path.split('/').slice(1);
  if (segments.length < 1 || segments.length > 4 || segments.length === 3) return null;
  const decoded = segments.map(decodeSegment);
  if (decoded.some((segment) => segment === null)) return null;

  if (decoded.length === 4) {
    const [accountId, threadId, marker, messageId] = decoded as [string, string, string, string];
    const valid = isAccountId(accountId) && isThreadId(threadId) && marker === MESSAGE_SEGMENT && MESSAGE_ID.test(messageId);
    return valid ? { accountId, threadId, messageId } : null;
  }

  if (decoded.length === 1) {
    const [threadId] = decoded as [string];
    return isThreadId(threadId) ? { threadId } : null;
  }
  const [accountId, threadId] = decoded as [string, string];
  return isAccountId(accountId) && isThreadId(threadId) ? { accountId, threadId } : null;
}

/**
 * The link among a process's arguments (Windows and Linux pass it there, on first launch and to the
 * running instance). Chromium may add switches around it, so every argument is looked at.
 */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
