import type { MessageKey } from './en.ts';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Joins names the way the language does ("A, B, and C" / "A, B 및 C"). */
export function joinNames(names: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
}
