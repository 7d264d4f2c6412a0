import { accessSync, constants, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiHandlers, AppInfo, ShellKind } from '../src-preload/contract.ts';
import type { Clock } from './clock.ts';
import { createDispatcher, type Dispatcher } from './api/dispatcher.ts';
import { createEventHub, type EventHub } from './events.ts';
import type { Logger } from './logger.ts';
import type { NotificationSink } from './notify/notification-sink.ts';
import type { SecretStore } from './secrets/secret-store.ts';

export interface AppDependencies {
  /** The profile directory: cache, settings. Created if missing. */
  dataDir: string;
  secrets: SecretStore;
  notifier: NotificationSink;
  clock: Clock;
  log: Logger;
  shell: ShellKind;
  appVersion: string;
  /** Supplied when a shell's notifier must reach the same hub (the browser page); created otherwise. */
  events?: EventHub;
}

export interface ParleyApp {
  api: ApiHandlers;
  dispatcher: Dispatcher;
  events: EventHub;
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
  const events = deps.events ?? createEventHub();
  const appInfo: AppInfo = {
    name: 'Parley',
    version: deps.appVersion,
    shell: deps.shell,
    platform: process.platform,
    runtime: `Node ${process.versions.node}`,
  };

  const api = {
    getAppInfo: async () => appInfo,
    getDataStatus: async () => ({
      dataDir: deps.dataDir,
      writable: isWritable(deps.dataDir),
      cacheBytes: directorySize(deps.dataDir),
    }),
    getAccountState: async () => ({ accounts: [], activeAccountId: null, demoAvailable: true }),
  } satisfies ApiHandlers;

  return {
    api,
    dispatcher: createDispatcher(api, deps.log),
    events,
    async start() {},
    async stop() {},
  };
}
