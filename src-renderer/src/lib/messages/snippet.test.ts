import { describe, expect, it } from 'vitest';
import type { ThreadSummary } from '$contract';
import { filterThreadsByTopic, highlightMatches, normaliseSnippet } from './snippet.ts';

describe('normaliseSnippet', () => {
  it('merges neighbours and folds whitespace', () => {
    expect(
      normaliseSnippet([
        { text: 'the\n', match: false },
        { text: ' ', match: false },
        { text: 'launch', match: true },
        { text: '', match: false },
        { text: 'plan', match: true },
      ]),
    ).toEqual([
      { text: 'the ', match: false },
      { text: 'launchplan', match: true },
    ]);
  });
  it('never interprets markup: text stays text', () => {
    expect(normaliseSnippet([{ text: '<img src=x onerror=alert(1)>', match: true }])).toEqual([{ text: '<img src=x onerror=alert(1)>', match: true }]);
  });
});

describe('highlightMatches', () => {
  it('marks every word, case-insensitively', () => {
    expect(highlightMatches('Launch plan: LAUNCH day', 'launch')).toEqual([
      { text: 'Launch', match: true },
      { text: ' plan: ', match: false },
      { text: 'LAUNCH', match: true },
      { text: ' day', match: false },
    ]);
    expect(highlightMatches('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('filterThreadsByTopic', () => {
  const thread = (id: string, topic: string, lastActivityAt: number) => ({ id, topic, lastActivityAt }) as ThreadSummary;
  const threads = [thread('1', 'Design review', 10), thread('2', 'Weekly design sync', 30), thread('3', 'Lunch', 20)];
  it('keeps topics with every word, prefix matches first', () => {
    expect(filterThreadsByTopic(threads, 'design').map((t) => t.id)).toEqual(['1', '2']);
    expect(filterThreadsByTopic(threads, 'sync design').map((t) => t.id)).toEqual(['2']);
  });
  it('lists everything by activity for an empty query', () => {
    expect(filterThreadsByTopic(threads, ' ').map((t) => t.id)).toEqual(['2', '3', '1']);
  });
});
