import { join } from 'node:path';
import { extraCaTrust, type TlsTrust } from '../acs/tls-trust.ts';
import type { TokenRefresher } from '../acs/credentials.ts';
import type { Emulator, EmulatorOptions } from '../../emulator/index.ts';

export interface DemoConnection {
  endpoint: string;
  userId: string;
  /** The demo's own user ("Alex Morgan" in the seed): the name the account shows and sends with. */
  displayName: string;
  refresher: TokenRefresher;
  tls: TlsTrust;
}

/** Parley's embedded default: the ACS emulator, in this process, seeded with demo conversations. */
export interface LocalDemo {
  readonly available: boolean;
  start(): Promise<DemoConnection>;
  stop(): Promise<void>;
  /** The running emulator, for tests and benchmarks. */
  emulator(): Emulator | undefined;
}

export interface LocalDemoOptions {
  /** Parley's profile directory; the demo keeps its service data beside the cache. */
  dataDir: string;
  /** How often a demo participant posts (ms); 0 turns the activity off. */
  activityIntervalMs?: number;
  /** For tests: options passed through to the emulator. */
  emulatorOptions?: Partial<EmulatorOptions>;
}

export function createLocalDemo(options: LocalDemoOptions): LocalDemo {
  let running: Promise<{ emulator: Emulator; connection: DemoConnection }> | undefined;

  async function launch() {
    const { startEmulator } = await import('../../emulator/index.ts');
    const interval = options.activityIntervalMs ?? 45_000;
    const emulator = await startEmulator({
      dataDir: join(options.dataDir, 'demo-service'),
      port: 0,
      seedDemo: true,
      demoActivity: interval > 0 ? { intervalMs: interval } : false,
      ...options.emulatorOptions,
    });
    const demo = emulator.demo;
    if (!demo) throw new Error('the demo service started without its demo data');
    const connection: DemoConnection = {
      endpoint: emulator.endpoint,
      userId: demo.meUserId,
      displayName: demo.users.find((user) => user.id === demo.meUserId)?.displayName ?? 'Local demo',
      refresher: async () => emulator.issueToken(demo.meUserId, ['chat'], 60).token,
      tls: extraCaTrust(emulator.caPem),
    };
    return { emulator, connection };
  }

  let current: Emulator | undefined;
  return {
    available: true,
    async start() {
      running ??= launch().catch((error: unknown) => {
        running = undefined;
        throw error;
      });
      const { emulator, connection } = await running;
      current = emulator;
      return connection;
    },
    async stop() {
      const stopping = running;
      running = undefined;
      current = undefined;
      if (stopping) await (await stopping).emulator.stop();
    },
    emulator: () => current,
  };
}
