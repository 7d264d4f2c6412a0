import { CLIENT_ID_METADATA_KEY } from '../../src-preload/contract.ts';
import type { ChatMessage, MessagePage, ParticipantRef } from '../../src-preload/contract.ts';
import type { CacheDatabase } from './db.ts';
import {
  clamp,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseJson,
  RANGE_BOUNDS,
  type MessageQuery,
  type MessageRecord,
  type MessageRow,
  type UpsertMessagesResult,
} from './cache-store-records.ts';
import type { SearchEntry, SearchIndex } from './cache-store-search.ts';
import { countsAsUnread, type ThreadRows } from './cache-store-threads.ts';
import { isSearchable } from './search-text.ts';
import { mentionedRawIds } from '../text/html-to-text.ts';
import { compareVersions } from './versions.ts';

export interface MessageStore {
  /** Keyed by message id; a record older than (or as old as) the stored version is ignored. */
  upsertMessages(accountId: string, threadId: string, messages: readonly MessageRecord[]): UpsertMessagesResult;
  /** A page in ascending sequence order; without bounds, the newest page. */
  listMessages(accountId: string, threadId: string, query?: MessageQuery): MessagePage;
  getMessage(accountId: string, threadId: string, messageId: string): ChatMessage | null;
  newestMessage(accountId: string, threadId: string): ChatMessage | null;
  findMessageByClientId(accountId: string, threadId: string, clientId: string): ChatMessage | null;
}

type StoredMessageState = Pick<MessageRow, 'local_id' | 'version' | 'type' | 'sender_id' | 'sequence_id' | 'deleted_on'>;

const MESSAGE_COLUMNS = 'local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic, participants, initiator_id, metadata, created_on, edited_on, deleted_on';

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

/** A user message that mentions the account's own user (ACS UI Library format), not deleted. */
function mentionsUser(record: MessageRecord, userId: string | null): boolean {
  return userId !== null && record.type === 'html' && record.deletedOn === null && mentionedRawIds(record.content).includes(userId);
}

const recordAsRow = (record: MessageRecord): Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'> => ({
  type: record.type,
  sender_id: record.senderId,
  deleted_on: record.deletedOn,
});

