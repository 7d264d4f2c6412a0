import {
  LIMITS,
  type IdentifierKind,
  type Metadata,
  type Participant,
  type Person,
  type ReadReceipt,
  type RetentionPolicy,
  type ThreadPage,
  type ThreadPageCursor,
  type ThreadSummary,
} from '../../src-preload/contract.ts';
import { messagePlainText } from '../text/html-to-text.ts';
import type { CacheDatabase } from './db.ts';
import {
  parseJson,
  THREADS_CURSOR_SCOPE,
  type CursorScope,
  type MessageRow,
  type ParticipantRecord,
  type SyncCursor,
  type ThreadRecord,
  type ThreadState,
} from './cache-store-records.ts';

/** Threads and what hangs off them: read markers and unread counts, participants, read receipts, sync cursors. */
export interface ThreadStore {
  upsertThreads(accountId: string, items: readonly ThreadRecord[]): void;
  markThreadDeleted(accountId: string, threadId: string, deletedOn: number): void;
  /** Newest activity first. */
  listThreads(accountId: string): ThreadSummary[];
  /** The same order, deleted threads left out, `limit` at a time after `after` (keyset: no offset). */
  listThreadPage(accountId: string, page: { limit: number; after?: ThreadPageCursor }): ThreadPage;
  getThread(accountId: string, threadId: string): ThreadSummary | null;
  setThreadMuted(accountId: string, threadId: string, muted: boolean): void;
  /** Moves the read marker forward only; true when it moved. */
  setReadMarker(accountId: string, threadId: string, sequenceId: number): boolean;
  /** 0 when nothing was read yet. */
  getReadMarker(accountId: string, threadId: string): number;
  /** Unread messages over the account's threads that are neither muted nor deleted: the badge. */
  unreadTotal(accountId: string): number;

  replaceParticipants(accountId: string, threadId: string, participants: readonly ParticipantRecord[]): void;
  upsertParticipants(accountId: string, threadId: string, participants: readonly ParticipantRecord[]): void;
  removeParticipant(accountId: string, threadId: string, userId: string): void;
  listParticipants(accountId: string, threadId: string): Participant[];
  /**
   * The people directory: everyone in the account's conversations but the account's own user, each once.
   * Every word of `query` must be part of the name or the user id (any case; Korean syllables or
   * jamo as typed); a blank query lists everyone. People in more conversations come first, then
   * those in the most recent ones.
   */
  peopleDirectory(accountId: string, query: string, options: { limit: number }): Person[];

  /** Keeps, per user, the receipt read last. */
  upsertReadReceipts(accountId: string, threadId: string, receipts: readonly ReadReceipt[]): void;
  listReadReceipts(accountId: string, threadId: string): ReadReceipt[];

  getCursor(accountId: string, scope: CursorScope): SyncCursor | null;
  /** `lastFullScanAt` left out keeps the stored one. */
  setCursor(accountId: string, scope: CursorScope, cursor: { syncedUntil: number; lastFullScanAt?: number }): void;
}

/** What the other modules of the store use of threads. */
export interface ThreadRows {
  threadState(accountId: string, threadId: string): ThreadState | undefined;
  /** Thread-scoped rows need their thread row: the sync layer may learn of a thread's content before its listing. */
  ensureThread(accountId: string, threadId: string): ThreadState;
  /** Adds `unreadDelta` to the unread count and moves the last activity up to `createdOn` (0: unchanged). */
  noteActivity(threadLocalId: number, unreadDelta: number, createdOn: number): void;
  recountUnread(accountId: string, ownUserId: string): void;
  threadIdsOf(accountId: string): string[];
  /** The thread row and everything under it, with its cursor. */
  removeThreadRows(accountId: string, threadId: string): void;
  removeAccountCursors(accountId: string): void;
}

/** Messages that count as unread (when after the read marker): from others, user-visible, not deleted. Mirrors `countsAsUnread`. */
const COUNTS_AS_UNREAD_SQL = "type IN ('text', 'html') AND deleted_on IS NULL AND coalesce(sender_id, '') <> ?";

export function countsAsUnread(message: Pick<MessageRow, 'type' | 'sender_id' | 'deleted_on'>, ownUserId: string): boolean {
  return (message.type === 'text' || message.type === 'html') && message.deleted_on === null && (message.sender_id ?? '') !== ownUserId;
}

