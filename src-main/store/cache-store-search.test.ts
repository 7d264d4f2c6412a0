import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_LIMIT, type CacheStore } from './cache-store.ts';
import { account, message, useStores } from '../test-support/store.ts';

const A = 'acct-1';
const T = 'thread-1';

const CORPUS: Array<[number, string, 'text' | 'html']> = [
  [3, 'The deployment failed at 3am, rolling back now', 'text'],
  [4, 'Can you deploy the hotfix today?', 'text'],
  [5, 'Redeploying after the fix', 'text'],
  [6, '<p>Our <b>employment</b> contract is ready</p>', 'html'],
  [7, '내일 회의는 오전 10시입니다', 'text'],
  [8, '회의록을 공유해 주세요', 'text'],
  [9, '<div>오늘 점심 회의 취소</div>', 'html'],
  [10, '내일까지 보고서를 제출해 주세요', 'text'],
  [11, "<script>alert('회의')</script>no meeting here", 'html'],
  [12, '주간회의 일정 공유드립니다', 'text'],
  [13, 'Ok, go ahead with node.js', 'text'],
  [14, 'ergo nothing', 'text'],
];

describe('cache store: search', () => {
  const stores = useStores();
  const seeded = (): CacheStore => {
    const store = stores.open();
    store.upsertAccount(account());
    store.upsertThreads(A, [{ id: T, topic: 'General' }]);
    store.upsertMessages(
      A,
      T,
      CORPUS.map(([sequenceId, content, type]) => message(sequenceId, { content, type })),
    );
    return store;
  };
  const found = (store: CacheStore, query: string) =>
    store
      .search(A, query)
      .map((hit) => hit.sequenceId)
      .sort((a, b) => a - b);

  it('finds English words, prefixes and fragments inside words', () => {
    const store = seeded();
    expect(found(store, 'deploy')).toEqual([3, 4, 5]);
    expect(found(store, 'deploym')).toEqual([3]);
    expect(found(store, 'ploym')).toEqual([3, 6]);
    expect(found(store, 'DEPLOYMENT')).toEqual([3]);
  });

  it('finds Korean words of two syllables, longer ones and several words', () => {
    const store = seeded();
    expect(found(store, '회의')).toEqual([7, 8, 9, 12]);
    expect(found(store, '내일')).toEqual([7, 10]);
    expect(found(store, '회의록')).toEqual([8]);
    expect(found(store, '보고서')).toEqual([10]);
    expect(found(store, '점심 회의')).toEqual([9]);
    expect(found(store, '회의'.normalize('NFD'))).toEqual([7, 8, 9, 12]);
  });

  it('treats two Latin letters as a word prefix', () => {
    const store = seeded();
    expect(found(store, 'go')).toEqual([13]);
    expect(found(store, 'ok')).toEqual([13]);
  });

  it('searches the text of HTML, never tags or script', () => {
    const store = seeded();
    expect(found(store, 'employment contract')).toEqual([6]);
    expect(found(store, 'alert')).toEqual([]);
    expect(found(store, 'script')).toEqual([]);
    expect(found(store, '<div>')).toEqual([]);
  });

  it('answers hostile input without error', () => {
    const store = seeded();
    const hostile = [
      '"',
      '""',
      '(',
      ')',
      '*',
      'AND',
      'OR',
      'NOT',
      'NEAR',
      'NEAR(deploy fix, 2)',
      'deploy"',
      '"unterminated',
      '^deploy',
      'text:deploy',
      '{text}: deploy',
      "'; DROP TABLE messages; --",
      '🎉',
      '-',
      '+',
      '\u0000',
      '\uE000\uE000',
      'a'.repeat(5000),
      '회의 OR 내일',
      '(deploy) AND (fix',
    ];
    for (const query of hostile) expect(() => store.search(A, query)).not.toThrow();
    expect(found(store, '(deploy*)')).toEqual([3, 4, 5]);
    expect(found(store, 'node.js')).toEqual([13]);
    expect(store.search(A, 'NEAR(deploy fix, 2)')).toEqual([]);
  });

  it('answers [] for a query with nothing searchable', () => {
    const store = seeded();
    for (const query of ['', '   ', '-', '*', '()', '"', '🎉']) expect(store.search(A, query)).toEqual([]);
  });

  it('returns hits with thread topic, sender and a plain-text snippet flagging the match', () => {
    const store = seeded();
    const [hit] = store.search(A, 'hotfix');
    expect(hit).toEqual({
      accountId: A,
      threadId: T,
      threadTopic: 'General',
      messageId: message(4).id,
      sequenceId: 4,
      senderDisplayName: 'Alice',
      createdOn: message(4).createdOn,
      snippet: [
        { text: 'Can you deploy the ', match: false },
        { text: 'hotfix', match: true },
        { text: ' today?', match: false },
      ],
    });
    const [html] = store.search(A, 'employment');
    expect(html!.snippet.map((part) => part.text).join('')).toBe('Our employment contract is ready');
  });

  it('ranks whole words above fragments, then newer above older', () => {
    const store = seeded();
    store.upsertMessages(A, T, [message(20, { content: 'deploy again' })]);
    expect(store.search(A, 'deploy').map((hit) => hit.sequenceId)).toEqual([20, 4, 3, 5]);
  });

  it('excludes deleted messages and follows edits', () => {
    const store = seeded();
    store.upsertMessages(A, T, [message(4, { version: String(Number(message(4).version) + 1), content: '', deletedOn: 1 })]);
    expect(found(store, 'hotfix')).toEqual([]);
    store.upsertMessages(A, T, [message(3, { version: String(Number(message(3).version) + 1), content: 'rollout finished', editedOn: 1 })]);
    expect(found(store, 'deploy')).toEqual([5]);
    expect(found(store, 'rollout')).toEqual([3]);
  });

  it('searches only the given account', () => {
    const store = seeded();
    store.upsertMessages('acct-2', T, [message(3, { content: 'deploy elsewhere' })]);
    expect(found(store, 'elsewhere')).toEqual([]);
    expect(store.search('acct-2', 'deploy').map((hit) => hit.accountId)).toEqual(['acct-2']);
  });

  it('respects the limit and returns the newest matches of a common term', () => {
    const store = seeded();
    store.upsertMessages(
      A,
      T,
      Array.from({ length: 600 }, (_, index) => message(100 + index, { content: `status update ${index}` })),
    );
    const hits = store.search(A, 'status', { limit: 5 });
    expect(hits.map((hit) => hit.sequenceId)).toEqual([699, 698, 697, 696, 695]);
    expect(store.search(A, 'status', { limit: 1000 })).toHaveLength(MAX_SEARCH_LIMIT);
    expect(store.search(A, 'status')).toHaveLength(50);
  });

  it('finds one-letter and digit terms at the start of words, a whole word first', () => {
    const store = seeded();
    store.upsertMessages(A, T, [message(40, { content: 'gate 7 boarding' }), message(41, { content: 'gate 70 closed' }), message(42, { content: 'gate 17 open' })]);
    expect(store.search(A, 'gate 7').map((hit) => hit.sequenceId)).toEqual([40, 41]);
  });

  it('ranks the query as a phrase first, even older than the scan budget of matches holding its words apart', () => {
    const store = seeded();
    store.upsertMessages(A, T, [message(50, { content: 'the release notes are up' })]);
    store.upsertMessages(
      A,
      T,
      Array.from({ length: 1_200 }, (_, index) => message(100 + index, { content: `notes on the release ${index}` })),
    );
    expect(store.search(A, 'release notes', { limit: 3 }).map((hit) => hit.sequenceId)).toEqual([50, 1299, 1298]);
  });

  it('does not index system messages', () => {
    const store = seeded();
    store.upsertMessages(A, T, [message(30, { type: 'topicUpdated', content: '', topic: 'quarterly' })]);
    expect(found(store, 'quarterly')).toEqual([]);
  });
});
