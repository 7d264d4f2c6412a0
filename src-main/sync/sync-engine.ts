import type { ChatMessage, PollSpeed, SyncState, WindowFocus } from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import type { AccountService, AccountSession } from '../accounts/account-service.ts';
import type { Clock } from '../base/clock.ts';
import { diskFullFailure, isDiskFull } from '../store/disk-full.ts';
import type { EventHub } from '../base/events.ts';
import type { Logger } from '../base/logger.ts';
import { decideNotifications, notificationTextsFor, type ThreadCycle } from '../notify/notification-policy.ts';
import type { NotificationSink } from '../notify/notification-sink.ts';
import { unreadBadgeCount } from '../notify/unread-badge.ts';
import type { ServiceThreadItem } from '../acs/chat-service.ts';
import type { CacheStore } from '../store/cache-store.ts';
import { Backoff, retryableFailureOf } from './backoff.ts';
import { OPEN_THREAD_WINDOW_MESSAGES, PollSchedule, selectRescanThreads, type PollTask } from './poll-schedule.ts';

/** Re-read this much before a thread's message cursor: keyed upserts make the overlap free of duplicates. */
export const CURSOR_OVERLAP_MS = 30_000;
/** The thread list is asked from a little before its cursor, for clock skew between service nodes. */
const THREAD_LIST_OVERLAP_MS = 5_000;
/**
 * The service stamps `lastMessageReceivedOn` in whole seconds: a second message in the same second as
 * the last one synced leaves it unchanged. A thread listed at its cursor's second is therefore read
 * again, unless it was last checked (in the service's time) after that second was over.
 */
const LAST_MESSAGE_RESOLUTION_MS = 1_000;
const SETTLED_AFTER_MS = 2 * LAST_MESSAGE_RESOLUTION_MS;

/**
 * Whether a listed thread may hold messages its cursor has not seen. A thread listed without
 * `lastMessageReceivedOn` (the service leaves it out for a while after creation) says nothing about
 * its activity, so it is read.
 */
export function threadNeedsDelta(lastMessageAt: number | null, cursor: { syncedUntil: number; lastFullScanAt: number | null } | null): boolean {
  if (cursor === null || lastMessageAt === null) return true;
  const last = lastMessageAt;
  if (last > cursor.syncedUntil) return true;
  const sameSecond = last >= cursor.syncedUntil - LAST_MESSAGE_RESOLUTION_MS;
  return sameSecond && (cursor.lastFullScanAt ?? 0) < last + SETTLED_AFTER_MS;
}
/** Now and then the whole thread list, to notice threads deleted or left elsewhere. */
export const FULL_THREAD_SCAN_MS = 10 * 60_000;
const RECEIPTS_REFRESH_MS = 4_000;
/** Participants and thread properties (metadata, retention) of the open thread: other apps change them without a message. */
const PARTICIPANTS_REFRESH_MS = 30_000;
/** The scope of the thread list's own cursor (threads have theirs under their id). */
export const THREADS_CURSOR = 'threads';
const lastSyncedKey = (accountId: string) => `sync.lastSyncedAt.${accountId}`;

export interface SyncEngineDependencies {
  accounts: AccountService;
  store: CacheStore;
  events: EventHub;
  notifier: NotificationSink;
  clock: Clock;
  log: Logger;
  systemLanguages?: readonly string[];
  /** Timers are injectable so that tests can run cycles by hand. */
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Thrown between pages once the poller is stopped, so that a long history sync does not hold up quitting. */
class PollerStopped extends Error {}

interface CycleChanges {
  inserted: Map<string, ChatMessage[]>;
  threadsChanged: boolean;
}

type ThreadChange = { messages?: boolean; receipts?: boolean; participants?: boolean; outbox?: boolean };

/**
 * One poller per signed-in account: the adaptive schedule decides what is due, the delta reads
 * land in the cache, and each cycle ends with notifications, the badge and the published state.
 */
class AccountPoller {
  readonly schedule: PollSchedule;
  readonly #deps: SyncEngineDependencies;
  readonly #session: AccountSession;
  readonly #backoff = new Backoff();
  #timer: unknown;
  #cycle: Promise<void> | null = null;
  #stopped = false;
  #state: SyncState;
  #lastReceiptsAt = new Map<string, number>();
  #lastParticipantsAt = new Map<string, number>();
  #lastReceiptSent = new Map<string, string>();
  #focus: WindowFocus;
  readonly #onSignedOut: () => void;

