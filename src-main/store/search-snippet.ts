import type { SearchSnippetPart } from '../../src-preload/contract.ts';
import type { TermRange } from './search-text.ts';

export const SNIPPET_LENGTH = 160;
/** How much text to show before the first match, so it is read in context. */
const LEAD = 40;
/** A cut moves to the nearest space when one is this close, so that words are not split. */
const WORD_SNAP = 16;
const ELLIPSIS = '…';

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves a cut off the middle of a surrogate pair. */
function safeCut(text: string, at: number): number {
  return at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at)) ? at + 1 : at;
}

function snapStart(text: string, start: number): number {
  if (start === 0) return 0;
  const space = text.indexOf(' ', start);
  return space >= 0 && space < start + WORD_SNAP ? space + 1 : start;
}

function snapEnd(text: string, end: number, floor: number): number {
  if (end >= text.length) return text.length;
  const space = text.lastIndexOf(' ', end);
  return space > Math.max(end - WORD_SNAP, floor) ? space : end;
}

/**
 * A window of `text` around its first match, as plain-text parts flagged where they match.
 * `ranges` are sorted, disjoint positions in `text` (from `locateTerms`).
 */
export function buildSnippet(text: string, ranges: readonly TermRange[], length = SNIPPET_LENGTH): SearchSnippetPart[] {
  const firstStart = ranges[0]?.start ?? 0;
  const firstEnd = ranges[0]?.end ?? 0;
  const start = safeCut(text, Math.min(firstStart, snapStart(text, Math.max(0, firstStart - LEAD))));
  const end = safeCut(text, snapEnd(text, Math.max(start + length, firstEnd), firstEnd));

  const parts: SearchSnippetPart[] = [];
  const push = (partText: string, match: boolean) => {
    if (partText === '') return;
    const last = parts.at(-1);
    if (last !== undefined && last.match === match) last.text += partText;
    else parts.push({ text: partText, match });
  };
  if (start > 0) push(ELLIPSIS, false);
  let position = start;
  for (const range of ranges) {
    if (range.end <= position) continue;
    if (range.start >= end) break;
    push(text.slice(position, Math.max(position, range.start)), false);
    push(text.slice(Math.max(position, range.start), Math.min(range.end, end)), true);
    position = Math.min(range.end, end);
  }
  push(text.slice(position, end), false);
  if (end < text.length) push(ELLIPSIS, false);
  return parts;
}
