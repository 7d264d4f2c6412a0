/**
 * Background colours for avatars: eight hues 45° apart at one lightness and chroma (CIE LCh 44/60, brought into sRGB),
 * and a neutral grey, so that no two look alike and white initials keep above 4.5:1 contrast on each
 * (both checked by the unit test).
 */
export const AVATAR_COLOURS = ['#bd2e6a', '#b24522', '#7e6600', '#287817', '#007e67', '#007cae', '#006ecd', '#894eaf', '#5f6670'] as const;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function firstGrapheme(word: string): string {
  return graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
}

/** Scripts whose names are not written as words with capitals: one character stands for the name. */
const SYLLABIC = /^[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The letters on an avatar, in the order the name is written: one Hangul syllable or CJK character
 * ("김민지" is "김"), else the first letters of the first and last words ("Minji Kim" is "MK", "Kim
 * Minji" is "KM"), or one letter for a single word. Graphemes, not code points, so accents and
 * combining marks stay whole. An address counts by the part before the "@".
 */
export function initials(name: string): string {
  // A message list draws the same few names on every row it mounts: each is worked out once.
  let known = initialsOf.get(name);
  if (known === undefined) {
    if (initialsOf.size >= 1000) initialsOf.clear();
    known = initialsUncached(name);
    initialsOf.set(name, known);
  }
  return known;
}

const initialsOf = new Map<string, string>();

function initialsUncached(name: string): string {
  const all = name
    .trim()
    .replace(/@.*$/u, '')
    .split(/[\s._-]+/u)
    .filter(Boolean);
  // Words that start with a letter make the initials ("Launch planning — v2.0" is "LV", not "L0").
  const lettered = all.filter((word) => /^\p{L}/u.test(word));
  const words = lettered.length > 0 ? lettered : all;
  if (words.length === 0) return '?';
  const first = firstGrapheme(words[0]!);
  if (SYLLABIC.test(first)) return first;
  if (words.length === 1) return first.toLocaleUpperCase();
  const last = firstGrapheme(words[words.length - 1]!);
  return SYLLABIC.test(last) ? first.toLocaleUpperCase() : (first + last).toLocaleUpperCase();
}

/** FNV-1a: a stable colour per user id, the same on every run and machine. */
export function avatarColour(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}

function channel(value: number): number {
  const scaled = value / 255;
  return scaled <= 0.03928 ? scaled / 12.92 : ((scaled + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
