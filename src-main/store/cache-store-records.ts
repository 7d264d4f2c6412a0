import type { AccountKind, ChatMessage, MessageType, OutboxItem, Participant } from '../../src-preload/contract.ts';

// The records the store is given and the rows and helpers its modules share.

/** An account as cached: never a secret (those live in the OS keychain). */
export interface AccountRecord {
  id: string;
  kind: AccountKind;
  displayName: string;
  endpoint: string;
  userId: string;
  createdAt: number;
}

/** A thread as the service lists it. Fields left out (or null) keep what the cache knows. */
export interface ThreadRecord {
  id: string;
  topic: string;
  createdOn?: number | null;
  createdBy?: string | null;
  deletedOn?: number | null;
  /** The service's `lastMessageReceivedOn`. */
  lastMessageAt?: number | null;
}

/** A message as the sync layer maps it from the SDK: the contract's, less what the cache adds. Times are epoch ms. */
export type MessageRecord = Omit<ChatMessage, 'accountId' | 'threadId' | 'isOwn'>;

export type ParticipantRecord = Omit<Participant, 'accountId' | 'threadId'>;

/** `THREADS_CURSOR_SCOPE` for the account's thread list, or a thread id for that thread's messages. */
export type CursorScope = string;
export const THREADS_CURSOR_SCOPE = 'threads';

export interface SyncCursor {
  syncedUntil: number;
  lastFullScanAt: number | null;
}

export interface MessageQuery {
  beforeSequenceId?: number;
  afterSequenceId?: number;
  aroundMessageId?: string;
  limit?: number;
}

export interface UpsertMessagesResult {
  /** Messages seen for the first time, in the order given (what notifications are made of). */
  inserted: ChatMessage[];
  /** Stored messages replaced by a newer version (edits, deletions). */
  updated: number;
}

export type OutboxPatch = Partial<Pick<OutboxItem, 'state' | 'error' | 'attempts' | 'content'>>;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [name: string]: JsonValue };

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 200;

// ---------------------------------------------------------------------------------------------
// Rows and helpers shared by the store's modules

/** What thread-scoped code needs of a thread row. */
export interface ThreadState {
  local_id: number;
  read_marker_sequence_id: number;
}

export interface MessageRow {
  local_id: number;
  id: string;
  sequence_id: number;
  version: string;
  type: MessageType;
  sender_id: string | null;
  sender_name: string | null;
  content: string;
  topic: string | null;
  participants: string | null;
  initiator_id: string | null;
  metadata: string | null;
  created_on: number;
  edited_on: number | null;
  deleted_on: number | null;
}

/** Open bounds for sequence id and row id ranges. */
export const RANGE_BOUNDS = {
  lowest: Number.MIN_SAFE_INTEGER,
  highest: Number.MAX_SAFE_INTEGER,
};

export function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

export function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
