import type { ApiError, CreateThreadInput, CreateThreadResult, ParleyBridge, Result, SyncState, ThreadSummary } from '$contract';

export function byActivity(a: ThreadSummary, b: ThreadSummary): number {
  return (b.lastActivityAt ?? b.createdOn ?? 0) - (a.lastActivityAt ?? a.createdOn ?? 0);
}

/** The thread list of the active account, its sync state, and which thread is selected. */
export class ThreadsState {
  accountId = $state<string | null>(null);
  list = $state.raw<ThreadSummary[]>([]);
  loaded = $state(false);
  error = $state<ApiError | null>(null);
  sync = $state<SyncState | null>(null);
  selectedId = $state<string | null>(null);

  readonly ordered: ThreadSummary[] = $derived(this.list.filter((thread) => thread.deletedOn === null).sort(byActivity));
  readonly selected: ThreadSummary | null = $derived(this.list.find((thread) => thread.id === this.selectedId) ?? null);
  readonly #bridge: ParleyBridge;
  #generation = 0;

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
    this.sync = null;
    this.selectedId = null;
    if (accountId === null) return;
    const [, sync] = await Promise.all([this.reload(), this.#bridge.getSyncState({ accountId })]);
    if (sync.ok && sync.value.accountId === this.accountId) this.sync = sync.value;
  }

  async reload(): Promise<void> {
    const accountId = this.accountId;
    if (accountId === null) return;
    const generation = ++this.#generation;
    const result = await this.#bridge.listThreads({ accountId });
    // A newer reload (or an account switch) has started: its answer wins.
    if (generation !== this.#generation || accountId !== this.accountId) return;
    if (result.ok) {
      this.list = result.value;
      this.error = null;
    } else this.error = result.error;
    this.loaded = true;
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
