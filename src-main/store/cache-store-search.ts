import type { ConversationSearchHit, MessageAttachment, PersonSearchHit, SearchHit } from '../../src-preload/contract.ts';
import type { CacheDatabase } from './db.ts';
import { clamp, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, parseJson, RANGE_BOUNDS, type MessageRecord, type MessageRow } from './cache-store-records.ts';
import { buildSnippet } from './search-snippet.ts';
import {
  ftsMatchExpression,
  ftsPhraseExpression,
  isSearchable,
  locateTerms,
  normalizeSearchText,
  parseSearchQuery,
  queryPhrase,
  searchableText,
  searchDocument,
  type TermMatch,
} from './search-text.ts';

export interface SearchStore {
  /**
   * Messages of the account holding every term of `query` (see search-text.ts), best first among
   * the newest matches. Any input is safe; a query with nothing searchable answers [].
   */
  search(accountId: string, query: string, options?: { limit?: number }): SearchHit[];
  /** The account's conversations (not deleted) whose topic holds every term, best first, then the most recently active. */
  searchConversations(accountId: string, query: string, limit: number): ConversationSearchHit[];
  /** People of the account's conversations, the account's own user aside, whose display name holds every term; best first. */
  searchPeople(accountId: string, query: string, limit: number): PersonSearchHit[];
}

/** The search index (`message_search`, row id = `messages.local_id`) as the message writes keep it. */
export interface SearchIndex {
  /** The index entry of a message, or null when it has none. */
  entryOf(localId: number, record: MessageRecord): SearchEntry | null;
  /**
   * FTS5 flushes its pending terms to a new segment whenever a row id is not above the previous
   * one; pages arrive newest first, so entries are added in ascending row id order (measured:
   * 6x faster ingest than inserting in arrival order).
   */
  add(entries: SearchEntry[]): void;
  remove(localId: number): void;
  removeThread(threadLocalId: number): void;
}

export type SearchEntry = [localId: number, document: string];

interface SearchRow extends MessageRow {
  thread_id: string;
  thread_topic: string;
}

interface TopicRow {
  id: string;
  topic: string;
  last_activity_at: number | null;
}

/** A person with the thread of theirs most recently active (SQLite takes the bare columns from the row of `max`). */
interface PersonRow {
  user_id: string;
  display_name: string;
  thread_id: string;
  thread_topic: string;
  last_activity_at: number;
}

interface Candidate extends TermMatch {
  row: SearchRow;
  text: string;
}

/**
 * How many index hits one search reads at most (all terms; then, further back, the phrase's when the
 * first pass did not read every hit), in windows of how many, and how many it ranks.
 */
const SEARCH_WINDOW = 200;
const SEARCH_MIN_WINDOW = 20;
const SEARCH_MAX_SCANNED = 1_000;
const SEARCH_PHRASE_SCANNED = 200;
const SEARCH_POOL = 100;

/** What the index holds for a message, and what a hit is confirmed against: its text, then its file names ("Q3 plan.pdf" by "plan"). */
function indexedText(type: string, content: string, attachments: readonly Pick<MessageAttachment, 'name'>[]): string {
  return [searchableText(type, content), ...attachments.map((attachment) => attachment.name)].join(' ').trim();
}

