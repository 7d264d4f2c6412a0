import { SEARCH_LIMITS } from '$contract';
import type { ApiError, ConversationSearchHit, ParleyBridge, PersonSearchHit, SearchHit, SearchResults, ThreadRef } from '$contract';
import { Debouncer } from '../util/timing.ts';

/** One line of the results: sections in the order shown, `first` on the line that opens its section. */
export type SearchItem = { first: boolean } & (
  { kind: 'conversation'; hit: ConversationSearchHit } | { kind: 'person'; hit: PersonSearchHit } | { kind: 'message'; hit: SearchHit }
);

/** Where picking a result leads: a thread, at a message when the result is one. */
export interface SearchTarget extends ThreadRef {
  messageId?: string;
}

const NO_RESULTS: SearchResults = { conversations: [], people: [], messages: [] };

function itemsOf(results: SearchResults): SearchItem[] {
  return [
    ...results.conversations.map((hit, index) => ({ kind: 'conversation' as const, hit, first: index === 0 })),
    ...results.people.map((hit, index) => ({ kind: 'person' as const, hit, first: index === 0 })),
    ...results.messages.map((hit, index) => ({ kind: 'message' as const, hit, first: index === 0 })),
  ];
}

export function targetOf(item: SearchItem): SearchTarget {
  if (item.kind === 'message') return { accountId: item.hit.accountId, threadId: item.hit.threadId, messageId: item.hit.messageId };
  return { accountId: item.hit.accountId, threadId: item.hit.threadId };
}

export function keyOf(item: SearchItem): string {
  if (item.kind === 'conversation') return `conversation/${item.hit.threadId}`;
  if (item.kind === 'person') return `person/${item.hit.userId}`;
  return `message/${item.hit.threadId}/${item.hit.messageId}`;
}

/** Search over the cache of the active account (works offline): conversations by topic, people by name, messages by text. */
export class SearchState {
  query = $state('');
  results = $state.raw<SearchResults>(NO_RESULTS);
  readonly items = $derived(itemsOf(this.results));
  searching = $state(false);
  searchedQuery = $state('');
  error = $state<ApiError | null>(null);
  readonly #bridge: ParleyBridge;
  readonly #accountId: () => string | null;
  readonly #debouncer = new Debouncer(150);
  #generation = 0;

  constructor(bridge: ParleyBridge, accountId: () => string | null) {
    this.#bridge = bridge;
    this.#accountId = accountId;
  }

  setQuery(query: string): void {
    this.query = query;
    this.#debouncer.schedule(() => void this.run());
  }

  async run(): Promise<void> {
    this.#debouncer.cancel();
    const query = this.query.trim();
    const accountId = this.#accountId();
    const generation = ++this.#generation;
    if (!query || !accountId) {
      this.results = NO_RESULTS;
      this.searchedQuery = '';
      this.searching = false;
      return;
    }
    this.searching = true;
    const result = await this.#bridge.search({ accountId, query, limit: SEARCH_LIMITS.messages });
    if (generation !== this.#generation) return;
    this.searching = false;
    this.searchedQuery = query;
    if (result.ok) {
      this.results = result.value;
      this.error = null;
    } else {
      this.results = NO_RESULTS;
      this.error = result.error;
    }
  }

  reset(): void {
    this.#debouncer.cancel();
    this.#generation++;
    this.query = '';
    this.results = NO_RESULTS;
    this.searchedQuery = '';
    this.searching = false;
    this.error = null;
  }
}
