import Database from 'better-sqlite3';
import type {
  AttachmentImage,
  MessageContent,
  MessageRecord,
  MessageType,
  Metadata,
  ParticipantRecord,
  ReadReceiptRecord,
  RetentionPolicy,
  ThreadRecord,
  TypingRecord,
  UserRecord,
} from './model.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  created_ms INTEGER NOT NULL,
  deleted_ms INTEGER,
  tokens_revoked_before_ms INTEGER
);
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY,
  topic TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  deleted_ms INTEGER,
  metadata TEXT,
  retention_policy TEXT,
  last_message_ms INTEGER NOT NULL,
  last_sequence_id INTEGER NOT NULL DEFAULT 0,
  last_message_id_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS participants (
  thread_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  share_history_ms INTEGER NOT NULL,
  metadata TEXT,
  added_ms INTEGER NOT NULL,
  PRIMARY KEY (thread_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS participants_by_user ON participants (user_id, thread_id);
CREATE TABLE IF NOT EXISTS messages (
  thread_id TEXT NOT NULL,
  sequence_id INTEGER NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  sender_id TEXT,
  sender_display_name TEXT,
  content TEXT NOT NULL,
  metadata TEXT,
  created_ms INTEGER NOT NULL,
  edited_ms INTEGER,
  deleted_ms INTEGER,
  version INTEGER NOT NULL,
  PRIMARY KEY (thread_id, sequence_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_id ON messages (thread_id, id);
CREATE TABLE IF NOT EXISTS read_receipts (
  thread_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  read_ms INTEGER NOT NULL,
  PRIMARY KEY (thread_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS typing (
  thread_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  sender_display_name TEXT,
  at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS attachment_images (
  thread_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  attachment_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (thread_id, message_id, attachment_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotent_creates (
  user_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  response TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (user_id, request_id)
) WITHOUT ROWID;
`;

interface UserRow {
  id: string;
  created_ms: number;
  deleted_ms: number | null;
  tokens_revoked_before_ms: number | null;
}

interface ThreadRow {
  id: string;
  topic: string;
  created_ms: number;
  created_by: string;
  deleted_ms: number | null;
  metadata: string | null;
  retention_policy: string | null;
  last_message_ms: number;
  last_sequence_id: number;
  last_message_id_ms: number;
}

interface ParticipantRow {
  user_id: string;
  display_name: string | null;
  share_history_ms: number;
  metadata: string | null;
}

interface MessageRow {
  thread_id: string;
  sequence_id: number;
  id: string;
  type: string;
  sender_id: string | null;
  sender_display_name: string | null;
  content: string;
  metadata: string | null;
  created_ms: number;
  edited_ms: number | null;
  deleted_ms: number | null;
  version: number;
}

interface ReceiptRow {
  user_id: string;
  message_id: string;
  read_ms: number;
}

function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toUser(row: UserRow): UserRecord {
  return { id: row.id, createdMs: row.created_ms, deletedMs: row.deleted_ms, tokensRevokedBeforeMs: row.tokens_revoked_before_ms };
}

function toThread(row: ThreadRow): ThreadRecord {
  return {
    id: row.id,
    topic: row.topic,
    createdMs: row.created_ms,
    createdBy: row.created_by,
    deletedMs: row.deleted_ms,
    metadata: parseJson<Metadata>(row.metadata),
    retentionPolicy: parseJson<RetentionPolicy>(row.retention_policy),
    lastMessageMs: row.last_message_ms,
  };
}

function toParticipant(row: ParticipantRow): ParticipantRecord {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    shareHistoryMs: row.share_history_ms,
    metadata: parseJson<Metadata>(row.metadata),
  };
}

function toMessage(row: MessageRow): MessageRecord {
  return {
    threadId: row.thread_id,
    id: row.id,
    sequenceId: row.sequence_id,
    type: row.type as MessageType,
    senderId: row.sender_id,
    senderDisplayName: row.sender_display_name,
    content: JSON.parse(row.content) as MessageContent,
    metadata: parseJson<Metadata>(row.metadata),
    createdMs: row.created_ms,
    editedMs: row.edited_ms,
    deletedMs: row.deleted_ms,
    version: row.version,
  };
}

export interface ThreadListCursor {
  activityMs: number;
  threadId: string;
}

export interface MessageListQuery {
  /** Only messages with a smaller sequence id (the paging cursor). */
  beforeSequenceId?: number;
  /** Only messages created at or after this instant. */
  createdFromMs: number;
  limit: number;
}

/** All persistent state, in one SQLite database (a file in the data dir, or `:memory:`). */
export class Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(filename: string) {
    this.#db = new Database(filename);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(SCHEMA);
  }

  close(): void {
    this.#db.close();
  }

  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #get<Row>(sql: string, ...params: unknown[]): Row | undefined {
    return this.#statement(sql).get(...params) as Row | undefined;
  }

  #all<Row>(sql: string, ...params: unknown[]): Row[] {
    return this.#statement(sql).all(...params) as Row[];
  }

  #run(sql: string, ...params: unknown[]): number {
    return this.#statement(sql).run(...params).changes;
  }

  // meta

  getMeta(key: string): string | undefined {
    return this.#get<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }

  /** The stored value, or `create()`'s result stored for next time. */
  metaOrCreate(key: string, create: () => string): string {
    const existing = this.getMeta(key);
    if (existing !== undefined) return existing;
    const value = create();
    this.setMeta(key, value);
    return value;
  }

  // users

  insertUser(id: string, createdMs: number): void {
    this.#run('INSERT INTO users (id, created_ms) VALUES (?, ?)', id, createdMs);
  }

  getUser(id: string): UserRecord | undefined {
    const row = this.#get<UserRow>('SELECT * FROM users WHERE id = ?', id);
    return row ? toUser(row) : undefined;
  }

  markUserDeleted(id: string, deletedMs: number): void {
    this.#run('UPDATE users SET deleted_ms = ?, tokens_revoked_before_ms = ? WHERE id = ?', deletedMs, deletedMs, id);
  }

  revokeUserTokens(id: string, beforeMs: number): void {
    this.#run('UPDATE users SET tokens_revoked_before_ms = ? WHERE id = ?', beforeMs, id);
  }

  // threads

  insertThread(thread: ThreadRecord): void {
    this.#run(
      `INSERT INTO threads (id, topic, created_ms, created_by, deleted_ms, metadata, retention_policy, last_message_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      thread.id,
      thread.topic,
      thread.createdMs,
      thread.createdBy,
      thread.deletedMs,
      jsonOrNull(thread.metadata),
      jsonOrNull(thread.retentionPolicy),
      thread.lastMessageMs,
    );
  }

  getThread(id: string): ThreadRecord | undefined {
    const row = this.#get<ThreadRow>('SELECT * FROM threads WHERE id = ?', id);
    return row ? toThread(row) : undefined;
  }

  updateThread(thread: ThreadRecord): void {
    this.#run(
      'UPDATE threads SET topic = ?, deleted_ms = ?, metadata = ?, retention_policy = ?, last_message_ms = ? WHERE id = ?',
      thread.topic,
      thread.deletedMs,
      jsonOrNull(thread.metadata),
      jsonOrNull(thread.retentionPolicy),
      thread.lastMessageMs,
      thread.id,
    );
  }

  /**
   * Threads the user currently belongs to, most recently active first. Activity is the last
   * message, or the deletion, whichever is later, so that delta sync also learns of deletions.
   */
  listThreadsForUser(userId: string, activityFromMs: number, cursor: ThreadListCursor | undefined, limit: number): Array<{ thread: ThreadRecord; activityMs: number }> {
    const rows = this.#all<ThreadRow & { activity_ms: number }>(
      `SELECT t.*, MAX(t.last_message_ms, COALESCE(t.deleted_ms, 0)) AS activity_ms
       FROM participants p JOIN threads t ON t.id = p.thread_id
       WHERE p.user_id = ?
         AND MAX(t.last_message_ms, COALESCE(t.deleted_ms, 0)) >= ?
         AND (? IS NULL OR MAX(t.last_message_ms, COALESCE(t.deleted_ms, 0)) < ?
              OR (MAX(t.last_message_ms, COALESCE(t.deleted_ms, 0)) = ? AND t.id < ?))
       ORDER BY activity_ms DESC, t.id DESC
       LIMIT ?`,
      userId,
      activityFromMs,
      cursor?.activityMs ?? null,
      cursor?.activityMs ?? null,
      cursor?.activityMs ?? null,
      cursor?.threadId ?? null,
      limit,
    );
    return rows.map((row) => ({ thread: toThread(row), activityMs: row.activity_ms }));
  }

  allThreadIds(): string[] {
    return this.#all<{ id: string }>('SELECT id FROM threads ORDER BY created_ms').map((row) => row.id);
  }

  // participants

  upsertParticipant(threadId: string, participant: ParticipantRecord, addedMs: number): void {
    this.#run(
      `INSERT INTO participants (thread_id, user_id, display_name, share_history_ms, metadata, added_ms) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET display_name = excluded.display_name,
         share_history_ms = excluded.share_history_ms, metadata = excluded.metadata`,
      threadId,
      participant.userId,
      participant.displayName,
      participant.shareHistoryMs,
      jsonOrNull(participant.metadata),
      addedMs,
    );
  }

  removeParticipant(threadId: string, userId: string): boolean {
    return this.#run('DELETE FROM participants WHERE thread_id = ? AND user_id = ?', threadId, userId) > 0;
  }

  getParticipant(threadId: string, userId: string): ParticipantRecord | undefined {
    const row = this.#get<ParticipantRow>('SELECT * FROM participants WHERE thread_id = ? AND user_id = ?', threadId, userId);
    return row ? toParticipant(row) : undefined;
  }

  countParticipants(threadId: string): number {
    return this.#get<{ n: number }>('SELECT COUNT(*) AS n FROM participants WHERE thread_id = ?', threadId)?.n ?? 0;
  }

  listParticipants(threadId: string, skip: number, limit: number): ParticipantRecord[] {
    return this.#all<ParticipantRow>('SELECT * FROM participants WHERE thread_id = ? ORDER BY added_ms, user_id LIMIT ? OFFSET ?', threadId, limit, skip).map(toParticipant);
  }

  // messages

  /**
   * Reserves the next sequence id and a message id for `threadId`. Message ids are epoch
   * milliseconds, kept strictly increasing within a thread so that two messages sent in the
   * same millisecond still get distinct ids.
   */
  allocateMessageIds(threadId: string, nowMs: number): { sequenceId: number; idMs: number } {
    const row = this.#get<{ last_sequence_id: number; last_message_id_ms: number }>(
      `UPDATE threads SET last_sequence_id = last_sequence_id + 1, last_message_id_ms = MAX(last_message_id_ms + 1, ?)
       WHERE id = ? RETURNING last_sequence_id, last_message_id_ms`,
      nowMs,
      threadId,
    );
    if (!row) throw new Error(`thread ${threadId} does not exist`);
    return { sequenceId: row.last_sequence_id, idMs: row.last_message_id_ms };
  }

  insertMessage(message: MessageRecord): void {
    this.#run(
      `INSERT INTO messages (thread_id, sequence_id, id, type, sender_id, sender_display_name, content, metadata,
         created_ms, edited_ms, deleted_ms, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      message.threadId,
      message.sequenceId,
      message.id,
      message.type,
      message.senderId,
      message.senderDisplayName,
      JSON.stringify(message.content),
      jsonOrNull(message.metadata),
      message.createdMs,
      message.editedMs,
      message.deletedMs,
      message.version,
    );
  }

  updateMessage(message: MessageRecord): void {
    this.#run(
      'UPDATE messages SET content = ?, metadata = ?, edited_ms = ?, deleted_ms = ?, version = ?, sequence_id = ? WHERE thread_id = ? AND id = ?',
      JSON.stringify(message.content),
      jsonOrNull(message.metadata),
      message.editedMs,
      message.deletedMs,
      message.version,
      message.sequenceId,
      message.threadId,
      message.id,
    );
  }

  getMessage(threadId: string, id: string): MessageRecord | undefined {
    const row = this.#get<MessageRow>('SELECT * FROM messages WHERE thread_id = ? AND id = ?', threadId, id);
    return row ? toMessage(row) : undefined;
  }

  /** Newest first (descending sequence id). */
  listMessages(threadId: string, query: MessageListQuery): MessageRecord[] {
    return this.#all<MessageRow>(
      `SELECT * FROM messages WHERE thread_id = ? AND sequence_id < ? AND created_ms >= ?
       ORDER BY sequence_id DESC LIMIT ?`,
      threadId,
      query.beforeSequenceId ?? Number.MAX_SAFE_INTEGER,
      query.createdFromMs,
      query.limit,
    ).map(toMessage);
  }

  /** Every message of a thread in sequence order, for server-side inspection. */
  allMessages(threadId: string): MessageRecord[] {
    return this.#all<MessageRow>('SELECT * FROM messages WHERE thread_id = ? ORDER BY sequence_id', threadId).map(toMessage);
  }

  // read receipts and typing

  getReadReceipt(threadId: string, userId: string): ReadReceiptRecord | undefined {
    const row = this.#get<ReceiptRow>('SELECT * FROM read_receipts WHERE thread_id = ? AND user_id = ?', threadId, userId);
    return row ? { userId: row.user_id, messageId: row.message_id, readMs: row.read_ms } : undefined;
  }

  upsertReadReceipt(threadId: string, receipt: ReadReceiptRecord): void {
    this.#run(
      `INSERT INTO read_receipts (thread_id, user_id, message_id, read_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (thread_id, user_id) DO UPDATE SET message_id = excluded.message_id, read_ms = excluded.read_ms`,
      threadId,
      receipt.userId,
      receipt.messageId,
      receipt.readMs,
    );
  }

  listReadReceipts(threadId: string, skip: number, limit: number): ReadReceiptRecord[] {
    return this.#all<ReceiptRow>('SELECT * FROM read_receipts WHERE thread_id = ? ORDER BY read_ms DESC, user_id LIMIT ? OFFSET ?', threadId, limit, skip).map((row) => ({
      userId: row.user_id,
      messageId: row.message_id,
      readMs: row.read_ms,
    }));
  }

  insertTyping(typing: TypingRecord): void {
    this.#run('INSERT INTO typing (thread_id, user_id, sender_display_name, at_ms) VALUES (?, ?, ?, ?)', typing.threadId, typing.userId, typing.senderDisplayName, typing.atMs);
  }

  listTyping(threadId: string): TypingRecord[] {
    return this.#all<{ thread_id: string; user_id: string; sender_display_name: string | null; at_ms: number }>(
      'SELECT * FROM typing WHERE thread_id = ? ORDER BY at_ms, rowid',
      threadId,
    ).map((row) => ({ threadId: row.thread_id, userId: row.user_id, senderDisplayName: row.sender_display_name, atMs: row.at_ms }));
  }

  // attachment images

  putAttachmentImage(threadId: string, messageId: string, attachmentId: string, image: AttachmentImage): void {
    this.#run(
      'INSERT OR REPLACE INTO attachment_images (thread_id, message_id, attachment_id, content_type, bytes) VALUES (?, ?, ?, ?, ?)',
      threadId,
      messageId,
      attachmentId,
      image.contentType,
      image.bytes,
    );
  }

  getAttachmentImage(threadId: string, messageId: string, attachmentId: string): AttachmentImage | undefined {
    const row = this.#get<{ content_type: string; bytes: Buffer }>(
      'SELECT content_type, bytes FROM attachment_images WHERE thread_id = ? AND message_id = ? AND attachment_id = ?',
      threadId,
      messageId,
      attachmentId,
    );
    return row ? { contentType: row.content_type, bytes: row.bytes } : undefined;
  }

  // idempotent create

  getIdempotentResponse(userId: string, requestId: string): string | undefined {
    return this.#get<{ response: string }>('SELECT response FROM idempotent_creates WHERE user_id = ? AND request_id = ?', userId, requestId)?.response;
  }

  putIdempotentResponse(userId: string, requestId: string, response: string, createdMs: number): void {
    this.#run('INSERT INTO idempotent_creates (user_id, request_id, response, created_ms) VALUES (?, ?, ?, ?)', userId, requestId, response, createdMs);
  }
}
