import { LIMITS, type ThreadSummary } from '$contract';
import { filterThreadsByTopic } from '../messages/snippet.ts';
import type { ThreadsState } from './threads.svelte.ts';

/**
 * The quick switcher's matches. Nothing typed: the most recently active threads (the list read so far).
 * A topic typed: main's answer over every thread of the account; until it comes (or if it cannot), the
 * threads read so far that match.
 */
export class ThreadFinder {
  query = $state('');
  #found = $state.raw<ThreadSummary[] | null>(null);
  #asked = 0;
  readonly #threads: ThreadsState;

  readonly matches: ThreadSummary[] = $derived.by(() => {
    if (this.query.trim() === '') return this.#threads.ordered.slice(0, LIMITS.threadsFound);
    return this.#found ?? filterThreadsByTopic(this.#threads.ordered, this.query).slice(0, LIMITS.threadsFound);
  });

  constructor(threads: ThreadsState) {
    this.#threads = threads;
  }

  async search(query: string): Promise<void> {
    this.query = query;
    const asked = ++this.#asked;
    if (query.trim() === '') {
      this.#found = null;
      return;
    }
    const found = await this.#threads.findByTopic(query);
    // Only the answer to what is typed now is shown; until then the answer before stays (no flicker).
    if (asked === this.#asked) this.#found = found;
  }
}