export function createSearchStore(db: CacheDatabase): { store: SearchStore; index: SearchIndex } {
  const statements = {
    indexMessage: db.prepare('INSERT INTO message_search (rowid, text) VALUES (?, ?)'),
    unindexMessage: db.prepare('DELETE FROM message_search WHERE rowid = ?'),
    threadMessageIds: db.prepare('SELECT local_id FROM messages WHERE thread_local_id = ?').pluck(),
    // Topics and names are few (a thread or a person per row, not a message): they are checked in full.
    topics: db.prepare("SELECT id, topic, last_activity_at FROM threads WHERE account_id = ? AND deleted_on IS NULL AND topic <> ''"),
    people: db.prepare(`
      SELECT p.user_id, p.display_name, t.id AS thread_id, t.topic AS thread_topic, max(coalesce(t.last_activity_at, t.created_on, 0)) AS last_activity_at
      FROM participants p JOIN threads t ON t.local_id = p.thread_local_id
      WHERE t.account_id = ? AND t.deleted_on IS NULL AND p.display_name IS NOT NULL AND p.display_name <> ''
        AND p.user_id <> coalesce((SELECT user_id FROM accounts WHERE id = t.account_id), '')
      GROUP BY p.user_id`),
    search: db.prepare(`
      SELECT m.local_id, m.id, m.sequence_id, m.version, m.type, m.sender_id, m.sender_name, m.content, m.topic, m.participants,
        m.initiator_id, m.metadata, m.created_on, m.edited_on, m.deleted_on, m.attachments, t.id AS thread_id, t.topic AS thread_topic
      FROM message_search s
      JOIN messages m ON m.local_id = s.rowid
      JOIN threads t ON t.local_id = m.thread_local_id
      WHERE message_search MATCH ? AND s.rowid < ? AND t.account_id = ?
      ORDER BY s.rowid DESC LIMIT ?`),
  };

  /**
   * Reads the index hits of `match` below row id `below`, newest first in windows, keeping those
   * `located` confirms, until `poolSize` are kept or `budget` rows are read. Answers the row id the
   * reading stopped at, or null when it read every hit.
   *
   * Each hit read is a message row fetched from wherever it lies in the cache (at 1M messages, often
   * a page not in memory), so a window asks for about as many hits as are still missing, scaled by the
   * share the windows before confirmed: a query whose hits the index matches exactly reads its pool
   * and stops, one whose index hits are mostly ruled out reads further in larger windows.
   */
  const collect = (
    accountId: string,
    match: string,
    located: (row: SearchRow, text: string) => Candidate | null,
    pool: Map<number, Candidate>,
    { below: start, budget, poolSize }: { below: number; budget: number; poolSize: number },
  ): number | null => {
    let below = start;
    let kept = 0;
    let scanned = 0;
    let window = Math.min(SEARCH_WINDOW, poolSize);
    while (scanned < budget && kept < poolSize) {
      const rows = statements.search.all(match, below, accountId, window) as SearchRow[];
      scanned += rows.length;
      for (const row of rows) {
        if (row.deleted_on !== null || pool.has(row.local_id)) continue;
        const candidate = located(row, indexedText(row.type, row.content, parseJson<MessageAttachment[]>(row.attachments) ?? []));
        if (candidate === null) continue;
        pool.set(row.local_id, candidate);
        kept += 1;
      }
      if (rows.length < window) return null;
      below = rows.at(-1)!.local_id;
      const confirmed = Math.max(kept, 1) / scanned;
      window = Math.min(SEARCH_WINDOW, budget - scanned, Math.max(SEARCH_MIN_WINDOW, Math.ceil(((poolSize - kept) / confirmed) * 1.2)));
    }
    return below;
  };

  const search = db.transaction((accountId: string, query: string, limit: number): SearchHit[] => {
    const terms = parseSearchQuery(query);
    const allTerms = ftsMatchExpression(terms);
    if (allTerms === null) return [];
    const phrase = queryPhrase(terms);
    const located = (row: SearchRow, text: string): Candidate | null => {
      const match = locateTerms(text, terms, phrase);
      return match === null ? null : { row, text, ...match };
    };
    const pool = new Map<number, Candidate>();
    const poolSize = Math.max(SEARCH_POOL, limit);
    const stoppedAt = collect(accountId, allTerms, located, pool, { below: RANGE_BOUNDS.highest, budget: SEARCH_MAX_SCANNED, poolSize });
    // The first pass stopped among the newest matches without meeting the phrase: it is looked for
    // further back (below what the first pass read, which it verified in full). The index cannot tell
    // adjacent words from words apart (no positions), so this costs a window of reading: it is done
    // only when the newest matches hold the phrase nowhere.
    const phraseMatch = ftsPhraseExpression(terms);
    if (stoppedAt !== null && phraseMatch !== null && ![...pool.values()].some((candidate) => candidate.phrase > 0)) {
      const onlyPhrase = (row: SearchRow, text: string) => {
        const candidate = located(row, text);
        return candidate !== null && candidate.phrase > 0 ? candidate : null;
      };
      collect(accountId, phraseMatch, onlyPhrase, pool, { below: stoppedAt, budget: SEARCH_PHRASE_SCANNED, poolSize: limit });
    }
    const ranked = [...pool.values()].sort((a, b) => b.phrase - a.phrase || b.score - a.score || b.row.created_on - a.row.created_on);
    return ranked.slice(0, limit).map(({ row, text, ranges }) => ({
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

  /** The rows whose `textOf` holds every term of `query`, best first (phrase, term score, then `recency`), with the matches. */
  const rankNamed = <R>(query: string, rows: readonly R[], textOf: (row: R) => string, recency: (row: R) => number, limit: number) => {
    const terms = parseSearchQuery(query);
    if (terms.length === 0) return [];
    const phrase = queryPhrase(terms);
    const found = rows.flatMap((row) => {
      const text = normalizeSearchText(textOf(row));
      const match = locateTerms(text, terms, phrase);
      return match === null ? [] : [{ row, parts: buildSnippet(text, match.ranges), match }];
    });
    found.sort((a, b) => b.match.phrase - a.match.phrase || b.match.score - a.match.score || recency(b.row) - recency(a.row));
    return found.slice(0, limit);
  };

  const index: SearchIndex = {
    entryOf: (localId, record) => {
      if (!isSearchable(record.type, record.deletedOn)) return null;
      const text = indexedText(record.type, record.content, record.attachments ?? []);
      return text === '' ? null : [localId, searchDocument(text)];
    },
    add: (entries) => {
      entries.sort((a, b) => a[0] - b[0]);
      for (const [localId, document] of entries) statements.indexMessage.run(localId, document);
    },
    remove: (localId) => {
      statements.unindexMessage.run(localId);
    },
    removeThread: (threadLocalId) => {
      for (const localId of statements.threadMessageIds.all(threadLocalId) as number[]) statements.unindexMessage.run(localId);
    },
  };
  const store: SearchStore = {
    search: (accountId, query, options = {}) => search(accountId, query, clamp(options.limit, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT)),
    searchConversations: (accountId, query, limit) => {
      const rows = statements.topics.all(accountId) as TopicRow[];
      return rankNamed(
        query,
        rows,
        (row) => row.topic,
        (row) => row.last_activity_at ?? 0,
        limit,
      ).map(({ row, parts }) => ({
        accountId,
        threadId: row.id,
        topic: row.topic,
        topicParts: parts,
        lastActivityAt: row.last_activity_at,
      }));
    },
    searchPeople: (accountId, query, limit) => {
      const rows = statements.people.all(accountId) as PersonRow[];
      return rankNamed(
        query,
        rows,
        (row) => row.display_name,
        (row) => row.last_activity_at,
        limit,
      ).map(({ row, parts }) => ({
        accountId,
        userId: row.user_id,
        displayName: row.display_name,
        nameParts: parts,
        threadId: row.thread_id,
        threadTopic: row.thread_topic,
      }));
    },
  };
  return { store, index };
}
