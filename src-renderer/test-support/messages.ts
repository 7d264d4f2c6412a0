import type { ChatMessage, OutboxItem } from '../../src-preload/contract.ts';

/** Builders for unit tests. */
export function makeMessage(patch: Partial<ChatMessage> = {}): ChatMessage {
  const sequenceId = patch.sequenceId ?? 1;
  return {
    accountId: 'a',
    threadId: 't',
    id: `m${sequenceId}`,
    sequenceId,
    version: '1',
    type: 'text',
    senderId: 'u:minji',
    senderDisplayName: 'Minji',
    content: 'hello',
    topic: null,
    participants: [],
    initiatorId: null,
    metadata: null,
    attachments: [],
    createdOn: Date.UTC(2025, 0, 15, 9, 0) + sequenceId * 60_000,
    editedOn: null,
    deletedOn: null,
    isOwn: false,
    ...patch,
  };
}

export function makeOutboxItem(patch: Partial<OutboxItem> = {}): OutboxItem {
  return {
    accountId: 'a',
    threadId: 't',
    clientId: 'c1',
    content: 'pending',
    type: 'text',
    senderDisplayName: 'Me',
    state: 'sending',
    error: null,
    createdAt: Date.UTC(2025, 0, 15, 12, 0),
    attempts: 0,
    ...patch,
  };
}
