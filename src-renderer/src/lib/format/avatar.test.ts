import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColour, contrastRatio, initials } from './avatar.ts';

describe('initials', () => {
  it('takes first and last word', () => {
    expect(initials('Minji Kim')).toBe('MK');
    expect(initials('Ada Augusta Lovelace')).toBe('AL');
    expect(initials('alex')).toBe('AL');
    expect(initials('김민지')).toBe('김민');
    expect(initials('  ')).toBe('?');
    expect(initials('john.doe@example.com')).toBe('JC');
    expect(initials('Launch planning — v2.0')).toBe('LV');
    expect(initials('2024')).toBe('20');
  });
});

describe('avatarColour', () => {
  it('is stable per user and drawn from the palette', () => {
    expect(avatarColour('8:acs:one')).toBe(avatarColour('8:acs:one'));
    expect(AVATAR_COLOURS).toContain(avatarColour('8:acs:two'));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => avatarColour(`8:acs:user-${i}`)));
    expect(spread.size).toBeGreaterThan(5);
  });
  it('keeps white initials readable (WCAG AA) on every colour', () => {
    for (const colour of AVATAR_COLOURS) expect(contrastRatio(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
  });
});
