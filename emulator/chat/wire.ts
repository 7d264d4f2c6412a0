import type { ChatFeatures } from '../api-versions.ts';
import { isoTime } from '../clock.ts';
import type { MessageRecord, ParticipantRecord, ReadReceiptRecord, ThreadRecord } from '../model.ts';

/** Turns records into the JSON of a given chat api-version (fields a version lacks are left out). */

export interface WireIdentifier {
  kind?: 'communicationUser';
  rawId: string;
  communicationUser: { id: string };
}

const EPOCH_WIRE = '1970-01-01T00:00:00Z';

function wireTime(ms: number): string {
  return ms === 0 ? EPOCH_WIRE : isoTime(ms);
}

export function identifierToWire(rawId: string, features: ChatFeatures): WireIdentifier {
  return features.identifierKind ? { kind: 'communicationUser', rawId, communicationUser: { id: rawId } } : { rawId, communicationUser: { id: rawId } };
}

export function participantToWire(participant: ParticipantRecord, features: ChatFeatures): Record<string, unknown> {
  const wire: Record<string, unknown> = { communicationIdentifier: identifierToWire(participant.userId, features) };
  if (participant.displayName !== null) wire['displayName'] = participant.displayName;
  wire['shareHistoryTime'] = wireTime(participant.shareHistoryMs);
  if (features.participantMetadata && participant.metadata) wire['metadata'] = participant.metadata;
  return wire;
}

export function threadToWire(thread: ThreadRecord, features: ChatFeatures): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    id: thread.id,
    topic: thread.topic,
    createdOn: isoTime(thread.createdMs),
    createdByCommunicationIdentifier: identifierToWire(thread.createdBy, features),
  };
  if (thread.deletedMs !== null) wire['deletedOn'] = isoTime(thread.deletedMs);
  if (features.threadMetadataAndRetention) {
    if (thread.metadata) wire['metadata'] = thread.metadata;
    if (thread.retentionPolicy) wire['retentionPolicy'] = thread.retentionPolicy;
  }
  return wire;
}

export function threadItemToWire(thread: ThreadRecord): Record<string, unknown> {
  const wire: Record<string, unknown> = { id: thread.id, topic: thread.topic };
  if (thread.deletedMs !== null) wire['deletedOn'] = isoTime(thread.deletedMs);
  wire['lastMessageReceivedOn'] = isoTime(thread.lastMessageMs);
  return wire;
}

export function messageToWire(message: MessageRecord, features: ChatFeatures): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  const { message: text, topic, participants, initiatorId } = message.content;
  if (text !== undefined) content['message'] = text;
  if (topic !== undefined) content['topic'] = topic;
  if (participants !== undefined) content['participants'] = participants.map((participant) => participantToWire(participant, features));
  if (initiatorId !== undefined) content['initiatorCommunicationIdentifier'] = identifierToWire(initiatorId, features);

  const wire: Record<string, unknown> = {
    id: message.id,
    type: message.type,
    sequenceId: String(message.sequenceId),
    version: String(message.version),
    content,
  };
  if (message.senderDisplayName !== null) wire['senderDisplayName'] = message.senderDisplayName;
  wire['createdOn'] = isoTime(message.createdMs);
  if (message.senderId !== null) wire['senderCommunicationIdentifier'] = identifierToWire(message.senderId, features);
  if (message.deletedMs !== null) wire['deletedOn'] = isoTime(message.deletedMs);
  if (message.editedMs !== null) wire['editedOn'] = isoTime(message.editedMs);
  if (features.messageMetadata && message.metadata) wire['metadata'] = message.metadata;
  return wire;
}

export function readReceiptToWire(receipt: ReadReceiptRecord, features: ChatFeatures): Record<string, unknown> {
  return {
    senderCommunicationIdentifier: identifierToWire(receipt.userId, features),
    chatMessageId: receipt.messageId,
    readOn: isoTime(receipt.readMs),
  };
}
