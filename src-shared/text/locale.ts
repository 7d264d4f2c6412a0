import { LOCALES, type LanguageChoice, type Locale } from '../../src-preload/contract.ts';

/** The first of the system's languages (most preferred first) that Parley speaks, else English. */
export function preferredLocale(systemLanguages: readonly string[]): Locale {
  for (const language of systemLanguages) {
    const base = language.toLowerCase().split('-')[0];
    const locale = LOCALES.find((candidate) => candidate === base);
    if (locale) return locale;
  }
  return 'en';
}

/** The language of the user's setting; 'system' follows the system's languages. */
export function localeFor(choice: LanguageChoice, systemLanguages: readonly string[]): Locale {
  return choice === 'system' ? preferredLocale(systemLanguages) : choice;
}
