import type { ApiError, ParleyBridge, SearchHit } from '$contract';
import { Debouncer } from '../util/timing.ts';

export const SEARCH_LIMIT = 50;

/** Full-text search over the cache of the active account (works offline). */
export class SearchState {
  query = $state('');
  hits = $state.raw<SearchHit[]>([]);
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
      this.hits = [];
      this.searchedQuery = '';
      this.searching = false;
      return;
    }
    this.searching = true;
    const result = await this.#bridge.searchMessages({ accountId, query, limit: SEARCH_LIMIT });
    if (generation !== this.#generation) return;
    this.searching = false;
    this.searchedQuery = query;
    if (result.ok) {
      this.hits = result.value;
      this.error = null;
    } else {
      this.hits = [];
      this.error = result.error;
    }
  }

  reset(): void {
    this.#debouncer.cancel();
    this.#generation++;
    this.query = '';
    this.hits = [];
    this.searchedQuery = '';
    this.searching = false;
    this.error = null;
  }
}
