import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour, contrastRatio, initials } from './avatar.ts';

describe('initials', () => {
  it('takes the first letters of the first and last words, as the name is written', () => {
    expect(initials('Minji Kim')).toBe('MK');
    expect(initials('Kim Minji')).toBe('KM');
    expect(initials('Ada Augusta Lovelace')).toBe('AL');
    expect(initials('alex')).toBe('A');
    expect(initials('  ')).toBe('?');
    expect(initials('john.doe@example.com')).toBe('JD');
    expect(initials('Launch planning — v2.0')).toBe('LV');
    expect(initials('2024')).toBe('2');
  });

  it('takes one syllable or character in Hangul and the CJK scripts', () => {
    expect(initials('김민지')).toBe('김');
    expect(initials('박 준')).toBe('박');
    expect(initials('山田 太郎')).toBe('山');
    expect(initials('さくら')).toBe('さ');
    // A mixed name: the letters of the words that make initials.
    expect(initials('Minji 김')).toBe('M');
  });

  it('keeps a letter whole with its accents or combining marks', () => {
    expect(initials('e\u0301mile zola')).toBe('E\u0301Z');
    expect(initials('Ørjan Åsen')).toBe('ØÅ');
  });
});

/** CIE L*a*b* (D65) of an sRGB colour, to measure how far apart two colours look. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const [fx, fy, fz] = xyz.map((value) => (value > 0.008856 ? Math.cbrt(value) : 7.787 * value + 16 / 116)) as [number, number, number];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

describe('avatarColour', () => {
  it('is stable per user and drawn from the palette', () => {
    expect(avatarColour('8:acs:one')).toBe(avatarColour('8:acs:one'));
    expect(AVATAR_COLOURS).toContain(avatarColour('8:acs:two'));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => avatarColour(`8:acs:user-${i}`)));
    expect(spread.size).toBeGreaterThan(6);
  });

  it('keeps white initials readable (WCAG AA) on every colour', () => {
    for (const colour of AVATAR_COLOURS) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('has no two colours that look alike (CIE76 distance of at least 30)', () => {
    for (const [index, one] of AVATAR_COLOURS.entries()) {
      for (const other of AVATAR_COLOURS.slice(index + 1)) {
        const [a, b] = [lab(one), lab(other)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `${one} vs ${other}`).toBeGreaterThanOrEqual(30);
      }
    }
  });
});
