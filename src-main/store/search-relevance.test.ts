import { describe, expect, it } from 'vitest';
import { account, useStores } from '../test-support/store.ts';
import { loadLabelledSet, measureRelevance, seedLabelledCorpus } from '../../bench/lib/search-relevance.ts';

const A = 'acct-1';
const T = 'thread-labelled';

describe('search relevance on the labelled set', () => {
  const stores = useStores();
  const set = loadLabelledSet();

  const rankedKeys = () => {
    const store = stores.open();
    store.upsertAccount(account());
    const keyOf = seedLabelledCorpus(store, A, T, set.corpus);
    return (query: string) => store.search(A, query).map((hit) => keyOf.get(hit.messageId)!);
  };

  it('is a set worth measuring: 40+ queries of every kind asked for, English and Korean, labels naming real messages', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40);
    const keys = new Set(set.corpus.map((message) => message.key));
    expect(set.queries.flatMap((query) => query.relevant).filter((key) => !keys.has(key))).toEqual([]);
    const kinds = set.queries.map((query) => query.kind).join(' | ');
    for (const kind of ['exact phrase', 'number', 'one character', 'also apart', 'prefix', 'Korean, 2 syllables', 'Korean exact phrase']) expect(kinds).toContain(kind);
  });

  it('finds every labelled message in the first 10 and ranks the one asked for first (MRR@10 >= 0.95)', () => {
    const figures = measureRelevance(set.queries, rankedKeys());
    const missed = figures.outcomes
      .filter((outcome) => outcome.rank !== 1 || outcome.recall < 1)
      .map((outcome) => `${outcome.query.query}: rank ${outcome.rank}, recall ${outcome.recall}`);
    expect(figures.recall, missed.join('; ')).toBe(1);
    expect(figures.mrr, missed.join('; ')).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks "zebracorn 7" first among 149 "zebracorn …" messages, then the numbers starting with 7', () => {
    const hits = rankedKeys()('zebracorn 7');
    expect(hits[0]).toBe('zebracorn-7');
    expect(hits.slice(1).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `zebracorn-${70 + index}`).sort());
  });
});
