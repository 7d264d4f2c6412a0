import { describe, expect, it } from 'vitest';
import { classifyChatRequest } from './request-classifier.ts';

const base = 'https://contoso.communication.azure.com';
const thread = '19%3Aabc%40thread.v2';

describe('classifyChatRequest', () => {
  it.each([
    ['GET', '/chat/threads?api-version=2025-03-15&maxPageSize=200', 'listThreads', null],
    ['POST', '/chat/threads?api-version=2025-03-15', 'createThread', null],
    ['GET', `/chat/threads/${thread}`, 'getThread', '19:abc@thread.v2'],
    ['PATCH', `/chat/threads/${thread}`, 'updateThread', '19:abc@thread.v2'],
    ['DELETE', `/chat/threads/${thread}`, 'deleteThread', '19:abc@thread.v2'],
    ['POST', `/chat/threads/${thread}/messages`, 'sendMessage', '19:abc@thread.v2'],
    ['GET', `/chat/threads/${thread}/messages?startTime=x`, 'listMessages', '19:abc@thread.v2'],
    ['GET', `/chat/threads/${thread}/messages/1700000000000`, 'getMessage', '19:abc@thread.v2'],
    ['PATCH', `/chat/threads/${thread}/messages/1700000000000`, 'updateMessage', '19:abc@thread.v2'],
    ['DELETE', `/chat/threads/${thread}/messages/1700000000000`, 'deleteMessage', '19:abc@thread.v2'],
    ['POST', `/chat/threads/${thread}/readReceipts`, 'sendReadReceipt', '19:abc@thread.v2'],
    ['GET', `/chat/threads/${thread}/readReceipts`, 'listReadReceipts', '19:abc@thread.v2'],
    ['POST', `/chat/threads/${thread}/typing`, 'sendTyping', '19:abc@thread.v2'],
    ['GET', `/chat/threads/${thread}/participants?skip=2`, 'listParticipants', '19:abc@thread.v2'],
    ['POST', `/chat/threads/${thread}/participants/:add`, 'addParticipants', '19:abc@thread.v2'],
    ['POST', `/chat/threads/${thread}/participants/:remove`, 'removeParticipant', '19:abc@thread.v2'],
  ])('%s %s is %s', (method, path, operation, threadId) => {
    expect(classifyChatRequest(method, base + path)).toEqual({ operation, threadId });
  });

  it('ignores what is not a chat request', () => {
    expect(classifyChatRequest('POST', `${base}/identities`)).toBeNull();
    expect(classifyChatRequest('PUT', `${base}/chat/threads/${thread}`)).toBeNull();
  });
});
