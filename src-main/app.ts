import { accessSync, constants, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers, AppInfo, CacheRebuilt, ParleyEvents, ShellKind } from '../src-preload/contract.ts';
import { createAccountService, type AccountService } from './accounts/account-service.ts';
import type { TlsTrust } from './acs/tls-trust.ts';
import { createApiHandlers } from './api/handlers.ts';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import type { Clock } from './base/clock.ts';
import { createLocalDemo, type LocalDemo, type LocalDemoOptions } from './demo/local-demo.ts';
import { createEventHub, type EventHub } from './base/events.ts';
import type { Logger } from './base/logger.ts';
import { acquireProfileLock, type ProfileLock } from './base/profile-lock.ts';
import type { NotificationSink } from './notify/notification-sink.ts';
import { createMemorySecretStore, type KeychainStore } from './secrets/secret-store.ts';
import type { CacheDatabase, OpenOptions } from './store/db.ts';
import type { CacheStore } from './store/cache-store.ts';
import { openRecoveringStore } from './store/cache-recovery.ts';
import { createOutboxSender } from './sync/outbox-sender.ts';
import { LIST_MESSAGES_SHARE, RequestBudget } from './sync/request-budget.ts';
import { budgetedRequests } from './sync/request-hooks.ts';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine.ts';

export interface AppDependencies {
  /** The profile directory: cache, settings. Created if missing. */
  dataDir: string;
  /** The OS keychain (keytar in both shells; tests may pass another real or in-memory one). */
  secrets: KeychainStore;
  notifier: NotificationSink;
  clock: Clock;
  log: Logger;
  shell: ShellKind;
  appVersion: string;
  /** Supplied when a shell's notifier must reach the same hub (the browser page); created otherwise. */
  events?: EventHub;
  /** Tuning of the embedded demo service (tests turn its chatter down or off). */
  demo?: Omit<LocalDemoOptions, 'dataDir'>;
  systemLanguages?: readonly string[];
  /** Certificate authorities for accounts' endpoints; the system's by default (tests add the emulator's CA). */
  tls?: TlsTrust;
  /** How token refresh services are reached; the global fetch by default. */
  fetch?: typeof fetch;
  /** How long a service request may go unanswered (tests shorten it). */
  requestTimeoutMs?: number;
  /** Opens the cache file; `openCacheDatabase` by default (tests keep the connection, to fill the disk with `PRAGMA max_page_count`). */
  openDatabase?: (path: string, options: OpenOptions) => CacheDatabase;
}

export interface ParleyApp {
  api: ApiHandlers;
  dispatcher: Dispatcher;
  events: EventHub;
  /** The services themselves, for the shells' wiring, tests and benchmarks. */
  services: { store: CacheStore; accounts: AccountService; sync: SyncEngine; demo: LocalDemo };
  /** This process's hold on the profile folder (released by `stop`). */
  profileLock: ProfileLock;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function directorySize(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    total += entry.isDirectory() ? directorySize(child) : statSync(child).size;
  }
  return total;
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The composition root: both shells and the tests build Parley here, from explicit dependencies. */
export function createParleyApp(deps: AppDependencies): ParleyApp {
  mkdirSync(deps.dataDir, { recursive: true });
  // Before the cache is opened: two processes must never write one SQLite file (throws ProfileInUse).
  const profileLock = acquireProfileLock(deps.dataDir, { shell: deps.shell });
  const { clock, log } = deps;
  const events = deps.events ?? createEventHub();
  const appInfo: AppInfo = { name: 'Parley', version: deps.appVersion, shell: deps.shell, platform: process.platform, runtime: `Node ${process.versions.node}` };

  let cacheRebuilt: CacheRebuilt | null = null;
  const store = openRecoveringStore(join(deps.dataDir, 'cache.sqlite'), {
    log,
    wallNow: () => clock.wallNow(),
    onRebuilt: (rebuilt) => {
      cacheRebuilt = rebuilt;
      events.emit('cache-rebuilt', rebuilt);
    },
    ...(deps.openDatabase ? { open: deps.openDatabase } : {}),
  });
  const demo = createLocalDemo({ dataDir: deps.dataDir, ...deps.demo });
  const budget = new RequestBudget({ safetyFactorByOperation: { 'list-messages': LIST_MESSAGES_SHARE } });
  const accounts: AccountService = createAccountService({
    store,
    keychain: deps.secrets,
    thisRunOnly: createMemorySecretStore(),
    demo,
    events,
    clock,
    log,
    ...(deps.tls ? { tls: deps.tls } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
    requestHooks: (account) => ({
      beforeRequest: budgetedRequests(budget, account.userId, clock),
      onSkippedRecord: (reason) => log.warn(`skipped a record from the service: ${reason}`),
    }),
  });
  const sync = createSyncEngine({ accounts, store, events, notifier: deps.notifier, clock, log, systemLanguages: deps.systemLanguages ?? [] });
  const outbox = createOutboxSender({ accounts, store, events, clock, log });
  accounts.onSessionChange((accountId, session) => {
    if (session) void outbox.kick(accountId);
  });
  // The service answering again is the moment to deliver what waited, not the end of the send backoff.
  const lastConnectivity = new Map<string, string>();
  events.subscribe((event, payload) => {
    if (event !== 'sync-state') return;
    const { accountId, state } = payload as ParleyEvents['sync-state'];
    if (state === 'online' && lastConnectivity.get(accountId) !== 'online') void outbox.kick(accountId);
    lastConnectivity.set(accountId, state);
  });

  const api = createApiHandlers({
    appInfo,
    dataStatus: () => ({ dataDir: deps.dataDir, writable: isWritable(deps.dataDir), cacheBytes: directorySize(deps.dataDir), cacheRebuilt }),
    accounts,
    store,
    sync,
    outbox,
    events,
    clock,
    log,
  });

  let started: Promise<void> | undefined;
  const start = () =>
    (started ??= (async () => {
      await accounts.restore();
      sync.start();
      void outbox.kickAll();
    })());

  return {
    api,
    dispatcher: createDispatcher(api, log, () => started ?? start()),
    events,
    services: { store, accounts, sync, demo },
    profileLock,
    start,
    async stop() {
      await Promise.all([sync.stop(), outbox.stop()]);
      await demo.stop();
      store.close();
      profileLock.release();
    },
  };
}
