import { describe, expect, it } from 'vitest';
import type { Participant } from '$contract';
import { mentionCandidates } from './mentions.ts';

const person = (userId: string, displayName: string | null): Participant => ({
  accountId: 'a',
  threadId: 't',
  userId,
  kind: 'acs-user',
  displayName,
  shareHistoryTime: null,
  metadata: null,
});

const people = [
  person('8:acs:me', 'Alex Kim'),
  person('8:acs:bora', 'Bora Lee'),
  person('8:acs:lee', 'Lee Chen'),
  person('8:acs:jimin', '박지민'),
  person('8:acs:x', null),
  person('8:acs:ana', 'Ana Borowski'),
];

describe('mention candidates', () => {
  it('offers names that begin with the query, then a word that does, then any that contain it; never oneself', () => {
    expect(mentionCandidates(people, 'Bo', '8:acs:me').map((candidate) => candidate.label)).toEqual(['Bora Lee', 'Ana Borowski']);
    expect(mentionCandidates(people, 'lee', '8:acs:me').map((candidate) => candidate.label)).toEqual(['Lee Chen', 'Bora Lee']);
    expect(mentionCandidates(people, 'Kim', '8:acs:me')).toEqual([]);
    expect(mentionCandidates(people, 'ee', '8:acs:me').map((candidate) => candidate.label)).toEqual(['Bora Lee', 'Lee Chen']);
  });

  it('finds Korean names by their syllables, and carries the raw id', () => {
    expect(mentionCandidates(people, '지민', null)).toEqual([{ id: '8:acs:jimin', label: '박지민' }]);
    expect(mentionCandidates(people, '박', null)).toEqual([{ id: '8:acs:jimin', label: '박지민' }]);
  });

  it('offers everyone with a name for a bare @, up to the limit', () => {
    expect(mentionCandidates(people, '', '8:acs:me').map((candidate) => candidate.id)).toEqual(['8:acs:ana', '8:acs:bora', '8:acs:lee', '8:acs:jimin']);
    expect(mentionCandidates(people, '', null, 2)).toHaveLength(2);
  });
});
