import type { NewParticipant, ShareHistory } from '$contract';

export interface ParticipantRow {
  userId: string;
  displayName: string;
}

/** Rows typed by the user → participants for the api: trimmed, blank rows dropped, duplicates merged. */
export function participantsFromRows(rows: readonly ParticipantRow[]): NewParticipant[] {
  const byId = new Map<string, NewParticipant>();
  for (const row of rows) {
    const userId = row.userId.trim();
    if (!userId) continue;
    const displayName = row.displayName.trim();
    byId.set(userId, displayName ? { userId, displayName } : (byId.get(userId) ?? { userId }));
  }
  return [...byId.values()];
}

export type ShareHistoryChoice = 'none' | 'all' | 'since';

/** `since` takes a date input's value (YYYY-MM-DD) and means from the start of that local day. */
export function shareHistoryFrom(choice: ShareHistoryChoice, date: string): ShareHistory | null {
  if (choice === 'none') return { kind: 'none' };
  if (choice === 'all') return { kind: 'all' };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const time = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return Number.isNaN(time) ? null : { kind: 'since', time };
}
