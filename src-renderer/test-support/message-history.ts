import type { ChatMessage, MessagePage, ParleyBridge, Participant, Result } from '../../src-preload/contract.ts';
import { makeMessage } from './messages.ts';

export interface PageQuery {
  beforeSequenceId?: number;
  afterSequenceId?: number;
  aroundMessageId?: string;
  limit?: number;
}

/**
 * A thread's history behind the calls a `ThreadViewState` makes, paged as the cache pages it (newest
 * page, before / after a sequence id, around a message). Messages are m1…mN, one a minute; every
 * page asked for is recorded, so a test can tell what was re-fetched.
 */
export function messageHistoryBridge(total: number) {
  const history: ChatMessage[] = [];
  const pages: PageQuery[] = [];
  const add = (count: number) => {
    for (let index = 0; index < count; index++) history.push(makeMessage({ sequenceId: history.length + 1 }));
  };
  add(total);

  function page(query: PageQuery): MessagePage {
    const limit = query.limit ?? 100;
    let from: number;
    if (query.beforeSequenceId !== undefined) from = Math.max(0, query.beforeSequenceId - 1 - limit);
    else if (query.afterSequenceId !== undefined) from = query.afterSequenceId;
    else if (query.aroundMessageId !== undefined) {
      const at = history.findIndex((message) => message.id === query.aroundMessageId);
      from = Math.max(0, Math.min(at - Math.floor(limit / 2), history.length - limit));
    } else from = Math.max(0, history.length - limit);
    const to = query.beforeSequenceId !== undefined ? Math.min(query.beforeSequenceId - 1, from + limit) : Math.min(history.length, from + limit);
    return { messages: history.slice(from, to), hasOlder: from > 0, hasNewer: to < history.length };
  }

  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
  const sender: Participant = { accountId: 'a', threadId: 't', userId: 'u:minji', kind: 'acs-user', displayName: 'Minji', shareHistoryTime: null, metadata: null };
  const bridge = {
    openThread: (query: PageQuery) => {
      pages.push(query);
      return ok({ page: page(query), outbox: [], receipts: [], participants: [sender] });
    },
    listMessages: (query: PageQuery) => {
      pages.push(query);
      return ok(page(query));
    },
    listOutbox: () => ok([]),
    markRead: () => ok(undefined),
  } as unknown as ParleyBridge;
  return { bridge, pages, add, history };
}
