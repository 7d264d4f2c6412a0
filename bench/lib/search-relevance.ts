import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheStore } from '../../src-main/store/cache-store.ts';
import { userMessageRecord } from '../../src-main/test-support/message-records.ts';

/**
 * The labelled search set (`bench/data/search-relevance.json`): a small corpus, queries and the
 * messages each query is looking for, and the measures taken over it (MRR@10, recall@10). Shared by
 * the relevance unit test and the search benchmark, so both judge the same thing.
 */

export interface LabelledQuery {
  query: string;
  kind: string;
  /** Keys of the messages this query is looking for. */
  relevant: string[];
}

interface LabelledSetFile {
  messages: Array<[key: string, text: string]>;
  families: Array<{ prefix: string; template: string; from: number; to: number }>;
  queries: LabelledQuery[];
}

export interface LabelledSet {
  /** Oldest first. */
  corpus: Array<{ key: string; text: string }>;
  queries: LabelledQuery[];
}

export const RELEVANCE_CUTOFF = 10;
const SET_PATH = join(import.meta.dirname, '..', 'data', 'search-relevance.json');
const START = Date.UTC(2026, 0, 5, 9);

export function loadLabelledSet(): LabelledSet {
  const file = JSON.parse(readFileSync(SET_PATH, 'utf8')) as LabelledSetFile;
  const families = file.families.flatMap(({ prefix, template, from, to }) =>
    Array.from({ length: to - from + 1 }, (_, index) => ({ key: `${prefix}-${from + index}`, text: template.replace('{n}', String(from + index)) })),
  );
  return { corpus: [...families, ...file.messages.map(([key, text]) => ({ key, text }))], queries: file.queries };
}

/** Writes the corpus into one thread, a minute apart; answers message id → key. */
export function seedLabelledCorpus(store: CacheStore, accountId: string, threadId: string, corpus: LabelledSet['corpus']): Map<string, string> {
  const records = corpus.map(({ text }, index) =>
    userMessageRecord({ sequenceId: index + 1, createdOn: START + index * 60_000, senderId: '8:acs:labeller', senderDisplayName: 'Labeller', content: text }),
  );
  store.upsertMessages(accountId, threadId, records);
  return new Map(records.map((record, index) => [record.id, corpus[index]!.key]));
}

export interface QueryOutcome {
  query: LabelledQuery;
  /** 1-based rank of the first relevant message, null when none is in the first RELEVANCE_CUTOFF. */
  rank: number | null;
  /** Share of the relevant messages in the first RELEVANCE_CUTOFF. */
  recall: number;
}

export interface RelevanceFigures {
  outcomes: QueryOutcome[];
  /** Mean reciprocal rank at the cutoff. */
  mrr: number;
  /** Mean recall at the cutoff. */
  recall: number;
}

/** Scores a ranking: `ranked` answers the keys of the results of a query, best first. */
export function measureRelevance(queries: readonly LabelledQuery[], ranked: (query: string) => string[]): RelevanceFigures {
  const outcomes = queries.map((query) => {
    const top = ranked(query.query).slice(0, RELEVANCE_CUTOFF);
    const index = top.findIndex((key) => query.relevant.includes(key));
    return { query, rank: index < 0 ? null : index + 1, recall: query.relevant.filter((key) => top.includes(key)).length / query.relevant.length };
  });
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    outcomes,
    mrr: mean(outcomes.map((outcome) => (outcome.rank === null ? 0 : 1 / outcome.rank))),
    recall: mean(outcomes.map((outcome) => outcome.recall)),
  };
}