  constructor(deps: SyncEngineDependencies, session: AccountSession, focus: WindowFocus, speed: PollSpeed, onSignedOut: () => void) {
    this.#deps = deps;
    this.#session = session;
    this.#onSignedOut = onSignedOut;
    const now = deps.clock.now();
    this.#focus = focus;
    this.schedule = new PollSchedule({ accountId: session.record.id, now, speed });
    this.schedule.setWindowFocus(focus, now);
    const lastSyncedAt = deps.store.getValue(lastSyncedKey(session.record.id));
    this.#state = { accountId: session.record.id, state: 'online', lastSyncedAt: typeof lastSyncedAt === 'number' ? lastSyncedAt : null, nextAttemptAt: null, message: null };
  }

  get accountId(): string {
    return this.#session.record.id;
  }

  get state(): SyncState {
    return this.#state;
  }

  /** Re-arms the single timer for whatever is due next. */
  arm(): void {
    if (this.#stopped) return;
    if (this.#timer !== undefined) this.#deps.clearTimer?.(this.#timer);
    this.#timer = undefined;
    if (this.#cycle) return;
    const dueAt = this.schedule.nextDueAt();
    if (dueAt === null) return;
    const delay = Math.max(0, dueAt - this.#deps.clock.now());
    const setTimer = this.#deps.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
    this.#timer = setTimer(() => void this.runDue(), delay);
  }

  /** Stops polling; resolves once a cycle in progress is over, so that nothing touches a closed cache. */
  stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) (this.#deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout)))(this.#timer);
    return this.#cycle ?? Promise.resolve();
  }

  /** Runs every task due now, one request at a time, then re-arms; a call during a cycle waits for it first. */
  async runDue(beforeCycle?: () => void): Promise<void> {
    while (this.#cycle) await this.#cycle;
    if (this.#stopped) return;
    beforeCycle?.();
    this.#cycle = this.#runCycle();
    try {
      await this.#cycle;
    } finally {
      this.#cycle = null;
      this.arm();
    }
  }

  async #runCycle(): Promise<void> {
    const changes: CycleChanges = { inserted: new Map(), threadsChanged: false };
    const previousSync = this.#state.lastSyncedAt;
    const tasks = this.schedule.due(this.#deps.clock.now());
    if (tasks.length === 0) return;
    try {
      for (const task of tasks) {
        await this.#run(task, changes);
        this.schedule.completed(task, this.#deps.clock.now());
      }
      this.#backoff.success();
      const syncedAt = this.#deps.clock.wallNow();
      this.#deps.store.setValue(lastSyncedKey(this.accountId), syncedAt);
      this.#publishState({ state: 'online', lastSyncedAt: syncedAt, nextAttemptAt: null, message: null });
    } catch (error) {
      this.#handleFailure(error);
    } finally {
      this.#finishCycle(changes, previousSync);
    }
  }

  /** After the user changed something: read that thread back now, so the cache shows the service's result. */
  async refreshThread(threadId: string, read: { participants: boolean; properties: boolean }): Promise<void> {
    const changes: CycleChanges = { inserted: new Map(), threadsChanged: false };
    await this.#syncMessagesDelta(threadId, changes);
    if (read.properties) await this.#syncProperties(threadId, changes);
    if (read.participants) await this.#syncParticipants(threadId);
    if (changes.threadsChanged) this.#deps.events.emit('threads-changed', { accountId: this.accountId });
  }

  async #syncParticipants(threadId: string): Promise<void> {
    this.#deps.store.replaceParticipants(this.accountId, threadId, await this.#session.chat.listParticipants(threadId));
    this.#changed(threadId, { participants: true });
  }

  /**
   * Metadata and retention policy are not in the thread list: they are read with the thread's
   * properties, for the open thread and after a change only. Reading them for every thread on first
   * sight would spend the service's "get thread" budget (50 per 10 s per user) on a first sync.
   */
  async #syncProperties(threadId: string, changes: CycleChanges): Promise<void> {
    const properties = await this.#session.chat.getThread(threadId);
    this.#deps.store.upsertThreads(this.accountId, [properties]);
    changes.threadsChanged = true;
  }

  async #run(task: PollTask, changes: CycleChanges): Promise<void> {
    const openThreadId = this.schedule.openThreadId;
    switch (task) {
      case 'thread-list':
        return this.#syncThreadList(changes);
      case 'open-thread':
        if (openThreadId) await this.#syncOpenThread(openThreadId, changes, false);
        return;
      case 'open-thread-window':
        if (openThreadId) await this.#syncOpenThread(openThreadId, changes, true);
        return;
      case 'recent-threads-rescan': {
        const threads = this.#deps.store.listThreads(this.accountId);
        for (const threadId of selectRescanThreads(threads, { excludeThreadId: openThreadId })) {
          await this.#rereadRecentWindow(threadId, changes);
        }
      }
    }
  }

  async #syncThreadList(changes: CycleChanges): Promise<void> {
    const { store, clock } = this.#deps;
    const cursor = store.getCursor(this.accountId, THREADS_CURSOR);
    const now = clock.now();
    const fullScan = cursor === null || now - (cursor.lastFullScanAt ?? 0) >= FULL_THREAD_SCAN_MS;
    const checkedAt = this.#session.serviceClock.now();
    const items = await this.#session.chat.listThreads(fullScan || cursor === null ? null : cursor.syncedUntil - THREAD_LIST_OVERLAP_MS);
    if (items.length > 0) {
      store.upsertThreads(
        this.accountId,
        items.map((item) => ({ id: item.id, topic: item.topic, deletedOn: item.deletedOn, ...(item.lastMessageAt !== null ? { lastMessageAt: item.lastMessageAt } : {}) })),
      );
      changes.threadsChanged = true;
    }
    if (fullScan) {
      const present = new Set(items.map((item) => item.id));
      for (const thread of store.listThreads(this.accountId)) {
        if (!present.has(thread.id) && thread.deletedOn === null) {
          store.markThreadDeleted(this.accountId, thread.id, now);
          changes.threadsChanged = true;
        }
      }
    }
    let syncedUntil = cursor?.syncedUntil ?? 0;
    for (const item of items) {
      if (item.deletedOn !== null) continue;
      const threadCursor = store.getCursor(this.accountId, item.id);
      if (threadNeedsDelta(item.lastMessageAt, threadCursor)) await this.#syncMessagesDelta(item.id, changes);
      // The people directory is drawn from every thread's participants: a thread seen for the first time
      // has its people read once (the open thread keeps them current after that).
      if (threadCursor === null && store.listParticipants(this.accountId, item.id).length === 0) await this.#syncParticipants(item.id);
      syncedUntil = Math.max(syncedUntil, item.lastMessageAt ?? 0);
    }
    // Once every listed thread has been read after its activity settled (this cycle's deltas ran after
    // `checkedAt`), the next listing may start from this check rather than from the newest activity:
    // otherwise every thread active within the overlap of the newest one is listed again on every idle
    // cycle (hundreds after a busy moment: several pages, i.e. several requests, per idle cycle).
    // A thread without `lastMessageReceivedOn` has not settled: it is listed (and read) again until it has one.
    const settled = (item: ServiceThreadItem) => item.deletedOn !== null || (item.lastMessageAt !== null && item.lastMessageAt + SETTLED_AFTER_MS <= checkedAt);
    if (items.every(settled)) syncedUntil = Math.max(syncedUntil, checkedAt);
    store.setCursor(this.accountId, THREADS_CURSOR, { syncedUntil, lastFullScanAt: fullScan ? now : (cursor?.lastFullScanAt ?? now) });
  }

  /**
   * New messages since the thread's cursor (the whole history on first sight), stored page by page.
   * For a thread cursor, `lastFullScanAt` is when (in the service's time) the thread was last checked.
   */
  async #syncMessagesDelta(threadId: string, changes: CycleChanges): Promise<void> {
    const { store } = this.#deps;
    const checkedAt = this.#session.serviceClock.now();
    const cursor = store.getCursor(this.accountId, threadId);
    let syncedUntil = cursor?.syncedUntil ?? 0;
    await this.#session.chat.listMessages(threadId, cursor === null ? null : cursor.syncedUntil - CURSOR_OVERLAP_MS, {
      onPage: (page) => {
        this.#store(threadId, page, changes);
        for (const message of page) syncedUntil = Math.max(syncedUntil, message.createdOn);
      },
    });
    store.setCursor(this.accountId, threadId, { syncedUntil, lastFullScanAt: checkedAt });
  }

