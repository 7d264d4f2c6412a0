import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.ts';
import type { ApiInput, ApiMethod, ApiOutput, EventName, ParleyEvents } from '../../src-preload/contract.ts';
import { extraCaTrust, systemTlsTrust } from '../acs/tls-trust.ts';
import { createParleyApp, type ParleyApp } from '../app.ts';
import { systemClock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { DesktopNotification } from '../notify/notification-sink.ts';
import { createKeytarSecretStore } from '../secrets/keytar-store.ts';
import { createMemorySecretStore, type KeychainStore } from '../secrets/secret-store.ts';

/** The real keychain when the test run provides a throwaway one, otherwise an in-memory stand-in. */
export function testKeychain(): KeychainStore {
  if (process.env.PARLEY_TEST_KEYRING === '1') return createKeytarSecretStore(`Parley-test-${randomUUID()}`);
  const memory = createMemorySecretStore();
  return { ...memory, persistent: true, probe: async () => ({ state: 'available' }) };
}

export interface CapturedLog extends Logger {
  lines: string[];
}

export function capturingLogger(): CapturedLog {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      void lines.push(`${level} ${message} ${details.map((detail) => (detail instanceof Error ? detail.stack : JSON.stringify(detail))).join(' ')}`);
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

export class ApiCallFailed extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field: string | undefined) {
    super(`${code}: ${message}`);
    this.code = code;
    this.field = field;
  }
}

export interface CoreHarness {
  emulator: Emulator;
  app: ParleyApp;
  dataDir: string;
  keychain: KeychainStore;
  notifications: DesktopNotification[];
  badge: number[];
  events: Array<{ event: EventName; payload: unknown }>;
  log: CapturedLog;
  /** Calls the api as the renderer does (validated, enveloped) and unwraps the result. */
  call<M extends ApiMethod>(method: M, ...input: ApiInput<M> extends void ? [] : [ApiInput<M>]): Promise<ApiOutput<M>>;
  /** Resolves with the first matching event emitted from now on. */
  nextEvent<E extends EventName>(event: E, matches?: (payload: ParleyEvents[E]) => boolean, timeoutMs?: number): Promise<ParleyEvents[E]>;
  /** Waits until `condition` holds, checking after every event and every 50 ms. */
  until<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number, what?: string): Promise<T>;
  signInAs(userId: string, displayName: string): Promise<string>;
  /** Stops Parley's core and starts a new one on the same profile (a restart of the app). */
  restartApp(): Promise<void>;
  stop(): Promise<void>;
}

export interface CoreHarnessOptions {
  emulator?: EmulatorOptions;
  /** Reuse a running emulator (for restarts of the service side). */
  existingEmulator?: Emulator;
  dataDir?: string;
  /** Stands in for a customer's token refresh service. */
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
  /** Certificate authorities Parley trusts; the emulator's own CA by default. */
  trustEmulatorCa?: boolean;
  /** The keychain Parley uses; `testKeychain()` by default. */
  keychain?: KeychainStore;
}

/** Parley's whole core (no window) against a real emulator over HTTPS, a real SQLite file and a keychain. */
export async function startCoreHarness(options: CoreHarnessOptions = {}): Promise<CoreHarness> {
  const emulator = options.existingEmulator ?? (await startEmulator({ rateLimits: false, ...options.emulator }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-core-'));
  const keychain = options.keychain ?? testKeychain();
  const notifications: DesktopNotification[] = [];
  const badge: number[] = [];
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const waiters = new Set<() => void>();
  const log = capturingLogger();

  const build = () => {
    const app = createParleyApp({
      dataDir,
      secrets: keychain,
      notifier: { show: (notification) => void notifications.push(notification), setBadgeCount: (count) => void badge.push(count) },
      clock: systemClock,
      log,
      shell: 'browser',
      appVersion: 'test',
      tls: options.trustEmulatorCa === false ? systemTlsTrust : extraCaTrust(emulator.caPem),
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      demo: { activityIntervalMs: 0 },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    app.events.subscribe((event, payload) => {
      events.push({ event, payload });
      for (const wake of [...waiters]) wake();
    });
    return app;
  };

  const harness: CoreHarness = {
    emulator,
    app: build(),
    dataDir,
    keychain,
    notifications,
    badge,
    events,
    log,
    async call(method, ...input) {
      const result = await harness.app.dispatcher.invoke(method, input[0]);
      if (!result.ok) throw new ApiCallFailed(result.error.code, result.error.message, result.error.field);
      return result.value as never;
    },
    nextEvent(event, matches = () => true, timeoutMs = 10_000) {
      const from = events.length;
      return harness.until(() => events.slice(from).find((entry) => entry.event === event && matches(entry.payload as never))?.payload as never, timeoutMs, `event ${event}`);
    },
    until(condition, timeoutMs = 10_000, what = 'condition') {
      return new Promise((resolve, reject) => {
        let settled = false;
        const check = async () => {
          if (settled) return;
          try {
            const value = await condition();
            if (value !== undefined && value !== false && !settled) finish(() => resolve(value));
          } catch (error) {
            finish(() => reject(error));
          }
        };
        const interval = setInterval(check, 50);
        const timeout = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}`))), timeoutMs);
        const finish = (settle: () => void) => {
          settled = true;
          clearInterval(interval);
          clearTimeout(timeout);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        void check();
      });
    },
    async signInAs(userId, displayName) {
      const { token } = emulator.issueToken(userId, ['chat'], 60);
      const account = await harness.call('signInWithToken', { endpoint: emulator.endpoint, token, displayName });
      return account.id;
    },
    async restartApp() {
      await harness.app.stop();
      harness.app = build();
      await harness.app.start();
    },
    async stop() {
      await harness.app.stop();
      if (!options.existingEmulator) await emulator.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await harness.app.start();
  return harness;
}
