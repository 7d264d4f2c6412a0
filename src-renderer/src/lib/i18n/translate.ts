import type { MessageKey } from './en.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A message that depends on `{count}`: one text per plural category the language has ("other" always). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

// One rule set and number format per locale: a thread list asks for hundreds of counts.
const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: (locale: string) => T): T {
  let value = cache.get(locale);
  if (value === undefined) {
    value = make(locale);
    cache.set(locale, value);
  }
  return value;
}

/**
 * Fills `{name}` placeholders. A numeric `{count}` picks the plural form through Intl.PluralRules
 * and is written the way the language writes numbers.
 */
export function fillTemplate(message: Message, values: Record<string, string | number>, locale = 'en'): string {
  const count = values.count;
  let template: string;
  if (typeof message === 'string') template = message;
  else {
    const category = typeof count === 'number' ? cached(pluralRules, locale, (tag) => new Intl.PluralRules(tag)).select(count) : 'other';
    template = message[category] ?? message.other;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values)) return whole;
    const value = values[name]!;
    return name === 'count' && typeof value === 'number' ? cached(numberFormats, locale, (tag) => new Intl.NumberFormat(tag)).format(value) : String(value);
  });
}

/** Joins names the way the language does ("A, B, and C" / "A, B 및 C"). */
export function joinNames(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
