import type { MessageRecord } from '../store/cache-store.ts';

export type UserMessageFields = Pick<MessageRecord, 'sequenceId' | 'createdOn' | 'senderId' | 'senderDisplayName' | 'content'> & Partial<MessageRecord>;

/** A user message as the service would send it (id and version from its creation time), for tests, studies and benchmarks. */
export function userMessageRecord(fields: UserMessageFields): MessageRecord {
  return {
    id: String(fields.createdOn),
    version: String(fields.createdOn),
    type: 'text',
    topic: null,
    participants: [],
    initiatorId: null,
    metadata: null,
    editedOn: null,
    deletedOn: null,
    ...fields,
  };
}
