import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { ko } from './ko.ts';
import { fillTemplate } from './translate.ts';

describe('fillTemplate', () => {
  it('picks the plural form the language needs for {count}', () => {
    expect(fillTemplate(en['conversation.people'], { count: 1 }, 'en')).toBe('1 person');
    expect(fillTemplate(en['conversation.people'], { count: 2 }, 'en')).toBe('2 people');
    expect(fillTemplate(en['conversation.people'], { count: 0 }, 'en')).toBe('0 people');
    expect(fillTemplate(en['search.count'], { count: 1 }, 'en')).toBe('1 result');
    expect(fillTemplate(en['messages.newCount'], { count: 3 }, 'en')).toBe('3 new messages');
    // Korean counts without plural forms.
    expect(fillTemplate(ko['conversation.people'], { count: 1 }, 'ko')).toBe('1명');
    expect(fillTemplate(ko['search.count'], { count: 2 }, 'ko')).toBe('결과 2개');
  });

  it('writes {count} the way the language writes numbers, and other values as given', () => {
    expect(fillTemplate(en['conversation.people'], { count: 1234 }, 'en')).toBe('1,234 people');
    expect(fillTemplate('{count}: {name}', { count: 12_500, name: 'Priya' }, 'ko')).toBe('12,500: Priya');
    expect(fillTemplate('{name} {missing}', { name: 'Priya' }, 'en')).toBe('Priya {missing}');
  });

  it('falls back to the "other" form when a count is not a number', () => {
    expect(fillTemplate({ one: 'one thing', other: '{count} things' }, { count: 'some' }, 'en')).toBe('some things');
  });
});
