import { chatFeatures } from '../api-versions.ts';
import { wholeSecond } from '../clock.ts';
import { badRequest } from '../errors.ts';
import type { RetentionPolicy, UserMessageType } from '../model.ts';
import type { JsonObject } from '../validation.ts';
import { bodyObject, optionalArray, optionalString, parseDateTime, parseStringMap, requireNonEmptyString, requireObject } from '../validation.ts';
import { parseIdentifierModel } from './identifiers.ts';
import type { CreateThreadInput, MetadataPatch, ParticipantInput, SendMessageInput, UpdateMessageInput, UpdateThreadInput } from './service.ts';

/** Wire bodies → domain inputs. Fields the request's api-version does not know are ignored, as the service would. */

const MIN_RETENTION_DAYS = 30;
const MAX_RETENTION_DAYS = 90;

function parseRetentionPolicy(value: unknown): RetentionPolicy {
  const policy = requireObject(value, 'retentionPolicy');
  if (policy['kind'] === 'none') return { kind: 'none' };
  if (policy['kind'] !== 'threadCreationDate') {
    throw badRequest("retentionPolicy.kind must be 'threadCreationDate' or 'none'.", 'retentionPolicy');
  }
  const days = policy['deleteThreadAfterDays'];
  if (typeof days !== 'number' || !Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
    throw badRequest(`retentionPolicy.deleteThreadAfterDays must be an integer between ${MIN_RETENTION_DAYS} and ${MAX_RETENTION_DAYS}.`, 'retentionPolicy');
  }
  return { kind: 'threadCreationDate', deleteThreadAfterDays: days };
}

function parseParticipant(value: unknown, field: string, apiVersion: string): ParticipantInput {
  const participant = requireObject(value, field);
  const identifier = parseIdentifierModel(participant['communicationIdentifier'], `${field}.communicationIdentifier`);
  const shareHistoryTime = participant['shareHistoryTime'];
  const metadata = participant['metadata'];
  return {
    rawId: identifier.rawId,
    supported: identifier.isAcsUser,
    displayName: optionalString(participant, 'displayName') ?? null,
    // Sent with a fraction, it is kept (and answered) in whole seconds (PY `…test_list_participants.json`).
    shareHistoryMs: shareHistoryTime === undefined || shareHistoryTime === null ? 0 : wholeSecond(parseDateTime(shareHistoryTime, `${field}.shareHistoryTime`)),
    metadata: chatFeatures(apiVersion).participantMetadata && metadata !== undefined && metadata !== null ? parseStringMap(metadata, `${field}.metadata`, false, true) : null,
  };
}

export function parseParticipants(values: readonly unknown[], apiVersion: string): ParticipantInput[] {
  return values.map((value, index) => parseParticipant(value, `participants[${index}]`, apiVersion));
}

function threadExtras(body: JsonObject, apiVersion: string): { metadata?: MetadataPatch | null; retentionPolicy?: RetentionPolicy | null } {
  if (!chatFeatures(apiVersion).threadMetadataAndRetention) return {};
  const extras: { metadata?: MetadataPatch | null; retentionPolicy?: RetentionPolicy | null } = {};
  if (body['metadata'] !== undefined) extras.metadata = body['metadata'] === null ? null : parseStringMap(body['metadata'], 'metadata', true, true);
  if (body['retentionPolicy'] !== undefined) extras.retentionPolicy = body['retentionPolicy'] === null ? null : parseRetentionPolicy(body['retentionPolicy']);
  return extras;
}

/** An empty map is kept: the service echoes a thread created with `"metadata":{}` (Java assets `canCreateThreadWithMetadata`). */
function withoutNulls(patch: MetadataPatch | null | undefined): Record<string, string> | null {
  if (!patch) return null;
  return Object.fromEntries(Object.entries(patch).filter((entry): entry is [string, string] => entry[1] !== null));
}

export function parseCreateThread(body: unknown, apiVersion: string): CreateThreadInput {
  const object = bodyObject(body);
  const extras = threadExtras(object, apiVersion);
  return {
    topic: requireNonEmptyString(object, 'topic'),
    participants: parseParticipants(optionalArray(object, 'participants') ?? [], apiVersion),
    metadata: withoutNulls(extras.metadata),
    retentionPolicy: extras.retentionPolicy ?? null,
  };
}

export function parseUpdateThread(body: unknown, apiVersion: string): UpdateThreadInput {
  const object = bodyObject(body);
  const input: UpdateThreadInput = threadExtras(object, apiVersion);
  if (object['topic'] !== undefined && object['topic'] !== null) input.topic = requireNonEmptyString(object, 'topic');
  return input;
}

function parseMessageType(value: unknown): UserMessageType {
  if (value === undefined || value === null) return 'text';
  if (typeof value === 'string') {
    const type = value.toLowerCase();
    if (type === 'text' || type === 'html') return type;
  }
  throw badRequest("type must be 'text' or 'html'.", 'type');
}

function messageMetadata(object: JsonObject, apiVersion: string, allowNullValues: boolean): MetadataPatch | null | undefined {
  if (!chatFeatures(apiVersion).messageMetadata || object['metadata'] === undefined) return undefined;
  if (object['metadata'] === null) return null;
  return allowNullValues ? parseStringMap(object['metadata'], 'metadata', true) : parseStringMap(object['metadata'], 'metadata', false);
}

export function parseSendMessage(body: unknown, apiVersion: string): SendMessageInput {
  const object = bodyObject(body);
  return {
    type: parseMessageType(object['type']),
    content: requireNonEmptyString(object, 'content'),
    senderDisplayName: optionalString(object, 'senderDisplayName') ?? null,
    metadata: withoutNulls(messageMetadata(object, apiVersion, false)),
  };
}

export function parseUpdateMessage(body: unknown, apiVersion: string): UpdateMessageInput {
  const object = bodyObject(body);
  const input: UpdateMessageInput = {};
  if (object['content'] !== undefined && object['content'] !== null) input.content = requireNonEmptyString(object, 'content');
  const metadata = messageMetadata(object, apiVersion, true);
  if (metadata !== undefined) input.metadata = metadata;
  return input;
}

export function parseReadReceipt(body: unknown): string {
  return requireNonEmptyString(bodyObject(body), 'chatMessageId');
}

export function parseTyping(body: unknown): string | null {
  return optionalString(bodyObject(body), 'senderDisplayName') ?? null;
}

export function parseAddParticipants(body: unknown, apiVersion: string): ParticipantInput[] {
  const participants = optionalArray(bodyObject(body), 'participants');
  if (!participants || participants.length === 0) throw badRequest("'participants' is required and must be a non-empty array.", 'participants');
  return parseParticipants(participants, apiVersion);
}

export function parseRemoveParticipant(body: unknown): string {
  return parseIdentifierModel(body, 'body').rawId;
}
