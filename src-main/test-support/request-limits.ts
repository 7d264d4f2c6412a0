import type { Emulator } from '../../emulator/index.ts';
import { ACS_CHAT_RATE_LIMITS } from '../sync/request-budget.ts';

const ROUTE_OF = { 'list-threads': 'listChatThreads', 'list-messages': 'listChatMessages', 'write-message': 'sendChatMessage' } as const;

/**
 * The busiest sliding window of a user's requests to the emulator since `sinceSeq`, per documented
 * per-user limit: `{ what, busiest, max }`, so a test can say that no storm broke the service's limits.
 */
export function busiestWindows(emulator: Emulator, userId: string, sinceSeq: number): Array<{ what: string; busiest: number; max: number }> {
  const requests = emulator.operations.list({ userId, sinceSeq });
  return ACS_CHAT_RATE_LIMITS.filter((limit) => limit.scope !== 'thread').flatMap((limit) => {
    const route = ROUTE_OF[limit.operation as keyof typeof ROUTE_OF];
    if (!route) return [];
    const times = requests.filter((entry) => entry.route === route).map((entry) => entry.timeMs);
    const busiest = Math.max(0, ...times.map((start) => times.filter((time) => time >= start && time < start + limit.windowMs).length));
    return [{ what: `${route} per ${limit.windowMs} ms`, busiest, max: limit.max }];
  });
}
