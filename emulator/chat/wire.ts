import type { ChatFeatures } from '../api-versions.ts';
import { chatTime, wholeSecond } from '../clock.ts';
import type { AttachmentRecord, MessageRecord, ParticipantRecord, ReadReceiptRecord, ThreadRecord } from '../model.ts';
import { identifierModelOf } from './identifiers.ts';

/**
 * Turns records into the JSON of a given chat api-version (fields a version lacks are left out), in the
 * live service's key order and formats (emulator/docs/live-service-recordings.md §2, §4, §6, §7.3).
 * Timestamps are whole seconds; identifiers never carry `kind`, at any api-version the recordings show.
 */

export function identifierToWire(rawId: string): Record<string, unknown> {
  return { rawId, ...identifierModelOf(rawId) };
}

export function participantToWire(participant: ParticipantRecord, features: ChatFeatures): Record<string, unknown> {
  const wire: Record<string, unknown> = { communicationIdentifier: identifierToWire(participant.userId) };
  if (participant.displayName !== null) wire['displayName'] = participant.displayName;
  wire['shareHistoryTime'] = chatTime(participant.shareHistoryMs);
  if (features.participantMetadata && participant.metadata) wire['metadata'] = participant.metadata;
  return wire;
}

export function threadToWire(thread: ThreadRecord, features: ChatFeatures): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    id: thread.id,
    topic: thread.topic,
    createdOn: chatTime(thread.createdMs),
    createdByCommunicationIdentifier: identifierToWire(thread.createdBy),
  };
  if (thread.deletedMs !== null) wire['deletedOn'] = chatTime(thread.deletedMs);
  if (features.threadMetadataAndRetention) {
    if (thread.metadata) wire['metadata'] = thread.metadata;
    wire['retentionPolicy'] = thread.retentionPolicy ?? { kind: 'none' };
  }
  return wire;
}

/**
 * A thread in a list. Listed within the second it was created, a thread has no `lastMessageReceivedOn` yet
 * (PY `test_chat_client_e2e.pyTestChatClienttest_access_token_validation.json`): the service fills it in later.
 */
export function threadItemToWire(thread: ThreadRecord, listedAtMs: number): Record<string, unknown> {
  const wire: Record<string, unknown> = { id: thread.id, topic: thread.topic };
  if (thread.deletedMs !== null) wire['deletedOn'] = chatTime(thread.deletedMs);
  if (wholeSecond(listedAtMs) > wholeSecond(thread.createdMs)) wire['lastMessageReceivedOn'] = chatTime(thread.lastMessageMs);
  return wire;
}

/** What a message's JSON depends on besides the record: the api-version, and the origin the client used (for image URLs). */
export interface MessageView {
  features: ChatFeatures;
  apiVersion: string;
  /** `https://<host the client used>` */
  baseUrl: string;
}

/** Where the emulator answers a served image: the path the service's image URLs have (`views/original` and `views/small`). */
export function attachmentImageUrl(message: MessageRecord, attachmentId: string, size: 'original' | 'small', view: MessageView): string {
  const path = `/chat/threads/${message.threadId}/messages/${message.id}/images/${encodeURIComponent(attachmentId)}/views/${size}`;
  return `${view.baseUrl}${path}?api-version=${view.apiVersion}`;
}

/** In the key order of the service's documented examples: id, attachmentType, name, url, previewUrl (absent ones left out). */
function attachmentToWire(attachment: AttachmentRecord, message: MessageRecord, view: MessageView): Record<string, unknown> {
  const url = attachment.served ? attachmentImageUrl(message, attachment.id, 'original', view) : attachment.url;
  const previewUrl = attachment.served ? attachmentImageUrl(message, attachment.id, 'small', view) : attachment.previewUrl;
  const wire: Record<string, unknown> = { id: attachment.id, attachmentType: attachment.attachmentType };
  if (attachment.name !== null) wire['name'] = attachment.name;
  if (url !== null) wire['url'] = url;
  if (previewUrl !== null) wire['previewUrl'] = previewUrl;
  return wire;
}

function contentToWire(message: MessageRecord, view: MessageView): Record<string, unknown> {
  const { features } = view;
  const content: Record<string, unknown> = {};
  const { message: text, topic, participants, initiatorId } = message.content;
  if (text !== undefined) content['message'] = text;
  if (features.messageAttachments && (message.type === 'text' || message.type === 'html')) {
    content['attachments'] = (message.content.attachments ?? []).map((attachment) => attachmentToWire(attachment, message, view));
  }
  if (topic !== undefined) content['topic'] = topic;
  if (participants !== undefined) content['participants'] = participants.map((participant) => participantToWire(participant, features));
  if (initiatorId !== undefined) content['initiatorCommunicationIdentifier'] = identifierToWire(initiatorId);
  return content;
}

export function messageToWire(message: MessageRecord, view: MessageView): Record<string, unknown> {
  const { features } = view;
  const wire: Record<string, unknown> = {
    id: message.id,
    type: message.type,
    sequenceId: String(message.sequenceId),
    version: String(message.version),
    content: contentToWire(message, view),
  };
  if (message.senderId !== null) {
    if (message.senderDisplayName !== null) wire['senderDisplayName'] = message.senderDisplayName;
    else if (!features.omitUnsetSenderDisplayName) wire['senderDisplayName'] = '';
  }
  wire['createdOn'] = chatTime(message.createdMs);
  if (message.senderId !== null) wire['senderCommunicationIdentifier'] = identifierToWire(message.senderId);
  if (features.messageMetadata && message.metadata) wire['metadata'] = message.metadata;
  if (message.editedMs !== null) wire['editedOn'] = chatTime(message.editedMs);
  if (message.deletedMs !== null) wire['deletedOn'] = chatTime(message.deletedMs);
  return wire;
}

export function readReceiptToWire(receipt: ReadReceiptRecord): Record<string, unknown> {
  return {
    senderCommunicationIdentifier: identifierToWire(receipt.userId),
    chatMessageId: receipt.messageId,
    readOn: chatTime(receipt.readMs),
  };
}
