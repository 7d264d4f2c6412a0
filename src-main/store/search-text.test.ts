import { describe, expect, it } from 'vitest';
import { buildSnippet } from './search-snippet.ts';
import { ftsMatchExpression, locateTerms, normalizeSearchText, parseSearchQuery, searchDocument, SHORT_KEY_MARK } from './search-text.ts';

const texts = (query: string) => parseSearchQuery(query).map((term) => `${term.kind}:${term.text}`);

describe('parseSearchQuery', () => {
  it('splits words, keeps quoted phrases and lower-cases', () => {
    expect(texts('Deploy "Release Notes" 회의')).toEqual(['substring:deploy', 'substring:release notes', 'substring:회의']);
  });

  it('treats two letters as a word prefix and drops single Latin letters', () => {
    expect(texts('go a 밥')).toEqual(['word-prefix:go', 'substring:밥']);
  });

  it('takes operators and FTS syntax literally, never as syntax', () => {
    expect(texts('deploy OR NOT NEAR(a b) *')).toEqual(['substring:deploy', 'word-prefix:or', 'substring:not', 'substring:near(a']);
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
    expect(ftsMatchExpression(parseSearchQuery('"a""b"'))).toBeNull();
    expect(ftsMatchExpression(parseSearchQuery(`it's`))).toBe(`"it'" AND "t's"`);
  });

  it('is null when there is nothing to search for', () => {
    expect(ftsMatchExpression([])).toBeNull();
  });
});

describe('searchDocument', () => {
  it('adds CJK bigram and character keys and 2-letter word keys', () => {
    const document = searchDocument('내일 회의 Deploy');
    for (const key of ['내일\uE000', '회의\uE000', '회\uE000\uE000', 'de\uE000']) expect(document).toContain(key);
    expect(document.startsWith('내일 회의 Deploy ')).toBe(true);
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
