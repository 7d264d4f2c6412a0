/**
 * Full-text search over the big profile (1,000,000 cached messages): one search as the api answers it
 * (messages ranked, conversations by topic, people by name) p50 / p95, English and Korean queries
 * apart, against a `LIKE '%term%'` scan of the same messages (every term ANDed, newest 50 first), the
 * way a cache without an index would answer.
 *
 *   node bench/search.ts [--quick]
 */
import { SEARCH_LIMITS } from '../src-preload/contract.ts';
import { createCacheStore } from '../src-main/store/cache-store.ts';
import { openCacheDatabase } from '../src-main/store/db.ts';
import { count, figure, ms, note, percentile, runScript, size } from './lib/common.ts';
import { ensureProfile } from './lib/profile.ts';

const ENGLISH = [
  'deploy',
  'deployment',
  'ploym',
  'meeting tomorrow',
  'kubernetes cluster',
  'invoice',
  '"rollback hotfix"',
  'the',
  'go',
  'certificate login',
  'latency dashboard',
  'xyzzy',
  'plan b',
  'room 4',
  'deploy 7',
];
const KOREAN = ['회의', '내일', '보고서', '데이터베이스', '배포 일정', '인증서', '마감', '점심 커피', '서버 장애', '없는단어', '3시 회의', '5분'];

runScript('search', async () => {
  const profile = ensureProfile();
  const db = openCacheDatabase(profile.path);
  const store = createCacheStore(db);
  // What the api's `search` does for one query.
  const search = (query: string) => ({
    conversations: store.searchConversations(profile.accountId, query, SEARCH_LIMITS.conversations),
    people: store.searchPeople(profile.accountId, query, SEARCH_LIMITS.people),
    messages: store.search(profile.accountId, query),
  });
  const rounds = size(10, 5);
  // The scan costs seconds per query at 1M messages: a few queries, once each (a hit-rich one, a
  // two-word one, one with no hit, which reads every row).
  const likeRounds = 0;
  const likeQueries = { English: ['deploy', 'meeting tomorrow', 'xyzzy'], Korean: ['회의', '배포 일정', '없는단어'] };
  const total = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;

  const like = db.prepare(`SELECT m.local_id FROM messages m JOIN threads t ON t.local_id = m.thread_local_id
    WHERE t.account_id = ? AND m.deleted_on IS NULL AND m.content LIKE ? AND m.content LIKE ? AND m.content LIKE ?
    ORDER BY m.local_id DESC LIMIT 50`);
  const likeSearch = (query: string) => {
    const terms = query.replace(/"/g, '').split(/\s+/).filter(Boolean);
    const patterns = [0, 1, 2].map((index) => `%${terms[index] ?? ''}%`);
    return like.all(profile.accountId, ...patterns);
  };

  const measure = (queries: readonly string[], runs: number, run: (query: string) => unknown) => {
    const timings: number[] = [];
    const first: number[] = [];
    for (let round = 0; round <= runs; round += 1) {
      for (const query of queries) {
        const started = performance.now();
        run(query);
        (round === 0 ? first : timings).push(performance.now() - started);
      }
    }
    const all = timings.length > 0 ? timings : first;
    return { p50: percentile(all, 0.5), p95: percentile(all, 0.95), firstMax: Math.max(...first) };
  };

  const hits = new Map([...ENGLISH, ...KOREAN].map((query) => [query, search(query).messages.length]));
  for (const [label, queries] of [
    ['English', ENGLISH],
    ['Korean', KOREAN],
  ] as const) {
    const indexed = measure(queries, rounds, search);
    const scanned = measure(likeQueries[label], likeRounds, likeSearch);
    // CPU time beside wall time: on a shared machine a search waits for a core, and only the wall time shows it.
    const perQuery = queries.map((query) => {
      const cpuBefore = process.cpuUsage();
      const runs = Array.from({ length: 5 }, () => {
        const started = performance.now();
        search(query);
        return performance.now() - started;
      });
      const cpu = process.cpuUsage(cpuBefore);
      return `${query} ${percentile(runs, 0.5).toFixed(1)} (CPU ${((cpu.user + cpu.system) / 1000 / runs.length).toFixed(1)})`;
    });
    figure({
      name: `search p95 (ranked, 3 sections), ${label}, ${count(total)} messages`,
      measured: `p95 ${ms(indexed.p95)}, p50 ${ms(indexed.p50)}`,
      target: 'p95 < 20 ms',
      baseline: `LIKE scan p50 ${ms(scanned.p50, 0)}, max ${ms(scanned.p95, 0)} (${likeQueries[label].join(', ')})`,
      pass: indexed.p95 < 20,
    });
    note(`${label} queries (hits): ${queries.map((query) => `${query} (${hits.get(query)})`).join(' · ')}; slowest first (cold) run ${ms(indexed.firstMax)}`);
    note(`${label} p50 per query, wall (CPU mean) in ms: ${perQuery.join(' · ')}`);
  }
  store.close();
});