interface ThreadSummaryRow {
  account_id: string;
  id: string;
  topic: string;
  created_on: number | null;
  created_by: string | null;
  deleted_on: number | null;
  metadata: string | null;
  retention_policy: string | null;
  last_activity_at: number | null;
  muted: number;
  unread_count: number;
  unread_mentions: number;
  last_type: string | null;
  last_content: string | null;
  last_sender_id: string | null;
  last_sender_name: string | null;
  last_deleted_on: number | null;
}

const PREVIEW_LENGTH = 200;

function preview(type: string, content: string): string {
  const text = messagePlainText(type, content);
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

const toThreadSummary = (row: ThreadSummaryRow): ThreadSummary => ({
  accountId: row.account_id,
  id: row.id,
  topic: row.topic,
  createdOn: row.created_on,
  createdBy: row.created_by,
  deletedOn: row.deleted_on,
  metadata: parseJson<Metadata>(row.metadata),
  retentionPolicy: parseJson<RetentionPolicy>(row.retention_policy),
  lastActivityAt: row.last_activity_at,
  lastMessagePreview: row.last_type === null || row.last_deleted_on !== null ? null : preview(row.last_type, row.last_content ?? ''),
  lastMessageSenderId: row.last_sender_id,
  lastMessageSenderName: row.last_sender_name,
  unreadCount: row.unread_count,
  unreadMentions: row.unread_mentions,
  muted: row.muted !== 0,
});

const jsonOrNull = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Case and Unicode form folded away, so "지민" typed as syllables or as jamo finds "박지민", and "PRI" finds "Priya". */
function foldForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Stored apart from thread ids, whatever a thread id looks like. */
function cursorScopeName(scope: CursorScope): string {
  return scope === THREADS_CURSOR_SCOPE ? scope : `thread:${scope}`;
}

export function createThreadStore(
  db: CacheDatabase,
  uses: { ownUserIdOf: (accountId: string) => string | null; unindexThread: (threadLocalId: number) => void },
): { store: ThreadStore; rows: ThreadRows } {
  const statements = {
    threadState: db.prepare('SELECT local_id, read_marker_sequence_id FROM threads WHERE account_id = ? AND id = ?'),
    insertBareThread: db.prepare('INSERT INTO threads (account_id, id) VALUES (?, ?)'),
    upsertThread: db.prepare(`
      INSERT INTO threads (account_id, id, topic, created_on, created_by, deleted_on, last_activity_at, metadata, retention_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (account_id, id) DO UPDATE SET
        topic = excluded.topic,
        retention_policy = CASE WHEN excluded.metadata IS NULL THEN retention_policy ELSE excluded.retention_policy END,
        metadata = coalesce(excluded.metadata, metadata),
        created_on = coalesce(excluded.created_on, created_on),
        created_by = coalesce(excluded.created_by, created_by),
        deleted_on = coalesce(excluded.deleted_on, deleted_on),
        last_activity_at = max(coalesce(excluded.last_activity_at, last_activity_at), coalesce(last_activity_at, excluded.last_activity_at))`),
    markThreadDeleted: db.prepare('UPDATE threads SET deleted_on = ? WHERE account_id = ? AND id = ?'),
    setThreadMuted: db.prepare('UPDATE threads SET muted = ? WHERE account_id = ? AND id = ?'),
    accountThreads: db.prepare('SELECT id FROM threads WHERE account_id = ?').pluck(),
    deleteThread: db.prepare('DELETE FROM threads WHERE local_id = ?'),
    recountUnread: db.prepare(`
      UPDATE threads SET unread_count = (
        SELECT count(*) FROM messages
        WHERE thread_local_id = threads.local_id AND sequence_id > threads.read_marker_sequence_id AND ${COUNTS_AS_UNREAD_SQL})
      WHERE account_id = ?`),
    noteActivity: db.prepare(`
      UPDATE threads SET unread_count = unread_count + ?, last_activity_at = nullif(max(coalesce(last_activity_at, 0), ?), 0) WHERE local_id = ?`),
    moveReadMarker: db.prepare(`
      UPDATE threads SET read_marker_sequence_id = ?, unread_count = max(0, unread_count - (
        SELECT count(*) FROM messages
        WHERE thread_local_id = ? AND sequence_id > ? AND sequence_id <= ? AND ${COUNTS_AS_UNREAD_SQL}))
      WHERE local_id = ?`),
    unreadTotal: db.prepare('SELECT coalesce(sum(unread_count), 0) FROM threads WHERE account_id = ? AND muted = 0 AND deleted_on IS NULL').pluck(),

    clearParticipants: db.prepare('DELETE FROM participants WHERE thread_local_id = ?'),
    upsertParticipant: db.prepare(`
      INSERT INTO participants (thread_local_id, user_id, kind, display_name, share_history_time, metadata) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (thread_local_id, user_id) DO UPDATE SET
        kind = excluded.kind,
        display_name = coalesce(excluded.display_name, display_name),
        share_history_time = coalesce(excluded.share_history_time, share_history_time),
        metadata = coalesce(excluded.metadata, metadata)`),
    removeParticipant: db.prepare('DELETE FROM participants WHERE thread_local_id = ? AND user_id = ?'),
    listParticipants: db.prepare(`
      SELECT user_id, kind, display_name, share_history_time, metadata FROM participants WHERE thread_local_id = ?
      ORDER BY display_name IS NULL, display_name COLLATE NOCASE, user_id`),

    // One row per (person, conversation), most recent conversation first: the directory is grouped from it.
    peopleRows: db.prepare(`
      SELECT p.user_id, p.display_name, t.id AS thread_id, t.topic
      FROM threads t JOIN participants p ON p.thread_local_id = t.local_id
      WHERE t.account_id = ? AND t.deleted_on IS NULL AND p.user_id <> ?
      ORDER BY coalesce(t.last_activity_at, t.created_on, 0) DESC, t.id`),

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
    removeAccountCursors: db.prepare('DELETE FROM sync_cursors WHERE account_id = ?'),
  };

  // The preview is the newest user message (system messages are not worth a line in the list).
  const ACTIVITY_SQL = 'coalesce(t.last_activity_at, t.created_on, 0)';
  const threadSummarySql = (filter: string) => `
    SELECT t.account_id, t.id, t.topic, t.created_on, t.created_by, t.deleted_on, t.metadata, t.retention_policy, t.last_activity_at, t.muted, t.unread_count,
      (SELECT count(*) FROM messages WHERE thread_local_id = t.local_id AND mentions_me = 1 AND sequence_id > t.read_marker_sequence_id) AS unread_mentions,
      last.type AS last_type, last.content AS last_content, last.sender_id AS last_sender_id, last.sender_name AS last_sender_name, last.deleted_on AS last_deleted_on
    FROM threads t
    LEFT JOIN messages last ON last.local_id = (
      SELECT local_id FROM messages WHERE thread_local_id = t.local_id AND type IN ('text', 'html') ORDER BY sequence_id DESC LIMIT 1)
    WHERE ${filter}
    ORDER BY ${ACTIVITY_SQL} DESC, t.id`;
  const listThreadSummaries = db.prepare(threadSummarySql('t.account_id = ?'));
  // Walks `threads_by_activity` from the cursor on; the summary columns are computed for the page only.
  const threadSummaryPage = db.prepare(`${threadSummarySql(`t.account_id = ? AND t.deleted_on IS NULL AND (${ACTIVITY_SQL} < ? OR (${ACTIVITY_SQL} = ? AND t.id > ?))`)} LIMIT ?`);
  const getThreadSummary = db.prepare(threadSummarySql('t.account_id = ? AND t.id = ?'));

  const threadState = (accountId: string, threadId: string) => statements.threadState.get(accountId, threadId) as ThreadState | undefined;

  const ensureThread = (accountId: string, threadId: string): ThreadState => {
    const existing = threadState(accountId, threadId);
    if (existing !== undefined) return existing;
    const { lastInsertRowid } = statements.insertBareThread.run(accountId, threadId);
    return { local_id: Number(lastInsertRowid), read_marker_sequence_id: 0 };
  };

  const threadScopedWrite = <A extends unknown[]>(write: (thread: ThreadState, ...args: A) => void) =>
    db.transaction((accountId: string, threadId: string, ...args: A) => write(ensureThread(accountId, threadId), ...args));

  const upsertParticipantRows = (thread: ThreadState, participants: readonly ParticipantRecord[]) => {
    for (const participant of participants) {
      statements.upsertParticipant.run(
        thread.local_id,
        participant.userId,
        participant.kind,
        participant.displayName,
        participant.shareHistoryTime,
        participant.metadata === null ? null : JSON.stringify(participant.metadata),
      );
    }
  };

  const rows: ThreadRows = {
    threadState,
    ensureThread,
    noteActivity: (threadLocalId, unreadDelta, createdOn) => {
      statements.noteActivity.run(unreadDelta, createdOn, threadLocalId);
    },
    recountUnread: (accountId, ownUserId) => {
      statements.recountUnread.run(ownUserId, accountId);
    },
    threadIdsOf: (accountId) => statements.accountThreads.all(accountId) as string[],
    removeThreadRows: (accountId, threadId) => {
      const thread = threadState(accountId, threadId);
      if (thread !== undefined) {
        uses.unindexThread(thread.local_id);
        statements.deleteThread.run(thread.local_id);
      }
      statements.deleteCursor.run(accountId, cursorScopeName(threadId));
    },
    removeAccountCursors: (accountId) => {
      statements.removeAccountCursors.run(accountId);
    },
  };

  const store: ThreadStore = {
    upsertThreads: db.transaction((accountId: string, items: readonly ThreadRecord[]) => {
      for (const item of items) {
        statements.upsertThread.run(
          accountId,
          item.id,
          item.topic,
          item.createdOn ?? null,
          item.createdBy ?? null,
          item.deletedOn ?? null,
          item.lastMessageAt ?? null,
          jsonOrNull(item.metadata),
          jsonOrNull(item.retentionPolicy),
        );
      }
    }),
    markThreadDeleted: (accountId, threadId, deletedOn) => {
      statements.markThreadDeleted.run(deletedOn, accountId, threadId);
    },
    listThreads: (accountId) => (listThreadSummaries.all(accountId) as ThreadSummaryRow[]).map(toThreadSummary),
    listThreadPage: (accountId, { limit, after }) => {
      const activity = after?.activityAt ?? Number.MAX_SAFE_INTEGER;
      const rows = threadSummaryPage.all(accountId, activity, activity, after?.id ?? '', limit + 1) as ThreadSummaryRow[];
      const threads = rows.slice(0, limit).map(toThreadSummary);
      const last = threads.at(-1);
      return { threads, next: rows.length > limit && last ? { activityAt: last.lastActivityAt ?? last.createdOn ?? 0, id: last.id } : null };
    },
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
      const ownUserId = uses.ownUserIdOf(accountId) ?? '';
      statements.moveReadMarker.run(sequenceId, thread.local_id, thread.read_marker_sequence_id, sequenceId, ownUserId, thread.local_id);
      return true;
    }),
    getReadMarker: (accountId, threadId) => threadState(accountId, threadId)?.read_marker_sequence_id ?? 0,
    unreadTotal: (accountId) => statements.unreadTotal.get(accountId) as number,

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
        kind: IdentifierKind;
        display_name: string | null;
        share_history_time: number | null;
        metadata: string | null;
      }>;
      return rows.map((row) => ({
        accountId,
        threadId,
        userId: row.user_id,
        kind: row.kind,
        displayName: row.display_name,
        shareHistoryTime: row.share_history_time,
        metadata: parseJson<Record<string, string>>(row.metadata),
      }));
    },

    peopleDirectory: (accountId, query, { limit }) => {
      const rows = statements.peopleRows.all(accountId, uses.ownUserIdOf(accountId) ?? '') as Array<{
        user_id: string;
        display_name: string | null;
        thread_id: string;
        topic: string;
      }>;
      // Rows arrive most recent conversation first, so a person's first row holds their latest name
      // and insertion order is recency: the sort below keeps it among equals.
      const people = new Map<string, Person>();
      for (const row of rows) {
        const person = people.get(row.user_id) ?? { userId: row.user_id, displayName: null, sharedThreadCount: 0, sharedThreads: [] };
        person.displayName ??= row.display_name || null;
        person.sharedThreadCount += 1;
        if (person.sharedThreads.length < LIMITS.sharedThreadsListed) person.sharedThreads.push({ id: row.thread_id, topic: row.topic });
        people.set(row.user_id, person);
      }
      const terms = foldForMatching(query).split(/\s+/).filter(Boolean);
      const matches = (person: Person) => {
        const haystack = foldForMatching(`${person.displayName ?? ''}\n${person.userId}`);
        return terms.every((term) => haystack.includes(term));
      };
      return [...people.values()]
        .filter(matches)
        .sort((a, b) => b.sharedThreadCount - a.sharedThreadCount)
        .slice(0, limit);
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
  };
  return { store, rows };
}
