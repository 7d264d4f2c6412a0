import type { Participant } from '$contract';

export interface MentionCandidate {
  /** The raw id the mention carries. */
  id: string;
  label: string;
}

export const MENTION_LIMIT = 8;

const folded = (text: string) => text.normalize('NFKC').toLocaleLowerCase();

/**
 * The thread's participants a typed `@query` may name, yourself left out: names that begin with the query
 * first, then names with a word that does, then names that contain it. Korean names match by their syllables.
 */
export function mentionCandidates(participants: readonly Participant[], query: string, selfId: string | null, limit = MENTION_LIMIT): MentionCandidate[] {
  const wanted = folded(query.trim());
  const rank = (name: string): number => {
    const candidate = folded(name);
    if (candidate.startsWith(wanted)) return 0;
    if (candidate.split(/\s+/).some((word) => word.startsWith(wanted))) return 1;
    return candidate.includes(wanted) ? 2 : -1;
  };
  return participants
    .filter((participant) => participant.userId !== selfId && participant.displayName?.trim())
    .map((participant) => ({ candidate: { id: participant.userId, label: participant.displayName!.trim() }, rank: rank(participant.displayName!) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.candidate.label.localeCompare(b.candidate.label))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
