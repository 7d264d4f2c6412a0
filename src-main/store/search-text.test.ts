import { describe, expect, it } from 'vitest';
import { buildSnippet } from './search-snippet.ts';
import { ftsMatchExpression, ftsPhraseExpression, locateTerms, normalizeSearchText, parseSearchQuery, queryPhrase, searchDocument, SHORT_KEY_MARK } from './search-text.ts';

const texts = (query: string) => parseSearchQuery(query).map((term) => `${term.kind}:${term.text}`);

describe('parseSearchQuery', () => {
  it('splits words, keeps quoted phrases and lower-cases', () => {
    expect(texts('Deploy "Release Notes" 회의')).toEqual(['substring:deploy', 'substring:release notes', 'substring:회의']);
  });

  it('treats one or two letters or digits as a word prefix and drops other short terms', () => {
    expect(texts('go a 7 밥 - 🎉')).toEqual(['word-prefix:go', 'word-prefix:a', 'word-prefix:7', 'substring:밥']);
  });

  it('takes operators and FTS syntax literally, never as syntax', () => {
    expect(texts('deploy OR NOT NEAR(a b) *')).toEqual(['substring:deploy', 'word-prefix:or', 'substring:not', 'substring:near(a', 'word-prefix:b']);
    expect(texts('(deploy*) "unterminated')).toEqual(['substring:deploy', 'substring:unterminated']);
  });

  it('finds nothing to search in blank, punctuation-only or marker input', () => {
    for (const query of ['', '   ', '"', '""', '*', '()', `${SHORT_KEY_MARK}${SHORT_KEY_MARK}`, '\u0000']) expect(parseSearchQuery(query)).toEqual([]);
  });

  it('composes decomposed Hangul (as macOS may send it)', () => {
    expect(texts('회의'.normalize('NFD'))).toEqual(['substring:회의']);
  });
});

describe('ftsMatchExpression', () => {
  it('requires trigrams covering each term, each as a quoted string', () => {
    expect(ftsMatchExpression(parseSearchQuery('deploy'))).toBe('"dep" AND "loy"');
    expect(ftsMatchExpression(parseSearchQuery('deployment'))).toBe('"dep" AND "loy" AND "men" AND "ent"');
    expect(ftsMatchExpression(parseSearchQuery('say "hi"'))).toBe('"say" AND "hi\uE000"');
  });

  it('escapes quotes inside terms', () => {
    expect(ftsMatchExpression(parseSearchQuery('"a""b"'))).toBe('"a\uE000\uE000" AND "b\uE000\uE000"');
    expect(ftsMatchExpression(parseSearchQuery(`it's`))).toBe(`"it'" AND "t's"`);
  });

  it('narrows to the phrase with the trigram across each space, for queries of several terms', () => {
    expect(ftsPhraseExpression(parseSearchQuery('gate 7'))).toBe('"gat" AND "ate" AND "7\uE000\uE000" AND "e 7"');
    expect(ftsPhraseExpression(parseSearchQuery('gate'))).toBeNull();
  });

  it('is null when there is nothing to search for', () => {
    expect(ftsMatchExpression([])).toBeNull();
  });
});

describe('searchDocument', () => {
  it('adds CJK bigram and character keys and 1- and 2-character word keys', () => {
    const document = searchDocument('내일 회의 Deploy 7');
    for (const key of ['내일\uE000', '회의\uE000', '회\uE000\uE000', 'de\uE000', 'd\uE000\uE000', '7\uE000\uE000']) expect(document).toContain(key);
    expect(document.startsWith('내일 회의 Deploy 7 ')).toBe(true);
  });
});

describe('locateTerms', () => {
  it('finds every term case-insensitively and scores whole words highest', () => {
    const text = 'The Deployment and deploy';
    const match = locateTerms(text, parseSearchQuery('deploy'))!;
    expect(match.ranges).toEqual([
      { start: 4, end: 10 },
      { start: 19, end: 25 },
    ]);
    expect(match.score).toBe(3);
    expect(locateTerms('redeploying', parseSearchQuery('deploy'))!.score).toBe(1);
  });

  it('rejects a text missing one term', () => {
    expect(locateTerms('deploy today', parseSearchQuery('deploy tomorrow'))).toBeNull();
  });

  it('matches 2-letter terms only at the start of a word', () => {
    expect(locateTerms('going home', parseSearchQuery('go'))).not.toBeNull();
    expect(locateTerms('ergo', parseSearchQuery('go'))).toBeNull();
  });

  it('matches one-letter and digit terms at the start of a word, whole words best', () => {
    expect(locateTerms('plan B', parseSearchQuery('b'))!.score).toBe(3);
    expect(locateTerms('buy tickets', parseSearchQuery('b'))!.score).toBe(2);
    expect(locateTerms('gate 17', parseSearchQuery('7'))).toBeNull();
  });

  it('finds a digit against a Korean character through keys of each script, at the start of a word', () => {
    const [term] = parseSearchQuery('5분');
    expect(term).toEqual({ text: '5분', kind: 'word-prefix', indexed: ['5\uE000\uE000', '분\uE000\uE000'] });
    expect(locateTerms('5분 후에', [term!])).not.toBeNull();
    expect(locateTerms('15분 남았어요', [term!])).toBeNull();
    expect(searchDocument('5분 후에')).toContain('5\uE000\uE000');
  });

  it('scores a Korean word followed by a particle as a whole word, a compound as a word start', () => {
    expect(locateTerms('내일 회의는 10시', parseSearchQuery('회의'))!.score).toBe(3);
    expect(locateTerms('회의록 올렸어요', parseSearchQuery('회의'))!.score).toBe(2);
    expect(locateTerms('주간회의 자료', parseSearchQuery('회의'))!.score).toBe(1);
  });

  it('rates the query as a phrase: 0 when its words are apart, whole or word start when side by side', () => {
    const terms = parseSearchQuery('gate 7');
    const phraseOf = (text: string) => locateTerms(text, terms, queryPhrase(terms))!.phrase;
    expect(phraseOf('Boarding at gate 7 now')).toBe(3);
    expect(phraseOf('gate 70 is far')).toBe(2);
    expect(phraseOf('7 people at the gate')).toBe(0);
    expect(queryPhrase(parseSearchQuery('gate'))).toBeNull();
  });

  it('normalised text keeps positions valid', () => {
    expect(normalizeSearchText('  a\n\tb  ')).toBe('a b');
  });
});

describe('buildSnippet', () => {
  it('flags the matches in plain-text parts', () => {
    const text = 'please deploy the build';
    expect(buildSnippet(text, locateTerms(text, parseSearchQuery('deploy'))!.ranges)).toEqual([
      { text: 'please ', match: false },
      { text: 'deploy', match: true },
      { text: ' the build', match: false },
    ]);
  });

  it('cuts long texts around the first match with ellipses, on word boundaries', () => {
    const text = `${'lorem ipsum '.repeat(30)}target ${'dolor sit '.repeat(30)}`;
    const parts = buildSnippet(text, locateTerms(text, parseSearchQuery('target'))!.ranges);
    const joined = parts.map((part) => part.text).join('');
    expect(parts[0]!.text.startsWith('…')).toBe(true);
    expect(joined.endsWith('…')).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(165);
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['target']);
    expect(joined).toMatch(/^…(ipsum|lorem) /);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'🎉'.repeat(100)} target`;
    const parts = buildSnippet(text, locateTerms(text, parseSearchQuery('target'))!.ranges);
    const joined = parts.map((part) => part.text).join('');
    expect(joined).toBe(joined.normalize());
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(joined)).toBe(false);
  });
});
