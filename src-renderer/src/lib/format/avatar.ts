/** Background colours that all keep white initials above 4.5:1 contrast (checked by the unit test). */
export const AVATAR_COLOURS = ['#b3261e', '#a63d00', '#7a5b00', '#2e6b30', '#00695c', '#0b5cad', '#3949ab', '#6a1b9a', '#ad1457', '#4a5a66'] as const;

/** Up to two letters: the first letter of the first and last words, or the first two of a single word. */
export function initials(name: string): string {
  const all = name
    .trim()
    .split(/[\s._@-]+/u)
    .filter(Boolean);
  // Words that start with a letter make the initials ("Launch planning — v2.0" is "LV", not "L0").
  const lettered = all.filter((word) => /^\p{L}/u.test(word));
  const words = lettered.length > 0 ? lettered : all;
  if (words.length === 0) return '?';
  const first = [...words[0]!];
  if (words.length === 1) return first.slice(0, 2).join('').toLocaleUpperCase();
  const last = [...words[words.length - 1]!];
  return (first[0]! + last[0]!).toLocaleUpperCase();
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
