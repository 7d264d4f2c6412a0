const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** A cut this close to the limit may move back to the last space, so a word is not chopped in half. */
const WORD_BREAK_SLACK = 0.25;

/**
 * Shortens `text` to at most `maxLength` user-perceived characters, ellipsis included. Never splits an
 * emoji or a Hangul syllable cluster; prefers a word boundary when one is near the end.
 */
export function truncate(text: string, maxLength: number, ellipsis = '\u2026'): string {
  const clusters = splitGraphemes(text);
  if (clusters.length <= maxLength) return text;
  const room = Math.max(0, maxLength - splitGraphemes(ellipsis).length);
  let cut = room;
  const lastSpace = clusters.lastIndexOf(' ', room);
  if (lastSpace > 0 && lastSpace >= room * (1 - WORD_BREAK_SLACK)) cut = lastSpace;
  return clusters.slice(0, cut).join('').trimEnd() + ellipsis;
}
