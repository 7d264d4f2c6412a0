const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const LETTER = /\p{L}/u;
const DIGIT_KEYCAP = /^[#*0-9]\uFE0F?\u20E3$/u;

/** A short message of emoji alone ("🎉", "👍👍", "🇰🇷"), which chat apps show larger. */
export function isEmojiOnly(text: string, most = 3): boolean {
  // Most messages hold a letter, which no emoji does: answered without segmenting the text.
  if (LETTER.test(text)) return false;
  const clusters = [...graphemes.segment(text.trim())].map((part) => part.segment).filter((segment) => segment.trim() !== '');
  if (clusters.length === 0 || clusters.length > most) return false;
  return clusters.every((cluster) => DIGIT_KEYCAP.test(cluster) || (PICTOGRAPH.test(cluster) && !/[\p{L}\p{N}]/u.test(cluster.replace(/\uFE0F|\u20E3/gu, ''))));
}