export function createMessageStore(db: CacheDatabase, uses: { threads: ThreadRows; searchIndex: SearchIndex; ownUserIdOf: (accountId: string) => string | null }): MessageStore {
  const { threads, searchIndex, ownUserIdOf } = uses;
  const statements = {
    messageState: db.prepare('SELECT local_id, version, type, sender_id, sequence_id, deleted_on FROM messages WHERE thread_local_id = ? AND id = ?'),
    insertMessage: db.prepare(`
      INSERT INTO messages (local_id, thread_local_id, id, sequence_id, version, type, sender_id, sender_name, content, topic,
        participants, initiator_id, metadata, created_on, edited_on, deleted_on, client_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateMessage: db.prepare(`
      UPDATE messages SET sequence_id = ?, version = ?, type = ?, sender_id = ?, sender_name = ?, content = ?, topic = ?,
        participants = ?, initiator_id = ?, metadata = ?, created_on = ?, edited_on = ?, deleted_on = ?, client_id = ?
      WHERE local_id = ?`),
    messagesBackward: db.prepare(`
      SELECT ${MESSAGE_COLUMNS} FROM messages
      WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id < ? ORDER BY sequence_id DESC LIMIT ?`),
    messagesForward: db.prepare(`
      SELECT ${MESSAGE_COLUMNS} FROM messages
      WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id < ? ORDER BY sequence_id ASC LIMIT ?`),
    hasMessageBelow: db.prepare('SELECT EXISTS (SELECT 1 FROM messages WHERE thread_local_id = ? AND sequence_id < ?)').pluck(),
    hasMessageAbove: db.prepare('SELECT EXISTS (SELECT 1 FROM messages WHERE thread_local_id = ? AND sequence_id > ?)').pluck(),
    setMentionsMe: db.prepare('UPDATE messages SET mentions_me = ? WHERE local_id = ?'),
    messageById: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE thread_local_id = ? AND id = ?`),
    messageByClientId: db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE thread_local_id = ? AND client_id = ? LIMIT 1`),
  };

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

  const upsertMessages = db.transaction((accountId: string, threadId: string, records: readonly MessageRecord[]): UpsertMessagesResult => {
    const thread = threads.ensureThread(accountId, threadId);
    const ownUserId = ownUserIdOf(accountId);
    const marker = thread.read_marker_sequence_id;
    const unreadOf = (row: Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'>, sequenceId: number) => (sequenceId > marker && countsAsUnread(row, ownUserId ?? '') ? 1 : 0);
    const inserted: ChatMessage[] = [];
    const indexEntries: SearchEntry[] = [];
    const toIndex = (entry: SearchEntry | null) => entry !== null && indexEntries.push(entry);
    let updated = 0;
    let unreadDelta = 0;
    let newestCreatedOn = 0;
    for (const record of records) {
      const stored = statements.messageState.get(thread.local_id, record.id) as StoredMessageState | undefined;
      if (stored === undefined) {
        const localId = insertMessage(thread.local_id, record);
        if (mentionsUser(record, ownUserId)) statements.setMentionsMe.run(1, localId);
        toIndex(searchIndex.entryOf(localId, record));
        unreadDelta += unreadOf(recordAsRow(record), record.sequenceId);
        newestCreatedOn = Math.max(newestCreatedOn, record.createdOn);
        inserted.push(recordToChatMessage(record, accountId, threadId, ownUserId));
      } else if (compareVersions(record.version, stored.version) > 0) {
        statements.updateMessage.run(...messageValues(record), stored.local_id);
        statements.setMentionsMe.run(mentionsUser(record, ownUserId) ? 1 : 0, stored.local_id);
        if (isSearchable(stored.type, stored.deleted_on)) searchIndex.remove(stored.local_id);
        toIndex(searchIndex.entryOf(stored.local_id, record));
        unreadDelta += unreadOf(recordAsRow(record), record.sequenceId) - unreadOf(stored, stored.sequence_id);
        updated += 1;
      }
    }
    searchIndex.add(indexEntries);
    if (unreadDelta !== 0 || newestCreatedOn !== 0) threads.noteActivity(thread.local_id, unreadDelta, newestCreatedOn);
    return { inserted, updated };
  });

  const listMessages = db.transaction((accountId: string, threadId: string, query: MessageQuery): MessagePage => {
    const thread = threads.threadState(accountId, threadId);
    if (thread === undefined) return { messages: [], hasOlder: false, hasNewer: false };
    const limit = clamp(query.limit, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const backward = (below: number, count: number) => (statements.messagesBackward.all(thread.local_id, RANGE_BOUNDS.lowest, below, count) as MessageRow[]).reverse();
    const forward = (above: number, below: number, count: number) => statements.messagesForward.all(thread.local_id, above, below, count) as MessageRow[];

    let rows: MessageRow[];
    // The range read, exclusive at both ends: what hasOlder / hasNewer mean when nothing is in it.
    let above = RANGE_BOUNDS.lowest;
    const below = query.beforeSequenceId ?? RANGE_BOUNDS.highest;
    const anchor = query.aroundMessageId === undefined ? undefined : (statements.messageById.get(thread.local_id, query.aroundMessageId) as MessageRow | undefined);
    if (anchor !== undefined) {
      const older = backward(anchor.sequence_id, Math.floor(limit / 2));
      rows = [...older, ...forward(anchor.sequence_id - 1, RANGE_BOUNDS.highest, limit - older.length)];
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
    const thread = threads.threadState(accountId, threadId);
    const row = thread === undefined ? undefined : (read(thread.local_id) as MessageRow | undefined);
    return row === undefined ? null : toChatMessage(row, accountId, threadId, ownUserIdOf(accountId));
  };

  return {
    upsertMessages: (accountId, threadId, messages) => upsertMessages(accountId, threadId, messages),
    listMessages: (accountId, threadId, query = {}) => listMessages(accountId, threadId, query),
    getMessage: (accountId, threadId, messageId) => readOneMessage(accountId, threadId, (local) => statements.messageById.get(local, messageId)),
    newestMessage: (accountId, threadId) => readOneMessage(accountId, threadId, (local) => statements.messagesBackward.get(local, RANGE_BOUNDS.lowest, RANGE_BOUNDS.highest, 1)),
    findMessageByClientId: (accountId, threadId, clientId) => readOneMessage(accountId, threadId, (local) => statements.messageByClientId.get(local, clientId)),
  };
}
