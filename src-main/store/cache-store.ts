import { CLIENT_ID_METADATA_KEY, DEFAULT_SETTINGS, LANGUAGE_CHOICES, POLL_SPEEDS, THEME_CHOICES } from '../../src-preload/contract.ts';
import type {
  AccountKind,
  ApiError,
  ChatMessage,
  MessagePage,
  MessageType,
  OutboxItem,
  Participant,
  ParticipantRef,
  ReadReceipt,
  SearchHit,
  Settings,
  ThreadSummary,
} from '../../src-preload/contract.ts';
import { systemClock, type Clock } from '../base/clock.ts';
import type { CacheDatabase } from './db.ts';
import { messagePlainText } from '../text/html-to-text.ts';
import { buildSnippet } from './search-snippet.ts';
import { ftsMatchExpression, isSearchable, locateTerms, parseSearchQuery, searchableText, searchDocument, type TermRange } from './search-text.ts';
import { compareVersions } from './versions.ts';

// ---------------------------------------------------------------------------------------------
// Records the store is given

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
// The store

export interface CacheStore {
  upsertAccount(record: AccountRecord): void;
  listAccounts(): AccountRecord[];
  getAccount(id: string): AccountRecord | null;
  /**
   * Without `purgeCache` only the account row goes: its cached threads and messages stay, keyed
   * by account id, and reappear when the same account is added again. With it, every row of the
   * account goes too (threads, messages and their index entries, outbox, drafts, cursors, settings).
   */
  deleteAccount(id: string, options: { purgeCache: boolean }): void;

  upsertThreads(accountId: string, items: readonly ThreadRecord[]): void;
  markThreadDeleted(accountId: string, threadId: string, deletedOn: number): void;
  /** Forgets the thread and everything in it (messages, participants, receipts, cursor, draft, outbox). */
  removeThread(accountId: string, threadId: string): void;
  /** Newest activity first. */
  listThreads(accountId: string): ThreadSummary[];
  getThread(accountId: string, threadId: string): ThreadSummary | null;
  setThreadMuted(accountId: string, threadId: string, muted: boolean): void;
  /** Moves the read marker forward only; true when it moved. */
  setReadMarker(accountId: string, threadId: string, sequenceId: number): boolean;
  /** 0 when nothing was read yet. */
  getReadMarker(accountId: string, threadId: string): number;
  /** Unread messages over the account's threads that are neither muted nor deleted: the badge. */
  unreadTotal(accountId: string): number;

  /** Keyed by message id; a record older than (or as old as) the stored version is ignored. */
  upsertMessages(accountId: string, threadId: string, messages: readonly MessageRecord[]): UpsertMessagesResult;
  /** A page in ascending sequence order; without bounds, the newest page. */
  listMessages(accountId: string, threadId: string, query?: MessageQuery): MessagePage;
  getMessage(accountId: string, threadId: string, messageId: string): ChatMessage | null;
  newestMessage(accountId: string, threadId: string): ChatMessage | null;
  findMessageByClientId(accountId: string, threadId: string, clientId: string): ChatMessage | null;

  replaceParticipants(accountId: string, threadId: string, participants: readonly ParticipantRecord[]): void;
  upsertParticipants(accountId: string, threadId: string, participants: readonly ParticipantRecord[]): void;
  removeParticipant(accountId: string, threadId: string, userId: string): void;
  listParticipants(accountId: string, threadId: string): Participant[];

  /** Keeps, per user, the receipt read last. */
  upsertReadReceipts(accountId: string, threadId: string, receipts: readonly ReadReceipt[]): void;
  listReadReceipts(accountId: string, threadId: string): ReadReceipt[];

  getCursor(accountId: string, scope: CursorScope): SyncCursor | null;
  /** `lastFullScanAt` left out keeps the stored one. */
  setCursor(accountId: string, scope: CursorScope, cursor: { syncedUntil: number; lastFullScanAt?: number }): void;

  /** Queues a send; enqueuing a client id again returns the item already queued. */
  enqueueOutbox(item: Omit<OutboxItem, 'state' | 'attempts' | 'error'>): OutboxItem;
  /** Oldest first. */
  listOutbox(accountId: string, threadId?: string): OutboxItem[];
  /** Items still to be delivered ('queued' or 'sending'), over all accounts, oldest first. */
  pendingOutbox(): OutboxItem[];
  updateOutbox(clientId: string, patch: OutboxPatch): OutboxItem | null;
  removeOutbox(clientId: string): void;

  /** '' when there is none. */
  getDraft(accountId: string, threadId: string): string;
  /** Blank text deletes the draft. */
  saveDraft(accountId: string, threadId: string, text: string): void;

  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  /** Shell state (window bounds, active account…): global, or the account's when `accountId` is given. */
  getValue(name: string, accountId?: string): JsonValue | null;
  /** null deletes. */
  setValue(name: string, value: JsonValue | null, accountId?: string): void;

  /**
   * Messages of the account holding every term of `query` (see search-text.ts), best first among
   * the newest matches. Any input is safe; a query with nothing searchable answers [].
   */
  search(accountId: string, query: string, options?: { limit?: number }): SearchHit[];