  /** Edits and deletions do not move a thread's last-message time: re-read its newest page. */
  async #rereadRecentWindow(threadId: string, changes: CycleChanges): Promise<void> {
    await this.#session.chat.listMessages(threadId, null, { limit: OPEN_THREAD_WINDOW_MESSAGES, onPage: (page) => this.#store(threadId, page, changes) });
  }

  async #syncOpenThread(threadId: string, changes: CycleChanges, withWindow: boolean): Promise<void> {
    if (withWindow) await this.#rereadRecentWindow(threadId, changes);
    await this.#syncMessagesDelta(threadId, changes);
    const now = this.#deps.clock.now();
    if (now - (this.#lastReceiptsAt.get(threadId) ?? 0) >= RECEIPTS_REFRESH_MS) {
      this.#lastReceiptsAt.set(threadId, now);
      this.#deps.store.upsertReadReceipts(this.accountId, threadId, await this.#session.chat.listReadReceipts(threadId));
      this.#changed(threadId, { receipts: true });
    }
    if (now - (this.#lastParticipantsAt.get(threadId) ?? 0) >= PARTICIPANTS_REFRESH_MS) {
      this.#lastParticipantsAt.set(threadId, now);
      await this.#syncParticipants(threadId);
      await this.#syncProperties(threadId, changes);
    }
    await this.#acknowledgeIfVisible(threadId);
  }

  #store(threadId: string, page: Parameters<CacheStore['upsertMessages']>[2], changes: CycleChanges): void {
    if (this.#stopped) throw new PollerStopped();
    if (page.length === 0) return;
    const result = this.#deps.store.upsertMessages(this.accountId, threadId, page);
    if (result.inserted.length > 0) {
      const list = changes.inserted.get(threadId) ?? [];
      list.push(...result.inserted);
      changes.inserted.set(threadId, list);
    }
    if (result.inserted.length > 0 || result.updated > 0) {
      changes.threadsChanged = true;
      this.#changed(threadId, { messages: true });
    }
  }

  /** The open thread of a focused window is being read: say so to the service and clear its unread count. */
  async #acknowledgeIfVisible(threadId: string): Promise<void> {
    const newest = this.#deps.store.newestMessage(this.accountId, threadId);
    if (!newest || this.schedule.openThreadId !== threadId || !this.#focus.focused) return;
    this.#deps.store.setReadMarker(this.accountId, threadId, newest.sequenceId);
    if (newest.isOwn || this.#lastReceiptSent.get(threadId) === newest.id) return;
    this.#lastReceiptSent.set(threadId, newest.id);
    await this.#session.chat.sendReadReceipt(threadId, newest.id);
  }

  setWindowFocus(focus: WindowFocus): void {
    this.#focus = focus;
    this.schedule.setWindowFocus(focus, this.#deps.clock.now());
    this.arm();
  }

  #changed(threadId: string, change: ThreadChange): void {
    this.#deps.events.emit('thread-changed', {
      accountId: this.accountId,
      threadId,
      messages: change.messages ?? false,
      outbox: change.outbox ?? false,
      receipts: change.receipts ?? false,
      participants: change.participants ?? false,
    });
  }

  #handleFailure(error: unknown): void {
    if (error instanceof PollerStopped) return;
    const now = this.#deps.clock.now();
    if (isDiskFull(error)) {
      // The cycle's writes rolled back and its cursors did not move: the next try reads the same
      // changes again. Retried on the backoff, so sync resumes by itself once there is room.
      const plan = this.#backoff.failure({ kind: 'transient' }, now);
      this.schedule.holdUntil(plan.retryAt, 'backoff');
      this.#publishState({ state: 'disk-full', nextAttemptAt: this.#onCalendar(plan.retryAt, now), message: diskFullFailure('sync is paused', error).message });
      return;
    }
    const failure = error instanceof ApiFailure ? error : new ApiFailure('internal', error instanceof Error ? error.message : String(error));
    if (failure.code === 'signed-out') {
      this.#publishState({ state: 'signed-out', nextAttemptAt: null, message: failure.message });
      void this.stop();
      this.#onSignedOut();
      return;
    }
    const retryable = retryableFailureOf(failure);
    if (!retryable) {
      this.#deps.log.warn(`sync of ${this.accountId} failed`, failure.message);
      const plan = this.#backoff.failure({ kind: 'transient' }, now);
      this.schedule.holdUntil(plan.retryAt, 'backoff');
      this.#publishState({ nextAttemptAt: this.#onCalendar(plan.retryAt, now), message: failure.message });
      return;
    }
    const plan = this.#backoff.failure(retryable, now);
    this.schedule.holdUntil(plan.retryAt, plan.reason === 'retry-after' ? 'throttled' : 'backoff');
    this.#publishState({ state: retryable.kind === 'throttled' ? 'throttled' : 'offline', nextAttemptAt: this.#onCalendar(plan.retryAt, now), message: failure.message });
  }

  /** A moment of the schedule (which never goes back) as the calendar time the user reads it against. */
  #onCalendar(at: number, now: number): number {
    return this.#deps.clock.wallNow() + (at - now);
  }

  #publishState(patch: Partial<SyncState>): void {
    const next = { ...this.#state, ...patch };
    const changed = JSON.stringify(next) !== JSON.stringify(this.#state);
    this.#state = next;
    if (changed) this.#deps.events.emit('sync-state', next);
  }

  #finishCycle(changes: CycleChanges, previousSync: number | null): void {
    const { store, events, notifier, clock } = this.#deps;
    if (changes.threadsChanged) events.emit('threads-changed', { accountId: this.accountId });
    if (changes.inserted.size === 0) return;
    // Only the threads that received messages: a cycle's cost does not grow with the account.
    const cycles: ThreadCycle[] = [...changes.inserted].map(([threadId, inserted]) => {
      const thread = store.getThread(this.accountId, threadId);
      return { threadId, topic: thread?.topic ?? '', muted: thread?.muted ?? false, inserted };
    });
    const settings = store.getSettings();
    const notifications = decideNotifications(
      {
        accountId: this.accountId,
        threads: cycles,
        settings,
        ownUserId: store.getAccount(this.accountId)?.userId ?? null,
        focus: this.#focus,
        lastSyncedAt: previousSync,
        now: clock.wallNow(),
      },
      { texts: notificationTextsFor(settings.language, this.#deps.systemLanguages ?? []) },
    );
    for (const notification of notifications) notifier.show(notification);
  }
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Polling for every signed-in account, driven by what the window shows and the machine's state. */
export function createSyncEngine(deps: SyncEngineDependencies) {
  const pollers = new Map<string, AccountPoller>();
  let focus: WindowFocus = { focused: false, visible: false, open: null };
  let online = true;
  let suspended = false;
  let started = false;

  function speed(): PollSpeed {
    return deps.store.getSettings().pollSpeed;
  }

  function attach(session: AccountSession): void {
    void pollers.get(session.record.id)?.stop();
    const poller = new AccountPoller(deps, session, focus, speed(), () => {
      pollers.delete(session.record.id);
      deps.accounts.markSignedOut(session.record.id);
    });
    pollers.set(session.record.id, poller);
    const now = deps.clock.now();
    poller.schedule.setOnline(online, now);
    poller.schedule.setSuspended(suspended, now);
    poller.arm();
  }

  /** Applies a change of conditions to every account's schedule and re-arms its timer. */
  function reschedule(change: (schedule: PollSchedule, now: number) => void): void {
    const now = deps.clock.now();
    for (const poller of pollers.values()) {
      change(poller.schedule, now);
      poller.arm();
    }
  }

  function updateBadge(): void {
    // On every threads-changed event and read marker: one sum per account, not a read of every thread.
    deps.notifier.setBadgeCount(unreadBadgeCount(deps.accounts.state().accounts.map((account) => account.unread)));
  }

  return {
    start(): void {
      started = true;
      for (const session of deps.accounts.signedInSessions()) attach(session);
      deps.accounts.onSessionChange((accountId, session) => {
        if (!started) return;
        if (session) attach(session);
        else {
          void pollers.get(accountId)?.stop();
          pollers.delete(accountId);
        }
      });
      deps.events.subscribe((event) => {
        if (event === 'threads-changed') updateBadge();
      });
    },

    async stop(): Promise<void> {
      started = false;
      const stopping = [...pollers.values()].map((poller) => poller.stop());
      pollers.clear();
      await Promise.all(stopping);
    },

    setWindowFocus(next: WindowFocus): void {
      focus = next;
      for (const poller of pollers.values()) poller.setWindowFocus(next);
    },

    windowFocus(): WindowFocus {
      return focus;
    },

    setSpeed(next: PollSpeed): void {
      reschedule((schedule, now) => schedule.setSpeed(next, now));
    },

    setSuspended(next: boolean): void {
      suspended = next;
      reschedule((schedule, now) => schedule.setSuspended(next, now));
    },

    setOnline(next: boolean): void {
      online = next;
      reschedule((schedule, now) => schedule.setOnline(next, now));
    },

    /** Everything due at once, and resolves when that cycle is over (tests and "sync now" wait on it). */
    async syncNow(accountId: string): Promise<void> {
      const poller = pollers.get(accountId);
      if (!poller) throw new ApiFailure('signed-out', 'This account is signed out; sign in again to sync it.');
      await poller.runDue(() => poller.schedule.requestNow(deps.clock.now()));
    },

    /** Best effort: a failure here leaves the next poll to bring the change. */
    async refreshThread(accountId: string, threadId: string, options: { participants?: boolean; properties?: boolean } = {}): Promise<void> {
      try {
        await pollers.get(accountId)?.refreshThread(threadId, { participants: options.participants ?? false, properties: options.properties ?? false });
      } catch (error) {
        deps.log.warn(`could not read back thread ${threadId}`, error instanceof Error ? error.message : error);
      }
    },

    state(accountId: string): SyncState {
      return pollers.get(accountId)?.state ?? { accountId, state: 'signed-out', lastSyncedAt: null, nextAttemptAt: null, message: null };
    },

    updateBadge,
  };
}
