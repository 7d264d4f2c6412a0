import type { ChatMessage } from '$contract';
import { joinNames, type Translate } from '../i18n/translate.ts';

/** Finds a display name for a user id (from the participant list or earlier messages), or null. */
export type NameLookup = (userId: string) => string | null;

/** A system message in words: "Minji added Joon", "Joon left the conversation", "Topic changed to …". */
export function describeSystemMessage(message: ChatMessage, lookup: NameLookup, t: Translate, locale: string): string {
  const nameOf = (userId: string | null, known: string | null = null): string => known?.trim() || (userId ? lookup(userId) : null) || t('system.someone');
  const subjects = message.participants.map((ref) => nameOf(ref.userId, ref.displayName));
  const people = joinNames(subjects.length > 0 ? subjects : [t('system.someone')], locale);
  const initiator = message.initiatorId;
  const initiatorIsSubject = initiator !== null && message.participants.some((ref) => ref.userId === initiator);

  switch (message.type) {
    case 'participantAdded':
      return initiator === null || initiatorIsSubject ? t('system.joined', { people }) : t('system.added', { actor: nameOf(initiator), people });
    case 'participantRemoved':
      return initiator === null || initiatorIsSubject ? t('system.left', { people }) : t('system.removed', { actor: nameOf(initiator), people });
    case 'topicUpdated': {
      const topic = message.topic ?? '';
      return initiator === null ? t('system.topic', { topic }) : t('system.topicBy', { actor: nameOf(initiator), topic });
    }
    default:
      return message.content;
  }
}

export function isSystemMessage(message: ChatMessage): boolean {
  return message.type !== 'text' && message.type !== 'html';
}
