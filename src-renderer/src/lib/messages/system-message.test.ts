import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '$contract';
import { en } from '../i18n/en.ts';
import { ko } from '../i18n/ko.ts';
import { fillTemplate, type Translate } from '../i18n/translate.ts';
import { describeSystemMessage } from './system-message.ts';
import { makeMessage } from '../../../test-support/messages.ts';

const tEn: Translate = (key, values = {}) => fillTemplate(en[key], values);
const tKo: Translate = (key, values = {}) => fillTemplate(ko[key], values, 'ko');
const names: Record<string, string> = { 'u:minji': 'Minji', 'u:joon': 'Joon' };
const lookup = (id: string) => names[id] ?? null;

function system(patch: Partial<ChatMessage>): ChatMessage {
  return makeMessage({ type: 'participantAdded', content: '', senderId: null, ...patch });
}

describe('describeSystemMessage', () => {
  it('names who added whom, resolving ids from the participant list', () => {
    const message = system({
      initiatorId: 'u:minji',
      participants: [
        { userId: 'u:joon', displayName: null },
        { userId: 'u:x', displayName: 'Sam' },
      ],
    });
    expect(describeSystemMessage(message, lookup, tEn, 'en')).toBe('Minji added Joon and Sam');
    expect(describeSystemMessage(message, lookup, tKo, 'ko')).toBe('Minji 님이 Joon 및 Sam 님을 초대했습니다');
  });
  it('says joined when people added themselves or nobody is named', () => {
    expect(describeSystemMessage(system({ initiatorId: 'u:joon', participants: [{ userId: 'u:joon', displayName: null }] }), lookup, tEn, 'en')).toBe(
      'Joon joined the conversation',
    );
  });
  it('tells removing apart from leaving', () => {
    expect(describeSystemMessage(system({ type: 'participantRemoved', initiatorId: 'u:minji', participants: [{ userId: 'u:joon', displayName: null }] }), lookup, tEn, 'en')).toBe(
      'Minji removed Joon',
    );
    expect(describeSystemMessage(system({ type: 'participantRemoved', initiatorId: 'u:joon', participants: [{ userId: 'u:joon', displayName: null }] }), lookup, tEn, 'en')).toBe(
      'Joon left the conversation',
    );
  });
  it('words topic changes, with or without a known initiator', () => {
    expect(describeSystemMessage(system({ type: 'topicUpdated', topic: 'Launch', initiatorId: null }), lookup, tEn, 'en')).toBe('Topic changed to “Launch”');
    expect(describeSystemMessage(system({ type: 'topicUpdated', topic: 'Launch', initiatorId: 'u:minji' }), lookup, tEn, 'en')).toBe('Minji changed the topic to “Launch”');
  });
  it('falls back to "Someone" for unknown people', () => {
    expect(describeSystemMessage(system({ initiatorId: 'u:nobody', participants: [{ userId: 'u:joon', displayName: null }] }), lookup, tEn, 'en')).toBe('Someone added Joon');
  });
});
