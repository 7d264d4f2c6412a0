import type { ServiceOperation } from './chat-service.ts';

export interface ClassifiedRequest {
  operation: ServiceOperation;
  threadId: string | null;
}

/** Names a chat REST request by method and path, the way the service's rate limits count it. */
export function classifyChatRequest(method: string, url: string): ClassifiedRequest | null {
  const path = new URL(url).pathname;
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
  if (segments[0] !== 'chat' || segments[1] !== 'threads') return null;
  const threadId = segments[2] ?? null;
  const resource = segments[3];
  const verb = method.toUpperCase();
  if (threadId === null) return verb === 'POST' ? { operation: 'createThread', threadId } : { operation: 'listThreads', threadId };
  if (resource === undefined) {
    const byVerb: Record<string, ServiceOperation> = { GET: 'getThread', PATCH: 'updateThread', DELETE: 'deleteThread' };
    return byVerb[verb] ? { operation: byVerb[verb], threadId } : null;
  }
  if (resource === 'messages') {
    if (segments[4] === undefined) return { operation: verb === 'POST' ? 'sendMessage' : 'listMessages', threadId };
    const byVerb: Record<string, ServiceOperation> = { GET: 'getMessage', PATCH: 'updateMessage', DELETE: 'deleteMessage' };
    return byVerb[verb] ? { operation: byVerb[verb], threadId } : null;
  }
  if (resource === 'readReceipts') return { operation: verb === 'POST' ? 'sendReadReceipt' : 'listReadReceipts', threadId };
  if (resource === 'typing') return { operation: 'sendTyping', threadId };
  if (resource === 'participants') {
    if (segments[4] === ':add') return { operation: 'addParticipants', threadId };
    if (segments[4] === ':remove') return { operation: 'removeParticipant', threadId };
    return { operation: 'listParticipants', threadId };
  }
  return null;
}
