import { describe, expect, it } from 'vitest';
import { localeFor, preferredLocale } from './locale.ts';

describe('the language Parley speaks', () => {
  it('takes the first system language it has, by its base tag', () => {
    expect(preferredLocale(['fr-FR', 'ko-KR', 'en-US'])).toBe('ko');
    expect(preferredLocale(['EN-gb'])).toBe('en');
  });

  it('falls back to English when it speaks none of them', () => {
    expect(preferredLocale(['fr', 'de'])).toBe('en');
    expect(preferredLocale([])).toBe('en');
  });

  it('follows the setting, and the system only when the setting says so', () => {
    expect(localeFor('ko', ['en-US'])).toBe('ko');
    expect(localeFor('en', ['ko-KR'])).toBe('en');
    expect(localeFor('system', ['ko-KR'])).toBe('ko');
  });
});
