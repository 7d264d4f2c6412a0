import type { LanguageChoice, Locale } from '$contract';
import { preferredLocale } from '$shared/text/locale.ts';
import { dayDistance, sameYear } from '../format/calendar.ts';
import { formatRelativeTime } from '../format/relative-time.ts';
import { en, type MessageKey } from './en.ts';
import { ko } from './ko.ts';
import { fillTemplate, type Message } from './translate.ts';

/** One complete translation per language the contract lists. */
const TRANSLATIONS: Record<Locale, Record<MessageKey, Message>> = { en, ko };
export type { Locale };
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

/** The active language; every string on screen and every date and number goes through it. */
export class I18n {
  choice = $state<LanguageChoice>('system');
  #systemLocale: Locale = 'en';
  readonly locale: Locale = $derived(this.choice === 'system' ? this.#systemLocale : this.choice);

  constructor(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages) {
    this.#systemLocale = preferredLocale(languages);
  }

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache of formatters, nothing renders from it
  readonly #formats = new Map<string, Intl.DateTimeFormat>();

  /** Formatters are costly to build and the message list asks for thousands: one per locale and style. */
  #dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = `${this.locale}|${JSON.stringify(options)}`;
    let format = this.#formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, options);
      this.#formats.set(key, format);
    }
    return format;
  }

  t = (key: MessageKey, values: Record<string, string | number> = {}): string => fillTemplate(TRANSLATIONS[this.locale][key], values, this.locale);

  formatBytes = (bytes: number): string =>
    new Intl.NumberFormat(this.locale, { style: 'unit', unit: bytes >= 1_048_576 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
      bytes >= 1_048_576 ? bytes / 1_048_576 : bytes / 1024,
    );

  formatDateTime = (epochMs: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string => this.#dateFormat(options).format(epochMs);

  formatTime = (epochMs: number): string => this.#dateFormat({ timeStyle: 'short' }).format(epochMs);

  /** A day separator: Today, Yesterday, the weekday within a week, then the full date. */
  formatDay = (epochMs: number, now: number): string => {
    switch (dayDistance(epochMs, now)) {
      case 'today':
        return this.t('day.today');
      case 'yesterday':
        return this.t('day.yesterday');
      case 'this-week':
        return this.#dateFormat({ weekday: 'long' }).format(epochMs);
      case 'earlier':
        return this.#dateFormat({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(epochMs);
    }
  };

  /** A thread's last activity: the time today, the weekday within a week, then a short date (with the year if another). */
  formatListTime = (epochMs: number, now: number): string => {
    switch (dayDistance(epochMs, now)) {
      case 'today':
        return this.formatTime(epochMs);
      case 'yesterday':
      case 'this-week':
        return this.#dateFormat({ weekday: 'short' }).format(epochMs);
      case 'earlier':
        return this.#dateFormat(sameYear(epochMs, now) ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' }).format(epochMs);
    }
  };

  formatRelative = (epochMs: number, now: number): string => formatRelativeTime(epochMs, now, this.locale);
}
