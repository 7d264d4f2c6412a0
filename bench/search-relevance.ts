/**
 * Search relevance over the labelled set (`bench/data/search-relevance.json`): MRR@10 and recall@10
 * of `store.search`, and every query's rank, against the same hits ordered newest first (what search
 * did before it ranked). The figures depend on the code only, not on the machine.
 *
 *   node bench/search-relevance.ts
 */
import { createCacheStore } from '../src-main/store/cache-store.ts';
import { openCacheDatabase } from '../src-main/store/db.ts';
import { loadLabelledSet, measureRelevance, RELEVANCE_CUTOFF, seedLabelledCorpus } from './lib/search-relevance.ts';
import { figure, note, runScript } from './lib/common.ts';

const ACCOUNT = { id: 'acct-labelled', kind: 'token' as const, displayName: 'Labeller', endpoint: 'https://localhost:9/', userId: '8:acs:bench-me', createdAt: 0 };

runScript('search-relevance', async () => {
  const set = loadLabelledSet();
  const store = createCacheStore(openCacheDatabase(':memory:'));
  store.upsertAccount(ACCOUNT);
  const keyOf = seedLabelledCorpus(store, ACCOUNT.id, 'thread-labelled', set.corpus);
  const hitsOf = (query: string) => store.search(ACCOUNT.id, query, { limit: 200 });
  const ranked = measureRelevance(set.queries, (query) => hitsOf(query).map((hit) => keyOf.get(hit.messageId)!));
  const newestFirst = measureRelevance(set.queries, (query) =>
    hitsOf(query)
      .sort((a, b) => b.createdOn - a.createdOn)
      .map((hit) => keyOf.get(hit.messageId)!),
  );
  const about = `${set.queries.length} labelled queries, ${set.corpus.length} messages`;
  figure({
    name: `search MRR@${RELEVANCE_CUTOFF}, ${about}`,
    measured: ranked.mrr.toFixed(3),
    target: '≥ 0.95',
    baseline: `same hits newest first ${newestFirst.mrr.toFixed(3)}`,
    pass: ranked.mrr >= 0.95,
  });
  figure({
    name: `search recall@${RELEVANCE_CUTOFF}, ${about}`,
    measured: ranked.recall.toFixed(3),
    target: '= 1.0',
    baseline: `same hits newest first ${newestFirst.recall.toFixed(3)}`,
    pass: ranked.recall === 1,
  });
  const rankText = (rank: number | null) => (rank === null ? `>${RELEVANCE_CUTOFF}` : String(rank));
  note('rank of the first relevant message per query (newest first in brackets):');
  ranked.outcomes.forEach((outcome, index) => {
    const before = newestFirst.outcomes[index]!;
    const recall = outcome.recall < 1 ? `, recall ${outcome.recall.toFixed(2)}` : '';
    note(`  ${rankText(outcome.rank)} (${rankText(before.rank)})  ${outcome.query.query}  [${outcome.query.kind}]${recall}`);
  });
  store.close();
});