  close(): void;
}

export interface CacheStoreOptions {
  clock?: Clock;
}

// ---------------------------------------------------------------------------------------------
// Rows

interface AccountRow {
  id: string;
  kind: AccountKind;
  display_name: string;
  endpoint: string;
  user_id: string;
  created_at: number;
}

interface ThreadState {
  local_id: number;
  read_marker_sequence_id: number;
}

interface ThreadSummaryRow {
  account_id: string;
  id: string;
  topic: string;
  created_on: number | null;
  created_by: string | null;
  deleted_on: number | null;
  last_activity_at: number | null;
  muted: number;
  unread_count: number;
  last_type: string | null;
  last_content: string | null;
  last_sender: string | null;
  last_deleted_on: number | null;
}

interface MessageRow {
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

type StoredMessageState = Pick<MessageRow, 'local_id' | 'version' | 'type' | 'sender_id' | 'sequence_id' | 'deleted_on'>;

interface OutboxRow {
  client_id: string;
  account_id: string;
  thread_id: string;
  content: string;
  type: OutboxItem['type'];
  sender_name: string;
  state: OutboxItem['state'];
  error: string | null;
  created_at: number;
  attempts: number;
}

interface SearchRow extends MessageRow {
  thread_id: string;
  thread_topic: string;
}

const MESSAGE_COLUMNS = 'local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic, participants, initiator_id, metadata, created_on, edited_on, deleted_on';

/** Messages that count as unread (when after the read marker): from others, user-visible, not deleted. Mirrors `countsAsUnread`. */
const COUNTS_AS_UNREAD_SQL = "type IN ('text', 'html') AND deleted_on IS NULL AND coalesce(sender_id, '') <> ?";

function countsAsUnread(message: Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'>, ownUserId: string): boolean {
  return (message.type === 'text' || message.type === 'html') && message.deleted_on === null && (message.sender_id ?? '') !== ownUserId;
}

const PREVIEW_LENGTH = 200;
/** How many index hits one search reads at most, and how many it ranks. */
const SEARCH_WINDOW = 200;
const SEARCH_MAX_SCANNED = 1_000;
const SEARCH_POOL = 100;

/**
 * Message row ids grow with creation time, so that the search index (ordered by row id) yields
 * the newest matches first even when history is fetched newest-first. Ids collide only for two
 * messages created in the same millisecond whose sequence ids agree modulo 1024; the insert
 * then tries the next id. Safe as a JS number until the year 2248.
 */
const LOCAL_IDS_PER_MS = 1024;
export function messageLocalId(createdOn: number, sequenceId: number): number {
  const slot = ((sequenceId % LOCAL_IDS_PER_MS) + LOCAL_IDS_PER_MS) % LOCAL_IDS_PER_MS;
  return Math.max(0, Math.floor(createdOn)) * LOCAL_IDS_PER_MS + slot;
}

function isPrimaryKeyConflict(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Stored apart from thread ids, whatever a thread id looks like. */
function cursorScopeName(scope: CursorScope): string {
  return scope === THREADS_CURSOR_SCOPE ? scope : `thread:${scope}`;
}

function preview(type: string, content: string): string {
  const text = messagePlainText(type, content);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

const SETTINGS_CHOICES = { pollSpeed: POLL_SPEEDS, theme: THEME_CHOICES, language: LANGUAGE_CHOICES } as const;

function isValidSetting<K extends keyof Settings>(name: K, value: unknown): value is Settings[K] {
  if (typeof DEFAULT_SETTINGS[name] === 'boolean') return typeof value === 'boolean';
  const choices: readonly unknown[] = SETTINGS_CHOICES[name as keyof typeof SETTINGS_CHOICES];
  return choices.includes(value);
}

/** Stored settings, each field falling back to its default when missing or no longer valid. */
function settingsFrom(stored: JsonValue | null): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return settings;
  for (const name of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (isValidSetting(name, stored[name])) Object.assign(settings, { [name]: stored[name] });
  }
  return settings;
}

const SETTINGS_VALUE_NAME = 'settings';
const GLOBAL_SCOPE = '';

export function createCacheStore(db: CacheDatabase, options: CacheStoreOptions = {}): CacheStore {
  const clock = options.clock ?? systemClock;

  const statements = {
    upsertAccount: db.prepare(`
      INSERT INTO accounts (id, kind, display_name, endpoint, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name,
        endpoint = excluded.endpoint, user_id = excluded.user_id`),
    listAccounts: db.prepare('SELECT * FROM accounts ORDER BY created_at, id'),
    getAccount: db.prepare('SELECT * FROM accounts WHERE id = ?'),
    deleteAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
    ownUserId: db.prepare('SELECT user_id FROM accounts WHERE id = ?').pluck(),
    recountUnread: db.prepare(`
      UPDATE threads SET unread_count = (
        SELECT count(*) FROM messages
        WHERE thread_local_id = threads.local_id AND sequence_id > threads.read_marker_sequence_id AND ${COUNTS_AS_UNREAD_SQL})
      WHERE account_id = ?`),

    threadState: db.prepare('SELECT local_id, read_marker_sequence_id FROM threads WHERE account_id = ? AND id = ?'),
    insertBareThread: db.prepare('INSERT INTO threads (account_id, id) VALUES (?, ?)'),
    upsertThread: db.prepare(`
      INSERT INTO threads (account_id, id, topic, created_on, created_by, deleted_on, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, id) DO UPDATE SET
        topic = excluded.topic,
        created_on = coalesce(excluded.created_on, created_on),
        created_by = coalesce(excluded.created_by, created_by),
        deleted_on = coalesce(excluded.deleted_on, deleted_on),
        last_activity_at = max(coalesce(excluded.last_activity_at, last_activity_at), coalesce(last_activity_at, excluded.last_activity_at))`),
    markThreadDeleted: db.prepare('UPDATE threads SET deleted_on = ? WHERE account_id = ? AND id = ?'),
    setThreadMuted: db.prepare('UPDATE threads SET muted = ? WHERE account_id = ? AND id = ?'),
    accountThreads: db.prepare('SELECT id FROM threads WHERE account_id = ?').pluck(),
    deleteThread: db.prepare('DELETE FROM threads WHERE local_id = ?'),
    threadMessageIds: db.prepare('SELECT local_id FROM messages WHERE thread_local_id = ?').pluck(),
    noteActivity: db.prepare(`
      UPDATE threads SET unread_count = unread_count + ?, last_activity_at = nullif(max(coalesce(last_activity_at, 0), ?), 0) WHERE local_id = ?`),
    moveReadMarker: db.prepare(`
      UPDATE threads SET read_marker_sequence_id = ?, unread_count = max(0, unread_count - (
        SELECT count(*) FROM messages
        WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id <= ? AND ${COUNTS_AS_UNREAD_SQL}))
      WHERE local_id = ?`),
    unreadTotal: db.prepare('SELECT coalesce(sum(unread_count), 0) FROM threads WHERE account_id = ? AND muted = 0 AND deleted_on IS NULL').pluck(),

    messageState: db.prepare('SELECT local_id, version, type, sender_id, sequence_id, deleted_on FROM messages WHERE thread_local_id = ? AND id = ?'),
    insertMessage: db.prepare(`
      INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic,
        participants, initiator_id, metadata, created_on, edited_on, deleted_on, client_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateMessage: db.prepare(`
      UPDATE messages SET sequence_id = ?, version = ?, type = ?, sender_id = ?, sender_name = ?, content = ?, topic = ?,
        participants = ?, initiator_id = ?, metadata = ?, created_on = ?, edited_on = ?, deleted_on = ?, client_id = ?
      WHERE local_id = ?`),
    indexMessage: db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)'),
    unindexMessage: db.prepare('DELETE FROM message_search WHERE rowid = ?'),
    messagesBackward: db.prepare(`
      SELECT ${MESSAGE_COLUMNS} FROM messages
      WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id < ? ORDER BY sequence_id DESC LIMIT ?`),
    messagesForward: db.prepare(`
      SELECT ${MESSAGE_COLUMNS} FROM messages
      WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id < ? ORDER BY sequence_id ASC LIMIT ?`),
    hasMessageBelow: db.prepare('SELECT EXISTS (SELECT 1 FROM messages WHERE thread_local_id = ? AND sequence_id < ?)').pluck(),
    hasMessageAbove: db.prepare('SELECT EXISTS (SELECT 1 FROM messages WHERE thread_local_id = ? AND sequence_id > ?)').pluck(),
    messageById: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE thread_local_id = ? AND id = ?`),
    messageByClientId: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE thread_local_id = ? AND client_id = ? LIMIT 1`),

    clearParticipants: db.prepare('DELETE FROM participants WHERE thread_local_id = ?'),
    upsertParticipant: db.prepare(`
      INSERT INTO participants (thread_local_id, user_id, display_name, share_history_time, metadata) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (thread_local_id, user_id) DO UPDATE SET
        display_name = coalesce(excluded.display_name, display_name),
        share_history_time = coalesce(excluded.share_history_time, share_history_time),
        metadata = coalesce(excluded.metadata, metadata)`),
    removeParticipant: db.prepare('DELETE FROM participants WHERE thread_local_id = ? AND user_id = ?'),
    listParticipants: db.prepare(`
      SELECT user_id, display_name, share_history_time, metadata FROM participants WHERE thread_local_id = ?
      ORDER BY display_name IS NULL, display_name COLLATE NOCASE, user_id`),

    upsertReadReceipt: db.prepare(`
      INSERT INTO read_receipts (thread_local_id, user_id, message_id, read_on) VALUES (?, ?, ?, ?)
      ON CONFLICT (thread_local_id, user_id) DO UPDATE SET message_id = excluded.message_id, read_on = excluded.read_on
      WHERE excluded.read_on > read_receipts.read_on`),
    listReadReceipts: db.prepare(`
      SELECT user_id AS userId, message_id AS messageId, read_on AS readOn FROM read_receipts WHERE thread_local_id = ? ORDER BY read_on, user_id`),

    getCursor: db.prepare('SELECT synced_until AS syncedUntil, last_full_scan_at AS lastFullScanAt FROM sync_cursors WHERE account_id = ? AND scope = ?'),
    setCursor: db.prepare(`
      INSERT INTO sync_cursors (account_id, scope, synced_until, last_full_scan_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id, scope) DO UPDATE SET synced_until = excluded.synced_until,
        last_full_scan_at = coalesce(excluded.last_full_scan_at, last_full_scan_at)`),
    deleteCursor: db.prepare('DELETE FROM sync_cursors WHERE account_id = ? AND scope = ?'),

    insertOutbox: db.prepare(`
      INSERT INTO outbox (client_id, account_id, thread_id, content, type, sender_name, state, error, created_at, attempts)
      VALUES (?, ?, ?, ?, ?, ?, 'queued', NULL, ?, 0) ON CONFLICT (client_id) DO NOTHING`),
    getOutbox: db.prepare('SELECT * FROM outbox WHERE client_id = ?'),
    listAccountOutbox: db.prepare('SELECT * FROM outbox WHERE account_id = ? ORDER BY created_at, rowid'),
    listThreadOutbox: db.prepare('SELECT * FROM outbox WHERE account_id = ? AND thread_id = ? ORDER BY created_at, rowid'),
    pendingOutbox: db.prepare("SELECT * FROM outbox WHERE state IN ('queued', 'sending') ORDER BY created_at, rowid"),
    updateOutbox: db.prepare('UPDATE outbox SET state = ?, error = ?, attempts = ?, content = ? WHERE client_id = ?'),
    removeOutbox: db.prepare('DELETE FROM outbox WHERE client_id = ?'),
    removeThreadOutbox: db.prepare('DELETE FROM outbox WHERE account_id = ? AND thread_id = ?'),

    getDraft: db.prepare('SELECT text FROM drafts WHERE account_id = ? AND thread_id = ?').pluck(),
    saveDraft: db.prepare(`
      INSERT INTO drafts (account_id, thread_id, text, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (account_id, thread_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`),
    deleteDraft: db.prepare('DELETE FROM drafts WHERE account_id = ? AND thread_id = ?'),

    getValue: db.prepare('SELECT value FROM settings WHERE account_id = ? AND name = ?').pluck(),
    setValue: db.prepare(`
      INSERT INTO settings (account_id, name, value) VALUES (?, ?, ?) ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value`),
    deleteValue: db.prepare('DELETE FROM settings WHERE account_id = ? AND name = ?'),

    purgeAccountCursors: db.prepare('DELETE FROM sync_cursors WHERE account_id = ?'),
    purgeAccountOutbox: db.prepare('DELETE FROM outbox WHERE account_id = ?'),
    purgeAccountDrafts: db.prepare('DELETE FROM drafts WHERE account_id = ?'),
    purgeAccountSettings: db.prepare('DELETE FROM settings WHERE account_id = ?'),

    search: db.prepare(`
      SELECT m.local_id, m.id, m.sequence_id, m.version, m.type, m.sender_id, m.sender_name, m.content, m.topic, m.participants,
        m.initiator_id, m.metadata, m.created_on, m.edited_on, m.deleted_on, t.id AS thread_id, t.topic AS thread_topic
      FROM message_search s
      JOIN messages m ON m.local_id = s.rowid
      JOIN threads t ON t.local_id = m.thread_local_id
      WHERE message_search MATCH ? AND s.rowid < ? AND t.account_id = ?
      ORDER BY s.rowid DESC LIMIT ?`),
  };

  // The preview is the newest user message (system messages are not worth a line in the list).
  const threadSummarySql = (filter: string) => `
    SELECT t.account_id, t.id, t.topic, t.created_on, t.created_by, t.deleted_on, t.last_activity_at, t.muted, t.unread_count,
      last.type AS last_type, last.content AS last_content, last.sender_name AS last_sender, last.deleted_on AS last_deleted_on
    FROM threads t
    LEFT JOIN messages last ON last.local_id = (
      SELECT local_id FROM messages WHERE thread_local_id = t.local_id AND type IN ('text', 'html') ORDER BY sequence_id DESC LIMIT 1)
    WHERE ${filter}
    ORDER BY coalesce(t.last_activity_at, t.created_on, 0) DESC, t.id`;
  const listThreadSummaries = db.prepare(threadSummarySql('t.account_id = ?'));
  const getThreadSummary = db.prepare(threadSummarySql('t.account_id = ? AND t.id = ?'));

  // -------------------------------------------------------------------------------------------

  const toAccount = (row: AccountRow): AccountRecord => ({
    id: row.id,
    kind: row.kind,
    displayName: row.display_name,
    endpoint: row.endpoint,
    userId: row.user_id,
    createdAt: row.created_at,
  });

  const toThreadSummary = (row: ThreadSummaryRow): ThreadSummary => ({
    accountId: row.account_id,
    id: row.id,
    topic: row.topic,
    createdOn: row.created_on,
    createdBy: row.created_by,
    deletedOn: row.deleted_on,
    lastActivityAt: row.last_activity_at,
    lastMessagePreview: row.last_type === null || row.last_deleted_on !== null ? null : preview(row.last_type, row.last_content ?? ''),
    lastMessageSender: row.last_sender,
    unreadCount: row.unread_count,
    muted: row.muted !== 0,
  });

  const toChatMessage = (row: MessageRow, accountId: string, threadId: string, ownUserId: string | null): ChatMessage => ({
    accountId,
    threadId,
    id: row.id,
    sequenceId: row.sequence_id,
    version: row.version,
    type: row.type,
    senderId: row.sender_id,
    senderDisplayName: row.sender_name,
    content: row.deleted_on === null ? row.content : '',
    topic: row.topic,
    participants: parseJson<ParticipantRef[]>(row.participants) ?? [],
    initiatorId: row.initiator_id,
    metadata: parseJson<Record<string, string>>(row.metadata),
    createdOn: row.created_on,
    editedOn: row.edited_on,
    deletedOn: row.deleted_on,
    isOwn: ownUserId !== null && row.sender_id === ownUserId,
  });

  /** The DTO of a record just stored, without reading it back. */
  const recordToChatMessage = (record: MessageRecord, accountId: string, threadId: string, ownUserId: string | null): ChatMessage => ({
    accountId,
    threadId,
    id: record.id,
    sequenceId: record.sequenceId,
    version: record.version,
    type: record.type,
    senderId: record.senderId,
    senderDisplayName: record.senderDisplayName,
    content: record.deletedOn === null ? record.content : '',
    topic: record.topic,
    participants: record.participants,
    initiatorId: record.initiatorId,
    metadata: record.metadata,
    createdOn: record.createdOn,
    editedOn: record.editedOn,
    deletedOn: record.deletedOn,
    isOwn: ownUserId !== null && record.senderId === ownUserId,
  });

  const toOutboxItem = (row: OutboxRow): OutboxItem => ({
    accountId: row.account_id,
    threadId: row.thread_id,
    clientId: row.client_id,
    content: row.content,
    type: row.type,
    senderDisplayName: row.sender_name,
    state: row.state,
    error: parseJson<ApiError>(row.error),
    createdAt: row.created_at,
    attempts: row.attempts,
  });

  const ownUserIdOf = (accountId: string) => (statements.ownUserId.get(accountId) as string | undefined) ?? null;
  const threadState = (accountId: string, threadId: string) => statements.threadState.get(accountId, threadId) as ThreadState | undefined;

  /** Thread-scoped rows need their thread row: the sync layer may learn of a thread's content before its listing. */
  const ensureThread = (accountId: string, threadId: string): ThreadState => {
    const existing = threadState(accountId, threadId);
    if (existing !== undefined) return existing;
    const { lastInsertRowid } = statements.insertBareThread.run(accountId, threadId);
    return { local_id: Number(lastInsertRowid), read_marker_sequence_id: 0 };
  };

  const removeThreadRows = (accountId: string, threadId: string) => {
    const thread = threadState(accountId, threadId);
    if (thread !== undefined) {
      for (const localId of statements.threadMessageIds.all(thread.local_id) as number[]) statements.unindexMessage.run(localId);
      statements.deleteThread.run(thread.local_id);
    }
    statements.deleteCursor.run(accountId, cursorScopeName(threadId));
    statements.deleteDraft.run(accountId, threadId);
    statements.removeThreadOutbox.run(accountId, threadId);
  };

  const messageValues = (record: MessageRecord) =>
    [
      record.sequenceId,
      record.version,
      record.type,
      record.senderId,
      record.senderDisplayName,
      record.content,
      record.topic,
      record.participants.length === 0 ? null : JSON.stringify(record.participants),
      record.initiatorId,
      record.metadata === null ? null : JSON.stringify(record.metadata),
      record.createdOn,
      record.editedOn,
      record.deletedOn,
      record.metadata?.[CLIENT_ID_METADATA_KEY] ?? null,
    ] as const;

  const insertMessage = (threadLocalId: number, record: MessageRecord): number => {
    const [sequenceId, ...rest] = messageValues(record);
    for (let localId = messageLocalId(record.createdOn, record.sequenceId); ; localId += 1) {
      try {
        statements.insertMessage.run(localId, threadLocalId, record.id, sequenceId, ...rest);
        return localId;
      } catch (error) {
        if (!isPrimaryKeyConflict(error)) throw error;
      }
    }
  };

  /** The index entry of a message, or null when it has none. */
  const searchEntry = (localId: number, record: MessageRecord): [number, string] | null => {
    if (!isSearchable(record.type, record.deletedOn)) return null;
    const text = searchableText(record.type, record.content);
    return text === '' ? null : [localId, searchDocument(text)];
  };

  /**
   * FTS5 flushes its pending terms to a new segment whenever a row id is not above the previous
   * one; pages arrive newest first, so entries are added in ascending row id order (measured:
   * 6x faster ingest than inserting in arrival order).
   */
  const addToIndex = (entries: Array<[number, string]>) => {
    entries.sort((a, b) => a[0] - b[0]);
    for (const [localId, document] of entries) statements.indexMessage.run(localId, document);
  };

  const recordAsRow = (record: MessageRecord): Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'> => ({
    type: record.type,
    sender_id: record.senderId,
    deleted_on: record.deletedOn,
  });

  const upsertMessages = db.transaction((accountId: string, threadId: string, records: readonly MessageRecord[]): UpsertMessagesResult => {
    const thread = ensureThread(accountId, threadId);
    const ownUserId = ownUserIdOf(accountId);
    const marker = thread.read_marker_sequence_id;
    const unreadOf = (row: Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'>, sequenceId: number) => (sequenceId > marker && countsAsUnread(row, ownUserId ?? '') ? 1 : 0);
    const inserted: ChatMessage[] = [];
    const indexEntries: Array<[number, string]> = [];
    const toIndex = (entry: [number, string] | null) => entry !== null && indexEntries.push(entry);
    let updated = 0;
    let unreadDelta = 0;
    let newestCreatedOn = 0;
    for (const record of records) {
      const stored = statements.messageState.get(thread.local_id, record.id) as StoredMessageState | undefined;
      if (stored === undefined) {
        const localId = insertMessage(thread.local_id, record);
        toIndex(searchEntry(localId, record));
        unreadDelta += unreadOf(recordAsRow(record), record.sequenceId);
        newestCreatedOn = Math.max(newestCreatedOn, record.createdOn);
        inserted.push(recordToChatMessage(record, accountId, threadId, ownUserId));
      } else if (compareVersions(record.version, stored.version) > 0) {
        statements.updateMessage.run(...messageValues(record), stored.local_id);
        if (isSearchable(stored.type, stored.deleted_on)) statements.unindexMessage.run(stored.local_id);
        toIndex(searchEntry(stored.local_id, record));
        unreadDelta += unreadOf(recordAsRow(record), record.sequenceId) - unreadOf(stored, stored.sequence_id);
        updated += 1;
      }
    }
    addToIndex(indexEntries);
    if (unreadDelta !== 0 || newestCreatedOn !== 0) statements.noteActivity.run(unreadDelta, newestCreatedOn, thread.local_id);
    return { inserted, updated };
  });

  const pageBounds = {
    lowest: Number.MIN_SAFE_INTEGER,
    highest: Number.MAX_SAFE_INTEGER,
  };

  const listMessages = db.transaction((accountId: string, threadId: string, query: MessageQuery): MessagePage => {
    const thread = threadState(accountId, threadId);
    if (thread === undefined) return { messages: [], hasOlder: false, hasNewer: false };
    const limit = clamp(query.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const backward = (below: number, count: number) => (statements.messagesBackward.all(thread.local_id, pageBounds.lowest, below, count) as MessageRow[]).reverse();
    const forward = (above: number, below: number, count: number) => statements.messagesForward.all(thread.local_id, above, below, count) as MessageRow[];

    let rows: MessageRow[];
    // The range read, exclusive at both ends: what hasOlder / hasNewer mean when nothing is in it.
    let above = pageBounds.lowest;
    const below = query.beforeSequenceId ?? pageBounds.highest;
    const anchor = query.aroundMessageId === undefined ? undefined : (statements.messageById.get(thread.local_id, query.aroundMessageId) as MessageRow | undefined);
    if (anchor !== undefined) {
      const older = backward(anchor.sequence_id, Math.floor(limit / 2));
      rows = [...older, ...forward(anchor.sequence_id - 1, pageBounds.highest, limit - older.length)];
    } else if (query.afterSequenceId !== undefined) {
      above = query.afterSequenceId;
      rows = forward(above, below, limit);
    } else {
      rows = (statements.messagesBackward.all(thread.local_id, above, below, limit) as MessageRow[]).reverse();
    }
    const first = rows[0];
    const last = rows.at(-1);
    const ownUserId = ownUserIdOf(accountId);
    return {
      messages: rows.map((row) => toChatMessage(row, accountId, threadId, ownUserId)),
      hasOlder: statements.hasMessageBelow.get(thread.local_id, first === undefined ? above + 1 : first.sequence_id) === 1,
      hasNewer: statements.hasMessageAbove.get(thread.local_id, last === undefined ? below - 1 : last.sequence_id) === 1,
    };
  });

  const readOneMessage = (accountId: string, threadId: string, read: (threadLocalId: number) => unknown): ChatMessage | null => {
    const thread = threadState(accountId, threadId);
    const row = thread === undefined ? undefined : (read(thread.local_id) as MessageRow | undefined);
    return row === undefined ? null : toChatMessage(row, accountId, threadId, ownUserIdOf(accountId));
  };

  const threadScopedWrite = <A extends unknown[]>(write: (thread: ThreadState, ...args: A) => void) =>
    db.transaction((accountId: string, threadId: string, ...args: A) => write(ensureThread(accountId, threadId), ...args));

  const upsertParticipantRows = (thread: ThreadState, participants: readonly ParticipantRecord[]) => {
    for (const participant of participants) {
      statements.upsertParticipant.run(
        thread.local_id,
        participant.userId,
        participant.displayName,
        participant.shareHistoryTime,
        participant.metadata === null ? null : JSON.stringify(participant.metadata),
      );
    }
  };

  const search = db.transaction((accountId: string, query: string, limit: number): SearchHit[] => {
    const terms = parseSearchQuery(query);
    const match = ftsMatchExpression(terms);
    if (match === null) return [];
    const pool: Array<{ row: SearchRow; text: string; score: number; ranges: TermRange[] }> = [];
    let below = pageBounds.highest;
    for (let scanned = 0; scanned < SEARCH_MAX_SCANNED && pool.length < Math.max(SEARCH_POOL, limit); scanned += SEARCH_WINDOW) {
      const rows = statements.search.all(match, below, accountId, SEARCH_WINDOW) as SearchRow[];
      for (const row of rows) {
        if (row.deleted_on !== null) continue;
        const text = searchableText(row.type, row.content);
        const located = locateTerms(text, terms);
        if (located !== null) pool.push({ row, text, score: located.score, ranges: located.ranges });
      }
      if (rows.length < SEARCH_WINDOW) break;
      below = rows.at(-1)!.local_id;
    }
    pool.sort((a, b) => b.score - a.score || b.row.created_on - a.row.created_on);
    return pool.slice(0, limit).map(({ row, text, ranges }) => ({
      accountId,
      threadId: row.thread_id,
      threadTopic: row.thread_topic,
      messageId: row.id,
      sequenceId: row.sequence_id,
      senderDisplayName: row.sender_name,
      createdOn: row.created_on,
      snippet: buildSnippet(text, ranges),
    }));
  });

  const purgeAccount = db.transaction((accountId: string) => {
    for (const threadId of statements.accountThreads.all(accountId) as string[]) removeThreadRows(accountId, threadId);
    statements.purgeAccountCursors.run(accountId);
    statements.purgeAccountOutbox.run(accountId);
    statements.purgeAccountDrafts.run(accountId);
    statements.purgeAccountSettings.run(accountId);
    statements.deleteAccount.run(accountId);
  });

  const store: CacheStore = {
    upsertAccount: db.transaction((record: AccountRecord) => {
      const previousUserId = ownUserIdOf(record.id);
      statements.upsertAccount.run(record.id, record.kind, record.displayName, record.endpoint, record.userId, record.createdAt);
      // Unread counts exclude the account's own messages: recount when "own" changes meaning.
      if (previousUserId !== record.userId) statements.recountUnread.run(record.userId, record.id);
    }),
    listAccounts: () => (statements.listAccounts.all() as AccountRow[]).map(toAccount),
    getAccount: (id) => {
      const row = statements.getAccount.get(id) as AccountRow | undefined;
      return row === undefined ? null : toAccount(row);
    },
    deleteAccount: (id, { purgeCache }) => {
      if (purgeCache) purgeAccount(id);
      else statements.deleteAccount.run(id);
    },

    upsertThreads: db.transaction((accountId: string, items: readonly ThreadRecord[]) => {
      for (const item of items) {
        statements.upsertThread.run(accountId, item.id, item.topic, item.createdOn ?? null, item.createdBy ?? null, item.deletedOn ?? null, item.lastMessageAt ?? null);
      }
    }),
    markThreadDeleted: (accountId, threadId, deletedOn) => {
      statements.markThreadDeleted.run(deletedOn, accountId, threadId);
    },
    removeThread: db.transaction(removeThreadRows),
    listThreads: (accountId) => (listThreadSummaries.all(accountId) as ThreadSummaryRow[]).map(toThreadSummary),
    getThread: (accountId, threadId) => {
      const row = getThreadSummary.get(accountId, threadId) as ThreadSummaryRow | undefined;
      return row === undefined ? null : toThreadSummary(row);
    },
    setThreadMuted: (accountId, threadId, muted) => {
      statements.setThreadMuted.run(muted ? 1 : 0, accountId, threadId);
    },
    setReadMarker: db.transaction((accountId: string, threadId: string, sequenceId: number): boolean => {
      const thread = threadState(accountId, threadId);
      if (thread === undefined || sequenceId <= thread.read_marker_sequence_id) return false;
      const ownUserId = ownUserIdOf(accountId) ?? '';
      statements.moveReadMarker.run(sequenceId, thread.local_id, thread.read_marker_sequence_id, sequenceId, ownUserId, thread.local_id);
      return true;
    }),
    getReadMarker: (accountId, threadId) => threadState(accountId, threadId)?.read_marker_sequence_id ?? 0,
    unreadTotal: (accountId) => statements.unreadTotal.get(accountId) as number,

    upsertMessages: (accountId, threadId, messages) => upsertMessages(accountId, threadId, messages),
    listMessages: (accountId, threadId, query = {}) => listMessages(accountId, threadId, query),
    getMessage: (accountId, threadId, messageId) => readOneMessage(accountId, threadId, (local) => statements.messageById.get(local, messageId)),
    newestMessage: (accountId, threadId) => readOneMessage(accountId, threadId, (local) => statements.messagesBackward.get(local, pageBounds.lowest, pageBounds.highest, 1)),
    findMessageByClientId: (accountId, threadId, clientId) => readOneMessage(accountId, threadId, (local) => statements.messageByClientId.get(local, clientId)),

    replaceParticipants: threadScopedWrite((thread, participants: readonly ParticipantRecord[]) => {
      statements.clearParticipants.run(thread.local_id);
      upsertParticipantRows(thread, participants);
    }),
    upsertParticipants: threadScopedWrite(upsertParticipantRows),
    removeParticipant: (accountId, threadId, userId) => {
      const thread = threadState(accountId, threadId);
      if (thread !== undefined) statements.removeParticipant.run(thread.local_id, userId);
    },
    listParticipants: (accountId, threadId) => {
      const thread = threadState(accountId, threadId);
      if (thread === undefined) return [];
      const rows = statements.listParticipants.all(thread.local_id) as Array<{
        user_id: string;
        display_name: string | null;
        share_history_time: number | null;
        metadata: string | null;
      }>;
      return rows.map((row) => ({
        accountId,
        threadId,
        userId: row.user_id,
        displayName: row.display_name,
        shareHistoryTime: row.share_history_time,
        metadata: parseJson<Record<string, string>>(row.metadata),
      }));
    },

    upsertReadReceipts: threadScopedWrite((thread, receipts: readonly ReadReceipt[]) => {
      for (const receipt of receipts) statements.upsertReadReceipt.run(thread.local_id, receipt.userId, receipt.messageId, receipt.readOn);
    }),
    listReadReceipts: (accountId, threadId) => {
      const thread = threadState(accountId, threadId);
      return thread === undefined ? [] : (statements.listReadReceipts.all(thread.local_id) as ReadReceipt[]);
    },

    getCursor: (accountId, scope) => (statements.getCursor.get(accountId, cursorScopeName(scope)) as SyncCursor | undefined) ?? null,
    setCursor: (accountId, scope, cursor) => {
      statements.setCursor.run(accountId, cursorScopeName(scope), cursor.syncedUntil, cursor.lastFullScanAt ?? null);
    },

    enqueueOutbox: db.transaction((item: Omit<OutboxItem, 'state' | 'attempts' | 'error'>): OutboxItem => {
      statements.insertOutbox.run(item.clientId, item.accountId, item.threadId, item.content, item.type, item.senderDisplayName, item.createdAt);
      return toOutboxItem(statements.getOutbox.get(item.clientId) as OutboxRow);
    }),
    listOutbox: (accountId, threadId) => {
      const rows = threadId === undefined ? statements.listAccountOutbox.all(accountId) : statements.listThreadOutbox.all(accountId, threadId);
      return (rows as OutboxRow[]).map(toOutboxItem);
    },
    pendingOutbox: () => (statements.pendingOutbox.all() as OutboxRow[]).map(toOutboxItem),
    updateOutbox: db.transaction((clientId: string, patch: OutboxPatch): OutboxItem | null => {
      const row = statements.getOutbox.get(clientId) as OutboxRow | undefined;
      if (row === undefined) return null;
      const next = { ...toOutboxItem(row), ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) };
      statements.updateOutbox.run(next.state, next.error === null ? null : JSON.stringify(next.error), next.attempts, next.content, clientId);
      return next;
    }),
    removeOutbox: (clientId) => {
      statements.removeOutbox.run(clientId);
    },

    getDraft: (accountId, threadId) => (statements.getDraft.get(accountId, threadId) as string | undefined) ?? '',
    saveDraft: (accountId, threadId, text) => {
      if (text.trim() === '') statements.deleteDraft.run(accountId, threadId);
      else statements.saveDraft.run(accountId, threadId, text, clock.now());
    },

    getSettings: () => settingsFrom(store.getValue(SETTINGS_VALUE_NAME)),
    updateSettings: db.transaction((patch: Partial<Settings>): Settings => {
      const settings = store.getSettings();
      for (const [name, value] of Object.entries(patch) as Array<[keyof Settings, unknown]>) {
        if (value === undefined) continue;
        if (!Object.hasOwn(DEFAULT_SETTINGS, name) || !isValidSetting(name, value)) throw new TypeError(`Invalid setting ${name}: ${String(value)}`);
        Object.assign(settings, { [name]: value });
      }
      store.setValue(SETTINGS_VALUE_NAME, Object.fromEntries(Object.entries(settings)));
      return settings;
    }),
    getValue: (name, accountId = GLOBAL_SCOPE) => parseJson<JsonValue>((statements.getValue.get(accountId, name) as string | undefined) ?? null),
    setValue: (name, value, accountId = GLOBAL_SCOPE) => {
      if (value === null) statements.deleteValue.run(accountId, name);
      else statements.setValue.run(accountId, name, JSON.stringify(value));
    },

    search: (accountId, query, options = {}) => search(accountId, query, clamp(options.limit, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT)),

    close: () => db.close(),
  };
  return store;
}
