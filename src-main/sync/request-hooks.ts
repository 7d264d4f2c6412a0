import type { ServiceOperation } from '../acs/chat-service.ts';
import type { Clock } from '../base/clock.ts';
import type { BudgetOperation, RequestBudget } from './request-budget.ts';

/** How each SDK call counts against the service's documented limits. */
export const BUDGET_OPERATION: Record<ServiceOperation, BudgetOperation> = {
  listThreads: 'list-threads',
  getThread: 'list-threads',
  createThread: 'create-or-delete-thread',
  deleteThread: 'create-or-delete-thread',
  updateThread: 'update-thread',
  listMessages: 'list-messages',
  getMessage: 'get-message',
  sendMessage: 'write-message',
  updateMessage: 'write-message',
  deleteMessage: 'write-message',
  sendReadReceipt: 'send-read-receipt',
  listReadReceipts: 'list-read-receipts',
  sendTyping: 'typing',
  listParticipants: 'list-participants',
  addParticipants: 'add-or-remove-participants',
  removeParticipant: 'add-or-remove-participants',
};

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, before each request, until the budget has room: Parley never sends a request the
 * documented limits would refuse, so a 429 is the service's doing, not ours.
 */
export function budgetedRequests(budget: RequestBudget, userId: string, clock: Clock, sleep: Sleep = realSleep, countRequest?: (operation: ServiceOperation) => void) {
  return async (operation: ServiceOperation, threadId: string | null): Promise<void> => {
    const budgetOperation = BUDGET_OPERATION[operation];
    const key = threadId === null ? { userId } : { userId, threadId };
    for (;;) {
      const now = clock.now();
      const taken = budget.tryTake(budgetOperation, key, now);
      if (taken.ok) break;
      await sleep(taken.retryAt - now);
    }
    countRequest?.(operation);
  };
}
