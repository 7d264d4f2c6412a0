import type { ApiError, AppInfo, DataStatus, ParleyBridge, ThreadRef } from '$contract';
import { Clock } from './clock.svelte.ts';
import { ComposerState } from './composer.svelte.ts';
import { NotificationsState } from './notifications.svelte.ts';
import { PeopleDirectory } from './people.svelte.ts';
import { SearchState } from './search.svelte.ts';
import { SessionState } from './session.svelte.ts';
import { SettingsState } from './settings.svelte.ts';
import { ThreadViewState } from './thread-view.svelte.ts';
import { ThreadsState } from './threads.svelte.ts';
import { WindowFocusState } from './window-focus.svelte.ts';

export type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'unreachable'; error: ApiError };

/** The composition root of the renderer: every piece of state, and the moves that span several. */
export class AppState {
  load = $state<LoadState>({ phase: 'loading' });
  info = $state<AppInfo | null>(null);
  data = $state<DataStatus | null>(null);
  view = $state<ThreadViewState | null>(null);
  /** The user chose "Add account" while signed in: show the sign-in screen over the app. */
  addingAccount = $state(false);

  readonly session: SessionState;
  readonly threads: ThreadsState;
  readonly settings: SettingsState;
  readonly composer: ComposerState;
  readonly search: SearchState;
  readonly people: PeopleDirectory;
  readonly notifications: NotificationsState;
  readonly focus: WindowFocusState;
  readonly clock = new Clock();
  readonly #bridge: ParleyBridge;
  /** The first account shown opens the conversation that was open when Parley last ran. */
  #restoreAtStart = true;
  /** A thread was asked for (a click, a deep link, a notification): it wins over the restore. */
  #threadRequested = false;
  #opening = 0;

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
    this.session = new SessionState(bridge);
    this.threads = new ThreadsState(bridge);
    this.settings = new SettingsState(bridge);
    this.composer = new ComposerState(bridge, { displayName: () => this.session.active?.displayName });
    this.search = new SearchState(bridge, () => this.session.activeAccountId);
    this.people = new PeopleDirectory(bridge, () => this.session.activeAccountId);
    this.focus = new WindowFocusState(bridge);
    this.notifications = new NotificationsState(bridge, { shell: () => this.info?.shell ?? null, openThread: (ref) => void this.openThread(ref) });
    bridge.on('cache-rebuilt', (cacheRebuilt) => {
      if (this.data) this.data = { ...this.data, cacheRebuilt };
    });
    bridge.on('bridge-refused', (error) => {
      this.load = { phase: 'unreachable', error };
    });
    bridge.on('thread-changed', (change) => {
      const view = this.view;
      if (view && view.ref.accountId === change.accountId && view.ref.threadId === change.threadId) void view.onThreadChanged(change);
    });
  }

  async refresh(): Promise<void> {
    this.load = { phase: 'loading' };
    const [info, data, accounts] = await Promise.all([this.#bridge.getAppInfo(), this.#bridge.getDataStatus(), this.session.load()]);
    for (const result of [info, data, accounts]) {
      if (!result.ok) {
        this.load = { phase: 'unreachable', error: result.error };
        return;
      }
    }
    if (info.ok) this.info = info.value;
    if (data.ok) this.data = data.value;
    await this.settings.load();
    this.load = { phase: 'ready' };
  }

  /** Follows the active account: its thread list, and no thread of another account left open. */
  async showAccount(accountId: string | null): Promise<void> {
    if (this.view && this.view.ref.accountId !== accountId) this.closeThread();
    await this.threads.show(accountId);
    if (!this.#restoreAtStart) return;
    this.#restoreAtStart = false;
    if (accountId !== null) await this.#restoreLastThread(accountId);
  }

  /** Once the thread list is drawn; quietly nothing when main no longer has the thread (deleted, or left). */
  async #restoreLastThread(accountId: string): Promise<void> {
    const last = await this.#bridge.getLastOpenThread({ accountId });
    if (!last.ok || last.value === null || this.#threadRequested || this.session.activeAccountId !== accountId) return;
    await this.openThread(last.value);
  }

  async openThread(ref: ThreadRef, aroundMessageId?: string): Promise<void> {
    this.#threadRequested = true;
    if (ref.accountId !== this.session.activeAccountId) {
      await this.session.setActive(ref.accountId);
      await this.showAccount(ref.accountId);
    }
    this.addingAccount = false;
    const current = this.view;
    if (current && current.ref.accountId === ref.accountId && current.ref.threadId === ref.threadId) {
      if (aroundMessageId) await current.jumpToMessage(aroundMessageId);
      return;
    }
    const opening = ++this.#opening;
    const summary = this.threads.find(ref.threadId) ?? (await this.threads.summaryOf(ref.threadId));
    // Another thread was asked for while this one's summary was read: the last asked wins.
    if (opening !== this.#opening) return;
    this.view?.dispose();
    const account = this.session.accounts.find((candidate) => candidate.id === ref.accountId);
    const view = new ThreadViewState(this.#bridge, ref, {
      ownUserId: account?.userId ?? null,
      ownDisplayName: account?.displayName ?? null,
      unreadCount: summary?.unreadCount ?? 0,
    });
    this.view = view;
    this.threads.selectedId = ref.threadId;
    void this.composer.switchTo(ref);
    await view.open(aroundMessageId);
  }

  closeThread(): void {
    this.view?.dispose();
    this.view = null;
    this.threads.selectedId = null;
    void this.composer.switchTo(null);
  }

  /** Sends the composer's text; the new outbox item shows at once. */
  async send(): Promise<void> {
    if (this.notifications.needsPermission) void this.notifications.requestPermission();
    const item = await this.composer.send();
    if (item && this.view && this.view.ref.threadId === item.threadId) this.view.acceptOutboxItem(item);
  }

  async leaveOpenThread(): Promise<ApiError | null> {
    const view = this.view;
    if (!view) return null;
    const result = await view.leave();
    if (!result.ok) return result.error;
    this.threads.forget(view.ref.threadId);
    this.closeThread();
    return null;
  }

  async deleteThread(threadId: string): Promise<ApiError | null> {
    const result = await this.threads.remove(threadId);
    if (!result.ok) return result.error;
    if (this.view?.ref.threadId === threadId) this.closeThread();
    return null;
  }
}
