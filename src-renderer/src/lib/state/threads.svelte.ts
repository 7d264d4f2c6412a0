import {
  LIMITS,
  type ApiError,
  type CreateThreadInput,
  type CreateThreadResult,
  type ParleyBridge,
  type Result,
  type SyncState,
  type ThreadPageCursor,
  type ThreadSummary,
} from '$contract';

/** Threads read at start-up: a screenful and some, whatever the size of the account. */
export const FIRST_PAGE = 50;
/** Threads read each time the list is scrolled near its end. */
export const NEXT_PAGE = 100;

export function byActivity(a: ThreadSummary, b: ThreadSummary): number {
  return (b.lastActivityAt ?? b.createdOn ?? 0) - (a.lastActivityAt ?? a.createdOn ?? 0);
}

/**
 * The thread list of the active account, its sync state, and which thread is selected. The list is
 * read a page at a time (the first page at start-up, more as it is scrolled), never whole.
 */
export class ThreadsState {
  accountId = $state<string | null>(null);
  list = $state.raw<ThreadSummary[]>([]);
  loaded = $state(false);
  /** More threads exist after the last one read. */
  hasMore = $state(false);
  loadingMore = $state(false);
  /** Every thread, read on demand (the quick switcher filters all of them); null until asked. */
  everything = $state.raw<ThreadSummary[] | null>(null);
  error = $state<ApiError | null>(null);
  sync = $state<SyncState | null>(null);
  selectedId = $state<string | null>(null);

  readonly ordered: ThreadSummary[] = $derived(this.list.filter((thread) => thread.deletedOn === null).sort(byActivity));
  readonly selected: ThreadSummary | null = $derived(this.list.find((thread) => thread.id === this.selectedId) ?? null);
  readonly #bridge: ParleyBridge;
  #generation = 0;
  #next: ThreadPageCursor | null = null;

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
    bridge.on('threads-changed', ({ accountId }) => {
      if (accountId === this.accountId) void this.reload();
    });
    bridge.on('sync-state', (state) => {
      if (state.accountId === this.accountId) this.sync = state;
    });
  }

  async show(accountId: string | null): Promise<void> {
    if (accountId === this.accountId && this.loaded) return;
    this.accountId = accountId;
    this.list = [];
    this.loaded = false;
    this.hasMore = false;
    this.everything = null;
    this.#next = null;
    this.sync = null;
    this.selectedId = null;
    if (accountId === null) return;
    const [, sync] = await Promise.all([this.reload(), this.#bridge.getSyncState({ accountId })]);
    if (sync.ok && sync.value.accountId === this.accountId) this.sync = sync.value;
  }

  /** Reads the list again from the top, as far as it had been read (at least the first page). */
  async reload(): Promise<void> {
    const accountId = this.accountId;
    if (accountId === null) return;
    const generation = ++this.#generation;
    const wanted = Math.max(FIRST_PAGE, this.list.length);
    const threads: ThreadSummary[] = [];
    let after: ThreadPageCursor | null = null;
    let error: ApiError | null = null;
    do {
      const page = await this.#bridge.listThreadPage({ accountId, limit: Math.min(LIMITS.threadsPerPage, wanted - threads.length), ...(after ? { after } : {}) });
      // A newer reload (or an account switch) has started: its answer wins.
      if (generation !== this.#generation || accountId !== this.accountId) return;
      if (!page.ok) {
        error = page.error;
        break;
      }
      threads.push(...page.value.threads);
      after = page.value.next;
    } while (after !== null && threads.length < wanted);
    if (error === null) {
      this.list = threads;
      this.#next = after;
      this.hasMore = after !== null;
    }
    this.error = error;
    this.loaded = true;
  }

  /** The next page, when the list is scrolled near its end. */
  async loadMore(): Promise<void> {
    const accountId = this.accountId;
    const after = this.#next;
    if (accountId === null || after === null || this.loadingMore) return;
    const generation = this.#generation;
    this.loadingMore = true;
    const page = await this.#bridge.listThreadPage({ accountId, limit: NEXT_PAGE, after });
    this.loadingMore = false;
    if (generation !== this.#generation || accountId !== this.accountId || !page.ok) return;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never state
    const known = new Set(this.list.map((thread) => thread.id));
    this.list = [...this.list, ...page.value.threads.filter((thread) => !known.has(thread.id))];
    this.#next = page.value.next;
    this.hasMore = page.value.next !== null;
  }

  /** Every thread of the account, for the quick switcher (read when it opens, not at start-up). */
  async loadEverything(): Promise<void> {
    const accountId = this.accountId;
    if (accountId === null) return;
    const result = await this.#bridge.listThreads({ accountId });
    if (result.ok && accountId === this.accountId) this.everything = result.value.filter((thread) => thread.deletedOn === null).sort(byActivity);
  }

  find(threadId: string): ThreadSummary | null {
    return this.list.find((thread) => thread.id === threadId) ?? null;
  }

  async create(input: Omit<CreateThreadInput, 'accountId'>): Promise<Result<CreateThreadResult>> {
    if (this.accountId === null) return { ok: false, error: { code: 'signed-out', message: 'No account is active.' } };
    const result = await this.#bridge.createThread({ ...input, accountId: this.accountId });
    if (result.ok && !this.find(result.value.thread.id)) this.list = [result.value.thread, ...this.list];
    return result;
  }

  async remove(threadId: string): Promise<Result<void>> {
    if (this.accountId === null) return { ok: false, error: { code: 'signed-out', message: 'No account is active.' } };
    const result = await this.#bridge.deleteThread({ accountId: this.accountId, threadId });
    if (result.ok) {
      this.list = this.list.filter((thread) => thread.id !== threadId);
      if (this.selectedId === threadId) this.selectedId = null;
    }
    return result;
  }

  /** Forgets a thread locally (after leaving it) until the next reload says otherwise. */
  forget(threadId: string): void {
    this.list = this.list.filter((thread) => thread.id !== threadId);
    if (this.selectedId === threadId) this.selectedId = null;
  }

  async setMuted(threadId: string, muted: boolean): Promise<Result<void>> {
    if (this.accountId === null) return { ok: false, error: { code: 'signed-out', message: 'No account is active.' } };
    const before = this.list;
    this.list = this.list.map((thread) => (thread.id === threadId ? { ...thread, muted } : thread));
    const result = await this.#bridge.setThreadMuted({ accountId: this.accountId, threadId, muted });
    if (!result.ok) this.list = before;
    return result;
  }

  /** Shows a thread as read at once; main's next list agrees. */
  clearUnread(threadId: string): void {
    if (this.find(threadId)?.unreadCount) this.list = this.list.map((thread) => (thread.id === threadId ? { ...thread, unreadCount: 0 } : thread));
  }

  async syncNow(): Promise<void> {
    if (this.accountId !== null) await this.#bridge.syncNow({ accountId: this.accountId });
  }
}
