/**
 * What the full-text index holds and how a user's query is turned into an FTS5 expression.
 *
 * The index is an FTS5 `trigram` table with `detail=none` (see README.md for the measurements behind the choice).
 * Trigrams find any substring of three characters or more: English words, prefixes and
 * fragments, Korean words of three syllables or more. Shorter terms have no trigram, so each
 * indexed document also carries "short keys", written so that they themselves are trigrams:
 *   - every CJK bigram `ab` as `ab` + MARK and every CJK character `a` as `a` + MARK + MARK
 *     (Korean has many 2-syllable words: 회의, 내일; Chinese and Japanese many 1- and 2-character ones);
 *   - the first two letters of every other word as `ab` + MARK, and its first letter as `a` + MARK + MARK
 *     (a 1- or 2-letter or digit query is a word prefix: "plan b", "zebracorn 7", "go").
 * MARK is a private-use character that user text can never contain (it is stripped from both sides).
 */

import { messagePlainText } from '../text/html-to-text.ts';

export const SHORT_KEY_MARK = '\uE000';

const CJK_RUN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const CJK_CHAR = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHARS = /^[\p{L}\p{N}\p{M}]+$/u;
/** Private-use characters (our marks) and control characters other than white space. */
const UNSEARCHABLE = /[\uE000-\uF8FF\p{Cc}]/gu;
const MAX_TERMS = 16;
/** Bare query words lose these at their ends: FTS-looking syntax and sentence punctuation. */
const EDGE_PUNCTUATION = /^[()[\]{}<>,;:!?'"*^`]+|[()[\]{}<>,;:!?'"*^`]+$/g;

/** NFC (Korean typed on macOS may arrive decomposed), no marks or control characters, white space collapsed. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFC').replace(UNSEARCHABLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Lower-cases without changing the string's length, so that positions found in it hold in the original. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let folded = '';
  for (const char of text) {
    const lowerChar = char.toLowerCase();
    folded += lowerChar.length === char.length ? lowerChar : char;
  }
  return folded;
}

function isCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** The text to put in the index for a message whose plain text is `plain` (already normalised). */
export function searchDocument(plain: string): string {
  const keys = new Set<string>();
  for (const [run] of foldCase(plain).matchAll(CJK_RUN)) {
    const chars = Array.from(run);
    for (let index = 0; index < chars.length; index += 1) {
      keys.add(chars[index]! + SHORT_KEY_MARK + SHORT_KEY_MARK);
      if (index + 1 < chars.length) keys.add(chars[index]! + chars[index + 1]! + SHORT_KEY_MARK);
    }
  }
  for (const [word] of foldCase(plain).replace(CJK_RUN, ' ').matchAll(WORD_RUN)) {
    const chars = Array.from(word);
    keys.add(chars[0]! + SHORT_KEY_MARK + SHORT_KEY_MARK);
    if (chars.length >= 2) keys.add(chars[0]! + chars[1]! + SHORT_KEY_MARK);
  }
  return keys.size === 0 ? plain : `${plain} ${[...keys].join('')}`;
}

/** Which messages the index holds: user messages that are not deleted. */
export function isSearchable(type: string, deletedOn: number | null): boolean {
  return (type === 'text' || type === 'html') && deletedOn === null;
}

/** A message's text as indexed, verified and shown in snippets. */
export function searchableText(type: string, content: string): string {
  return normalizeSearchText(messagePlainText(type, content));
}

/** The indexed form of a message's content. */
export function searchDocumentOf(type: string, content: string): string {
  return searchDocument(searchableText(type, content));
}

export type SearchTermKind =
  /** Found anywhere in the text. */
  | 'substring'
  /** One or two letters or digits: found at the start of a word. */
  | 'word-prefix';

export interface SearchTerm {
  /** Folded (lower case) and normalised, as it appears in folded message text. */
  text: string;
  kind: SearchTermKind;
  /** The strings the FTS index is asked for (all of them). */
  indexed: readonly string[];
}

function classifyTerm(text: string): SearchTerm | null {
  const chars = Array.from(text);
  if (chars.length >= 3) return { text, kind: 'substring', indexed: [text] };
  const asKey = (part: string) => part + SHORT_KEY_MARK.repeat(3 - Array.from(part).length);
  if (isCjk(text)) return { text, kind: 'substring', indexed: [asKey(text)] };
  if (!WORD_CHARS.test(text)) return null;
  // A digit or letter against a CJK character ("5분", "3층"): the index keys the two scripts apart.
  const kind = isCjk(chars[0]!) ? 'substring' : 'word-prefix';
  return { text, kind, indexed: chars.some(isCjk) ? chars.map(asKey) : [asKey(text)] };
}

/**
 * Splits a user's query into terms that must all match: `"quoted phrases"` are kept whole, bare
 * words lose surrounding punctuation. Everything is literal: there are no operators, so no input
 * can be an FTS syntax error. Terms of one or two characters that are neither letters nor digits
 * (`-`, `🎉`) cannot be searched and are dropped.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const normalized = foldCase(normalizeSearchText(query));
  const terms = new Map<string, SearchTerm>();
  for (const [, quoted, bare] of normalized.matchAll(/"([^"]*)"?|([^\s"]+)/g)) {
    const text = quoted !== undefined ? quoted.trim() : bare!.replace(EDGE_PUNCTUATION, '');
    const term = text === '' ? null : classifyTerm(text);
    if (term !== null && !terms.has(term.text)) terms.set(term.text, term);
    if (terms.size === MAX_TERMS) break;
  }
  return [...terms.values()];
}

/**
 * Trigrams that together cover `text`: every third one, and the last. Overlapping ones add little
 * selectivity but cost the index a doclist walk each; what they would rule out, `locateTerms` does.
 */
function coveringTrigrams(text: string): string[] {
  const chars = Array.from(text);
  const starts = new Set<number>();
  for (let start = 0; start + 3 <= chars.length; start += 3) starts.add(start);
  if (chars.length >= 3) starts.add(chars.length - 3);
  // A phrase: also the trigram across each space, which holds the words together in the index (texts
  // are indexed with white space collapsed). Without it, common words that are rarely adjacent leave
  // the verification to reject up to the whole scan budget (at 1M messages: 21 ms, against 2 ms).
  for (let index = 1; index + 1 < chars.length; index += 1) if (chars[index] === ' ') starts.add(index - 1);
  return [...starts].map((start) => chars.slice(start, start + 3).join(''));
}

function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * An FTS5 MATCH expression requiring trigrams covering every term, or null when there is nothing
 * to search for. The index keeps no positions (`detail=none`), so this can also match a text
 * holding the trigrams apart: `locateTerms` then rules such a text out.
 */
export function ftsMatchExpression(terms: readonly SearchTerm[]): string | null {
  const trigrams = new Set(terms.flatMap((term) => term.indexed.flatMap(coveringTrigrams)));
  return trigrams.size === 0 ? null : [...trigrams].map(ftsString).join(' AND ');
}

/** `ftsMatchExpression` narrowed to texts that also hold the query's phrase, or null for a query of one term. */
export function ftsPhraseExpression(terms: readonly SearchTerm[]): string | null {
  const phrase = queryPhrase(terms);
  return phrase === null ? null : ftsMatchExpression([...terms, { text: phrase, kind: 'substring', indexed: [phrase] }]);
}

export interface TermRange {
  start: number;
  end: number;
}

export interface TermMatch {
  ranges: TermRange[];
  /** Per term, the best of: 3 a whole word, 2 the start of a word, 1 inside a word; summed. */
  score: number;
  /** How well the text holds the query's terms side by side, in order (`queryPhrase`): 0 not at all, else as a term's score. */
  phrase: number;
}

/**
 * The terms as one phrase, when there are several: a text holding them side by side is what a
 * query of several words most often means ("release notes", "배포 일정"), so it ranks first.
 */
export function queryPhrase(terms: readonly SearchTerm[]): string | null {
  return terms.length < 2 ? null : terms.map((term) => term.text).join(' ');
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHARS.test(char);
}

function isLatinWordChar(char: string | undefined): boolean {
  return isWordChar(char) && !isCjk(char!);
}

const HANGUL = /\p{Script=Hangul}/u;
const WORD_TAIL = /^[\p{L}\p{N}\p{M}]*/u;
/**
 * Korean writes particles and the copula onto the word (회의는, 회의를, 회의입니다): a Korean word
 * followed by one of these is as whole a word as an English one followed by a space.
 */
const KOREAN_PARTICLES = new Set(
  '은 는 이 가 을 를 의 에 에서 에게 께 로 으로 와 과 도 만 까지 부터 보다 처럼 하고 랑 이랑 나 이나 요 이요 입니다 이에요 예요 이다 에는 에도 에서는 으로는 로는'.split(' '),
);

/** How well a term found at `[start, end)` of the folded text matches: 3 a whole word, 2 a word start, 1 inside a word. */
function matchQuality(folded: string, start: number, end: number): number {
  if (isWordChar(folded[start - 1])) return 1;
  if (!isWordChar(folded[end])) return 3;
  const lastChar = folded[end - 1]!;
  return HANGUL.test(lastChar) && KOREAN_PARTICLES.has(WORD_TAIL.exec(folded.slice(end))![0]) ? 3 : 2;
}

/**
 * Where each term occurs in `text` (case-insensitively), or null when one of them does not: the
 * index can answer a little more than the query means (a 2-letter key also matches inside
 * CJK-adjacent words), so every hit is checked here before it is shown.
 */
export function locateTerms(text: string, terms: readonly SearchTerm[], phrase: string | null = null): TermMatch | null {
  const folded = foldCase(text);
  const ranges: TermRange[] = [];
  let score = 0;
  for (const term of terms) {
    let best = 0;
    for (let at = folded.indexOf(term.text); at >= 0; at = folded.indexOf(term.text, at + 1)) {
      if (term.kind === 'word-prefix' && isLatinWordChar(folded[at - 1])) continue;
      const end = at + term.text.length;
      ranges.push({ start: at, end });
      best = Math.max(best, matchQuality(folded, at, end));
    }
    if (best === 0) return null;
    score += best;
  }
  let phraseQuality = 0;
  if (phrase !== null) {
    for (let at = folded.indexOf(phrase); at >= 0; at = folded.indexOf(phrase, at + 1)) phraseQuality = Math.max(phraseQuality, matchQuality(folded, at, at + phrase.length));
  }
  return { ranges: mergeRanges(ranges), score, phrase: phraseQuality };
}

function mergeRanges(ranges: TermRange[]): TermRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TermRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
