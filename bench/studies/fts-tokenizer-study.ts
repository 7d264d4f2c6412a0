/**
 * Which FTS5 tokenizer (and query translation) should Parley's search use?
 *
 *   node bench/studies/fts-tokenizer-study.ts [messageCount=200000]
 *
 * Prints, per candidate: recall and precision on a small labelled set (English and Korean words,
 * prefixes, fragments, CJK, punctuation), errors on hostile input, then index size, build speed
 * and query latency over `messageCount` synthetic messages. README.md records a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { htmlToText } from '../../src-main/text/html-to-text.ts';
import { ftsMatchExpression, locateTerms, normalizeSearchText, parseSearchQuery, searchDocument } from '../../src-main/store/search-text.ts';
import { seededRandom, syntheticText } from '../lib/synthetic-corpus.ts';

type Db = Database.Database;

interface Candidate {
  name: string;
  /** The FTS5 options after the column list. */
  options: string;
  document(plain: string): string;
  /** Row ids of matching documents, newest (highest row id) first. */
  search(db: Db, query: string, limit: number): number[];
}

const CJK_RUN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function words(query: string): string[] {
  return normalizeSearchText(query)
    .split(' ')
    .filter((word) => word !== '');
}

function matchRowids(db: Db, expression: string | null, limit: number): number[] {
  if (expression === null) return [];
  return db.prepare('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck().all(expression, limit) as number[];
}

/** Over-fetches, then keeps the rows whose text really holds every term (as the store does). */
function verifiedRowids(db: Db, query: string, limit: number, expression: (terms: ReturnType<typeof parseSearchQuery>) => string | null): number[] {
  const terms = parseSearchQuery(query);
  const match = expression(terms);
  if (match === null) return [];
  const rows = db
    .prepare('SELECT docs.rowid AS rowid, docs.body AS body FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ? ORDER BY fts.rowid DESC LIMIT ?')
    .all(match, limit * 2) as Array<{ rowid: number; body: string }>;
  return rows
    .filter((row) => locateTerms(row.body, terms) !== null)
    .slice(0, limit)
    .map((row) => row.rowid);
}

function bigramSplit(text: string): string {
  return text.replace(CJK_RUN, (run) => {
    const chars = Array.from(run);
    return chars.length < 2
      ? run
      : chars
          .slice(0, -1)
          .map((char, index) => char + chars[index + 1])
          .join(' ');
  });
}

const CANDIDATES: Candidate[] = [
  {
    name: 'trigram',
    options: "tokenize='trigram'",
    document: (plain) => plain,
    search: (db, query, limit) => {
      const long = words(query).filter((word) => Array.from(word).length >= 3);
      return matchRowids(db, long.length === 0 ? null : long.map(quoted).join(' AND '), limit);
    },
  },
  {
    name: 'unicode61 + prefix',
    options: "tokenize='unicode61 remove_diacritics 2'",
    document: (plain) => plain,
    search: (db, query, limit) => {
      const terms = words(query).filter((word) => /[\p{L}\p{N}]/u.test(word));
      return matchRowids(db, terms.length === 0 ? null : terms.map((word) => `${quoted(word)}*`).join(' AND '), limit);
    },
  },
  {
    name: 'unicode61 + CJK bigrams + prefix',
    options: "tokenize='unicode61 remove_diacritics 2'",
    document: bigramSplit,
    search: (db, query, limit) => {
      const terms = words(query).filter((word) => /[\p{L}\p{N}]/u.test(word));
      return matchRowids(db, terms.length === 0 ? null : terms.map((word) => `${quoted(bigramSplit(word))}*`).join(' AND '), limit);
    },
  },
  {
    name: 'trigram + LIKE scan for < 3 chars',
    options: "tokenize='trigram'",
    document: (plain) => plain,
    search: (db, query, limit) => {
      const all = words(query);
      const long = all.filter((word) => Array.from(word).length >= 3);
      const short = all.filter((word) => Array.from(word).length < 3);
      if (short.length === 0) return matchRowids(db, long.length === 0 ? null : long.map(quoted).join(' AND '), limit);
      const likes = short.map(() => "body LIKE ? ESCAPE '\\'").join(' AND ');
      const patterns = short.map((word) => `%${word.replace(/[%_\\]/g, '\\$&')}%`);
      const sql =
        long.length === 0
          ? `SELECT rowid FROM docs WHERE ${likes} ORDER BY rowid DESC LIMIT ?`
          : `SELECT rowid FROM docs WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?) AND ${likes} ORDER BY rowid DESC LIMIT ?`;
      const params = long.length === 0 ? [...patterns, limit] : [long.map(quoted).join(' AND '), ...patterns, limit];
      return db
        .prepare(sql)
        .pluck()
        .all(...params) as number[];
    },
  },
  {
    name: 'trigram + short keys',
    options: "tokenize='trigram'",
    document: searchDocument,
    search: (db, query, limit) => verifiedRowids(db, query, limit, (terms) => (terms.length === 0 ? null : terms.flatMap((term) => term.indexed.map(quoted)).join(' AND '))),
  },
  {
    name: 'trigram + short keys, detail=none (chosen)',
    options: "tokenize='trigram', detail=none",
    document: searchDocument,
    search: (db, query, limit) => verifiedRowids(db, query, limit, ftsMatchExpression),
  },
];

// ---------------------------------------------------------------------------------------------
// The labelled set: every query with the ids of the messages a user expects to find.

const LABELLED_MESSAGES: Array<[number, string]> = [
  [1, 'The deployment failed at 3am, rolling back now'],
  [2, 'Can you deploy the hotfix today?'],
  [3, 'Redeploying after the fix'],
  [4, '<p>Our <b>employment</b> contract is ready</p>'],
  [5, '내일 회의는 오전 10시입니다'],
  [6, '회의록을 공유해 주세요'],
  [7, '오늘 점심 회의 취소'],
  [8, '내일까지 보고서를 제출해 주세요'],
  [9, '배포가 끝났습니다 deploy 완료'],
  [10, 'the meeting is tomorrow'],
  [11, "<script>alert('회의')</script>no meeting"],
  [12, "Let's discuss the budget"],
  [13, '주간회의 일정 공유드립니다'],
  [14, 'C++ and node.js build'],
  [15, 'Ok, go ahead'],
  [16, 'Going home'],
  [17, '東京で会議があります'],
  [18, '明天开会'],
  [19, 'ALL HANDS at noon'],
  [20, 'on-call handover notes'],
];

const LABELLED_QUERIES: Array<{ query: string; kind: string; expected: number[] }> = [
  { query: 'deploy', kind: 'English word', expected: [1, 2, 3, 9] },
  { query: 'meeting', kind: 'English word', expected: [10, 11] },
  { query: 'budget', kind: 'English word', expected: [12] },
  { query: 'hands', kind: 'English word', expected: [19] },
  { query: 'deploym', kind: 'English prefix', expected: [1] },
  { query: 'tomor', kind: 'English prefix', expected: [10] },
  { query: 'go', kind: 'English prefix', expected: [15, 16] },
  { query: 'ok', kind: 'English prefix', expected: [15] },
  { query: 'ploym', kind: 'fragment', expected: [1, 4] },
  { query: 'andov', kind: 'fragment', expected: [20] },
  { query: '회의', kind: 'Korean 2-syllable', expected: [5, 6, 7, 13] },
  { query: '내일', kind: 'Korean 2-syllable', expected: [5, 8] },
  { query: '배포', kind: 'Korean 2-syllable', expected: [9] },
  { query: '회의록', kind: 'Korean 3+ syllables', expected: [6] },
  { query: '보고서', kind: 'Korean 3+ syllables', expected: [8] },
  { query: '점심 회의', kind: 'Korean two words', expected: [7] },
  { query: '会議', kind: 'Japanese / Chinese', expected: [17] },
  { query: '开会', kind: 'Japanese / Chinese', expected: [18] },
  { query: 'node.js', kind: 'punctuation', expected: [14] },
  { query: 'on-call', kind: 'punctuation', expected: [20] },
  { query: 'alert', kind: 'script text must not match', expected: [] },
];

const HOSTILE_QUERIES = ['"', '(', ')', '*', 'AND', 'OR NOT', 'NEAR(a b, 2)', 'deploy"', '"unterminated', '^start', 'col:term', '🎉', '-', "'; DROP TABLE fts; --", '{a b}: c', ''];

function createIndex(path: string, candidate: Candidate): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE docs (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL);
    CREATE VIRTUAL TABLE fts USING fts5(body, content='', contentless_delete=1, ${candidate.options});`);
  return db;
}

function indexDocuments(db: Db, candidate: Candidate, documents: Iterable<[number, string]>): void {
  const insertDoc = db.prepare('INSERT INTO docs (rowid, body) VALUES (?, ?)');
  const insertFts = db.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)');
  db.transaction(() => {
    for (const [rowid, plain] of documents) {
      insertDoc.run(rowid, plain);
      insertFts.run(rowid, candidate.document(plain));
    }
  })();
}

function plainOf(content: string): string {
  return normalizeSearchText(htmlToText(content));
}

interface RecallResult {
  recall: number;
  precision: number;
  byKind: Map<string, { found: number; expected: number }>;
  misses: string[];
  errors: number;
}

function measureRecall(directory: string, candidate: Candidate): RecallResult {
  const path = join(directory, 'labelled.db');
  const db = createIndex(path, candidate);
  indexDocuments(
    db,
    candidate,
    LABELLED_MESSAGES.map(([id, content]) => [id, plainOf(content)]),
  );
  let found = 0;
  let expectedTotal = 0;
  let returnedTotal = 0;
  let correctReturned = 0;
  const byKind = new Map<string, { found: number; expected: number }>();
  const misses: string[] = [];
  for (const { query, kind, expected } of LABELLED_QUERIES) {
    const returned = new Set(candidate.search(db, query, 100));
    const hits = expected.filter((id) => returned.has(id)).length;
    found += hits;
    expectedTotal += expected.length;
    returnedTotal += returned.size;
    correctReturned += [...returned].filter((id) => expected.includes(id)).length;
    const entry = byKind.get(kind) ?? { found: 0, expected: 0 };
    entry.found += hits;
    entry.expected += expected.length;
    byKind.set(kind, entry);
    if (hits < expected.length || returned.size > hits) misses.push(`${query}→[${[...returned].join(',')}]`);
  }
  let errors = 0;
  for (const query of HOSTILE_QUERIES) {
    try {
      candidate.search(db, query, 10);
    } catch {
      errors += 1;
    }
  }
  db.close();
  rmSync(path, { force: true });
  return { recall: found / expectedTotal, precision: returnedTotal === 0 ? 1 : correctReturned / returnedTotal, byKind, misses, errors };
}

const TIMED_QUERIES = [
  'deploy',
  'deployment',
  'ploym',
  'the',
  'meeting tomorrow',
  'kubernetes cluster',
  'xyzzy',
  'go',
  'er',
  '회의',
  '내일',
  '보고서',
  '데이터베이스',
  '배포 일정',
  '회의 마감',
];

interface ScaleResult {
  indexBytes: number;
  buildSeconds: number;
  p50: number;
  p95: number;
  worst: string;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function measureScale(directory: string, candidate: Candidate, plains: string[]): ScaleResult {
  const path = join(directory, `scale-${candidate.name.replace(/\W+/g, '-')}.db`);
  const db = createIndex(path, candidate);
  const started = performance.now();
  indexDocuments(
    db,
    candidate,
    plains.map((plain, index): [number, string] => [index + 1, plain]),
  );
  const buildSeconds = (performance.now() - started) / 1000;
  const indexBytes = db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'fts%'").pluck().get() as number;
  const timings: number[] = [];
  let worst = { query: '', ms: 0 };
  for (let round = 0; round < 5; round += 1) {
    for (const query of TIMED_QUERIES) {
      const queryStarted = performance.now();
      db.transaction(() => candidate.search(db, query, 200))();
      const ms = performance.now() - queryStarted;
      if (round > 0) timings.push(ms);
      if (ms > worst.ms) worst = { query, ms };
    }
  }
  timings.sort((a, b) => a - b);
  db.close();
  rmSync(path, { force: true });
  return { indexBytes, buildSeconds, p50: percentile(timings, 0.5), p95: percentile(timings, 0.95), worst: `${worst.query} ${worst.ms.toFixed(1)}ms` };
}

/** bm25 ranking reads every hit of every phrase; ordering by row id (time) stops after LIMIT rows. */
function measureRanking(directory: string, plains: string[]): Array<[string, number, number]> {
  const candidate = CANDIDATES.find((entry) => entry.name.endsWith('(chosen)'))!;
  const db = createIndex(join(directory, 'ranking.db'), candidate);
  indexDocuments(
    db,
    candidate,
    plains.map((plain, index): [number, string] => [index + 1, plain]),
  );
  const byRank = db.prepare('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 50').pluck();
  const byRowid = db.prepare('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 200').pluck();
  const rows: Array<[string, number, number]> = [];
  for (const query of ['the', 'deploy', '회의', 'kubernetes cluster']) {
    const expression = ftsMatchExpression(parseSearchQuery(query))!;
    const time = (run: () => unknown) => {
      run();
      const started = performance.now();
      for (let round = 0; round < 5; round += 1) run();
      return (performance.now() - started) / 5;
    };
    rows.push([query, time(() => byRank.all(expression)), time(() => byRowid.all(expression))]);
  }
  db.close();
  return rows;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function main(): void {
  const count = Number(process.argv[2] ?? 200_000);
  const directory = mkdtempSync(join(tmpdir(), 'parley-fts-study-'));
  try {
    const random = seededRandom(42);
    const plains = Array.from({ length: count }, () => plainOf(syntheticText(random).content));
    console.log(`FTS tokenizer study: ${LABELLED_QUERIES.length} labelled queries over ${LABELLED_MESSAGES.length} messages; scale: ${count} synthetic messages\n`);
    const kinds = [...new Set(LABELLED_QUERIES.map((entry) => entry.kind))].filter((kind) => !kind.includes('must not'));
    console.log(
      `${pad('candidate', 44)}${pad('recall', 8)}${pad('prec.', 7)}${pad('errors', 8)}${pad('index MB', 10)}${pad('build s', 9)}${pad('p50 ms', 8)}${pad('p95 ms', 8)}worst`,
    );
    const details: string[] = [];
    for (const candidate of CANDIDATES) {
      const recall = measureRecall(directory, candidate);
      const scale = measureScale(directory, candidate, plains);
      console.log(
        pad(candidate.name, 44) +
          pad(`${(recall.recall * 100).toFixed(0)}%`, 8) +
          pad(`${(recall.precision * 100).toFixed(0)}%`, 7) +
          pad(String(recall.errors), 8) +
          pad((scale.indexBytes / 1e6).toFixed(1), 10) +
          pad(scale.buildSeconds.toFixed(1), 9) +
          pad(scale.p50.toFixed(2), 8) +
          pad(scale.p95.toFixed(2), 8) +
          scale.worst,
      );
      const perKind = kinds.map((kind) => {
        const entry = recall.byKind.get(kind)!;
        return `${kind} ${entry.found}/${entry.expected}`;
      });
      details.push(`${candidate.name}:\n  ${perKind.join('; ')}\n  wrong or missed: ${recall.misses.join('  ') || 'none'}`);
    }
    console.log(`\nRecall by kind of query:\n${details.join('\n')}`);
    console.log('\nRanking cost on the chosen index (ms per query): bm25 over all hits vs newest 200 by row id');
    for (const [query, rank, rowid] of measureRanking(directory, plains)) {
      console.log(`  ${pad(query, 20)} ORDER BY rank LIMIT 50: ${rank.toFixed(2).padStart(8)}   ORDER BY rowid DESC LIMIT 200: ${rowid.toFixed(2).padStart(6)}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
