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
 * read a page at a time from the top (the first page at start-up, more as it is scrolled), never
 * whole; a thread opened from beyond the pages read (search, the quick switcher, a notification) is
 * read on its own.
 */
export class ThreadsState {
  accountId = $state<string | null>(null);
  /** The threads read so far, in the list's order (newest activity first). */
  list = $state.raw<ThreadSummary[]>([]);
  loaded = $state(false);
  /** More threads exist after the last one read. */
  hasMore = $state(false);
  loadingMore = $state(false);
  error = $state<ApiError | null>(null);
  sync = $state<SyncState | null>(null);
  selectedId = $state<string | null>(null);
  /** The selected thread when it is not among the pages read. */
  beyond = $state.raw<ThreadSummary | null>(null);

  readonly ordered: ThreadSummary[] = $derived(this.list.filter((thread) => thread.deletedOn === null).sort(byActivity));
  readonly selected: ThreadSummary | null = $derived(this.selectedId === null ? null : this.find(this.selectedId));
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
    this.#next = null;
    this.sync = null;
    this.selectedId = null;
    this.beyond = null;
    if (accountId === null) return;
    const [, sync] = await Promise.all([this.reload(), this.#bridge.getSyncState({ accountId })]);
    if (sync.ok && sync.value.accountId === this.accountId) this.sync = sync.value;
  }

  /**
   * Reads the list again from the top, as far as it had been read (at least the first page): a
   * thread that moved up takes its new place, a deleted one is gone, and nothing below the depth
   * read is asked for.
   */
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
      await this.#refreshBeyond(generation);
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
    // A thread that moved since the page before was read is already in the list.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, never state
    const known = new Set(this.list.map((thread) => thread.id));
    this.list = [...this.list, ...page.value.threads.filter((thread) => !known.has(thread.id))];
    this.#next = page.value.next;
    this.hasMore = page.value.next !== null;
    if (page.value.threads.some((thread) => thread.id === this.beyond?.id)) this.beyond = null;
  }

  /** A thread of the active account: from the pages read, or the one selected beyond them. */
  find(threadId: string): ThreadSummary | null {
    return this.list.find((thread) => thread.id === threadId) ?? (this.beyond?.id === threadId ? this.beyond : null);
  }

  /** The summary of a thread about to be opened, read on its own when it lies beyond the pages read. */
  async summaryOf(threadId: string): Promise<ThreadSummary | null> {
    const known = this.find(threadId);
    const accountId = this.accountId;
    if (known || accountId === null) return known;
    const result = await this.#bridge.getThread({ accountId, threadId });
    if (!result.ok || accountId !== this.accountId) return null;
    // The list may have reached it meanwhile.
    if (!this.list.some((thread) => thread.id === threadId)) this.beyond = result.value;
    return this.find(threadId);
  }

  /** Threads whose topic holds every word of `query`, from the whole account (main answers); null when main could not. */
  async findByTopic(query: string): Promise<ThreadSummary[] | null> {
    if (this.accountId === null) return [];
    const result = await this.#bridge.findThreads({ accountId: this.accountId, query, limit: LIMITS.threadsFound });
    return result.ok ? result.value : null;
  }

  /** After a reload: the selected thread beyond the pages read is read again (its topic, unread count); any other is let go. */
  async #refreshBeyond(generation: number): Promise<void> {
    const beyond = this.beyond;
    if (beyond === null) return;
    if (beyond.id !== this.selectedId || this.list.some((thread) => thread.id === beyond.id)) {
      this.beyond = null;
      return;
    }
    const result = await this.#bridge.getThread({ accountId: beyond.accountId, threadId: beyond.id });
    if (generation !== this.#generation || this.beyond?.id !== beyond.id) return;
    this.beyond = result.ok && result.value.deletedOn === null ? result.value : null;
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
    if (result.ok) this.forget(threadId);
    return result;
  }

  /** Forgets a thread locally (after leaving it) until the next reload says otherwise. */
  forget(threadId: string): void {
    this.list = this.list.filter((thread) => thread.id !== threadId);
    if (this.beyond?.id === threadId) this.beyond = null;
    if (this.selectedId === threadId) this.selectedId = null;
  }

  async setMuted(threadId: string, muted: boolean): Promise<Result<void>> {
    if (this.accountId === null) return { ok: false, error: { code: 'signed-out', message: 'No account is active.' } };
    const before = { list: this.list, beyond: this.beyond };
    this.#patch(threadId, { muted });
    const result = await this.#bridge.setThreadMuted({ accountId: this.accountId, threadId, muted });
    if (!result.ok) ({ list: this.list, beyond: this.beyond } = before);
    return result;
  }

  /** Shows a thread as read at once; main's next list agrees. */
  clearUnread(threadId: string): void {
    if (this.find(threadId)?.unreadCount) this.#patch(threadId, { unreadCount: 0 });
  }

  async syncNow(): Promise<void> {
    if (this.accountId !== null) await this.#bridge.syncNow({ accountId: this.accountId });
  }

  #patch(threadId: string, change: Partial<ThreadSummary>): void {
    this.list = this.list.map((thread) => (thread.id === threadId ? { ...thread, ...change } : thread));
    if (this.beyond?.id === threadId) this.beyond = { ...this.beyond, ...change };
  }
}
