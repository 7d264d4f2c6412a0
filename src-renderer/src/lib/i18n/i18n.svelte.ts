import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';

export const LOCALES = { en, ko } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base && base in LOCALES) return base as Locale;
  }
  return 'en';
}

/** The active language; every string on screen and every date and number goes through it. */
export class I18n {
  locale = $state<Locale>('en');

  constructor(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages) {
    this.locale = preferredLocale(languages);
  }

  t = (key: MessageKey, values: Record<string, string | number> = {}): string => {
    const template: string = LOCALES[this.locale][key];
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };

  formatBytes = (bytes: number): string =>
    new Intl.NumberFormat(this.locale, { style: 'unit', unit: bytes >= 1_048_576 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
      bytes >= 1_048_576 ? bytes / 1_048_576 : bytes / 1024,
    );

  formatDateTime = (epochMs: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string =>
    new Intl.DateTimeFormat(this.locale, options).format(epochMs);
}
