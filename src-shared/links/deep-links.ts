/** The scheme of Parley's own links (registered with each OS by the installers). */
export const DEEP_LINK_SCHEME = 'parley';
/** The path segment that marks a message inside a thread link. */
export const MESSAGE_SEGMENT = 'message';

/** The link "Copy link" puts on the clipboard for one message; main's deep-link parser reads it back. */
export function messageLink(accountId: string, threadId: string, messageId: string): string {
  return `${DEEP_LINK_SCHEME}://thread/${encodeURIComponent(accountId)}/${encodeURIComponent(threadId)}/${MESSAGE_SEGMENT}/${encodeURIComponent(messageId)}`;
}
