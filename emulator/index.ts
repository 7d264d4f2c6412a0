import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminRoutes, externalParticipant } from './admin.ts';
import { chatRoutes } from './chat/routes.ts';
import { ChatService } from './chat/service.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import { DemoActivity, DEFAULT_DEMO_ACTIVITY_INTERVAL_MS } from './demo-activity.ts';
import { Faults } from './faults.ts';
import { identityRoutes } from './identity/routes.ts';
import type { TokenScope } from './identity/scopes.ts';
import type { IssuedToken } from './identity/service.ts';
import { DEFAULT_TOKEN_MINUTES, IdentityService, newTokenSecret } from './identity/service.ts';
import { newResourceId } from './ids.ts';
import { Inspector } from './inspect.ts';
import type { InteropMessage, InteropSender } from './interop.ts';
import { postAsOtherClient } from './interop.ts';
import { OperationRecord } from './operation-record.ts';
import { RateLimiter } from './rate-limits.ts';
import type { DemoSeed } from './seed.ts';
import { seedDemo } from './seed.ts';
import { EmulatorServer } from './server.ts';
import { Store } from './store.ts';
import type { TlsMaterial } from './tls.ts';
import { ensureTlsMaterial } from './tls.ts';

export type { Clock } from './clock.ts';
export { ManualClock, systemClock } from './clock.ts';
export type { FaultHandle, FaultSpec, Faults } from './faults.ts';
export type { TokenScope } from './identity/scopes.ts';
export type { IssuedToken } from './identity/service.ts';
export type { Inspector } from './inspect.ts';
export type { InteropFile, InteropImage, InteropMessage, InteropPart, InteropSender, InteropStyle } from './interop.ts';
export type { MessageRecord, ParticipantRecord, ReadReceiptRecord, ThreadRecord, TypingRecord } from './model.ts';
export type { OperationEntry, OperationFilter, OperationRecord } from './operation-record.ts';
export type { RateLimiter } from './rate-limits.ts';
export type { DemoSeed, DemoUser } from './seed.ts';

export interface EmulatorOptions {
  /** 0 (the default here) picks a free port. */
  port?: number;
  /** Persist to SQLite and keys in this directory; omit for an in-memory emulator. */
  dataDir?: string;
  /** Base64 access key; default: generated once and kept in the data dir (or per run in memory). */
  accessKey?: string;
  seedDemo?: boolean;
  /** Enforce the documented rate limits (default true). */
  rateLimits?: boolean;
  /** A demo participant posts into a demo thread every interval (implies seeding). */
  demoActivity?: boolean | { intervalMs: number };
  clock?: Clock;
  /**
   * Give an edited or deleted message the thread's next sequenceId, as the 2021 preview service did
   * (NET `ThreadCGUD_ParticipantAUR_MessageGSU_NotificationT.json`). Off by default: the current service keeps it.
   */
  renumberOnEdit?: boolean;
}

export interface Emulator {
  /** `https://localhost:<port>/` */
  endpoint: string;
  /** `endpoint=https://localhost:<port>/;accesskey=<key>` */
  connectionString: string;
  accessKey: string;
  /** The CA that signed the server certificate; trust it to talk to the emulator. */
  caPem: string;
  port: number;
  /** The immutable resource GUID inside every user id. */
  resourceId: string;
  faults: Faults;
  operations: OperationRecord;
  inspect: Inspector;
  rateLimits: RateLimiter;
  /** Present when seeded (seedDemo or demoActivity). */
  demo: DemoSeed | undefined;
  /** Posts the next demo-activity message now (for tests); undefined when not seeded. */
  postDemoActivity(): string | undefined;
  createUser(): string;
  issueToken(userId: string, scopes?: readonly TokenScope[], expiresInMinutes?: number): IssuedToken;
  /** A new user and a token for it, in one call. */
  createUserWithToken(scopes?: readonly TokenScope[], expiresInMinutes?: number): IssuedToken & { userId: string };
  /** Revokes every token issued to the user so far (as the identity API does). */
  revokeUser(userId: string): void;
  deleteUser(userId: string): void;
  /**
   * Puts a participant of any identifier kind (Teams user, Teams visitor, Teams app, bot, phone number, ACS user)
   * into a thread, as a Teams-interop thread would list them; the chat API itself refuses all but ACS users.
   */
  addExternalParticipant(threadId: string, rawId: string, options?: { displayName?: string; metadata?: Record<string, string> }): void;
  /**
   * Posts as a participant of any kind what another client (Teams, the ACS UI Library) would send, composed from
   * parts (interop.ts); the same as `POST /admin/threads/{id}/messages` with a `style`. Returns the message id.
   */
  postInteropMessage(threadId: string, sender: InteropSender, message: InteropMessage): string;
  stop(): Promise<void>;
}

const TLS_META_KEYS: Record<keyof TlsMaterial, string> = {
  caCertPem: 'tls.caCert',
  caKeyPem: 'tls.caKey',
  serverCertPem: 'tls.serverCert',
  serverKeyPem: 'tls.serverKey',
};

let inMemoryTls: TlsMaterial | undefined;

/** Persisted material comes from (and goes back to) the store; in-memory emulators of one process share one CA. */
function loadTls(store: Store, persistent: boolean): TlsMaterial {
  if (!persistent) {
    inMemoryTls ??= ensureTlsMaterial({});
    return inMemoryTls;
  }
  const existing: Partial<TlsMaterial> = {};
  for (const [field, key] of Object.entries(TLS_META_KEYS) as Array<[keyof TlsMaterial, string]>) {
    const value = store.getMeta(key);
    if (value !== undefined) existing[field] = value;
  }
  const material = ensureTlsMaterial(existing);
  for (const [field, key] of Object.entries(TLS_META_KEYS) as Array<[keyof TlsMaterial, string]>) store.setMeta(key, material[field]);
  return material;
}

function checkAccessKey(accessKey: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accessKey) || Buffer.from(accessKey, 'base64').length < 16) {
    throw new Error('The access key must be base64 encoding at least 16 bytes.');
  }
  return accessKey;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const persistent = options.dataDir !== undefined;
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const store = new Store(options.dataDir !== undefined ? join(options.dataDir, 'emulator.sqlite') : ':memory:');
  try {
    const resourceId = store.metaOrCreate('resourceId', newResourceId);
    const accessKey = checkAccessKey(options.accessKey ?? store.metaOrCreate('accessKey', () => randomBytes(32).toString('base64')));
    const tokenSecret = Buffer.from(store.metaOrCreate('tokenSecret', newTokenSecret), 'base64');
    const tls = loadTls(store, persistent);
    if (options.dataDir !== undefined) writeFileSync(join(options.dataDir, 'ca.pem'), tls.caCertPem);

    const identity = new IdentityService(store, clock, resourceId, tokenSecret);
    const chat = new ChatService(store, clock, identity, { renumberOnEdit: options.renumberOnEdit ?? false });
    const inspect = new Inspector(store);
    const faults = new Faults();
    const operations = new OperationRecord();
    const rateLimiter = new RateLimiter(options.rateLimits ?? true);

    const demo = options.seedDemo || options.demoActivity ? seedDemo(store, identity, clock) : undefined;
    const activity = demo ? new DemoActivity(chat, demo) : undefined;
    if (activity && options.demoActivity) {
      activity.start(typeof options.demoActivity === 'object' ? options.demoActivity.intervalMs : DEFAULT_DEMO_ACTIVITY_INTERVAL_MS);
    }

    const server = new EmulatorServer({
      routes: [...chatRoutes(chat, store), ...identityRoutes(identity), ...adminRoutes({ operations, faults, identity, inspect, rateLimiter, chat })],
      identity,
      accessKey,
      clock,
      rateLimiter,
      faults,
      operations,
      tls: { cert: tls.serverCertPem, key: tls.serverKeyPem },
    });
    const port = await server.listen(options.port ?? 0);
    const endpoint = `https://localhost:${port}/`;
    let stopped = false;

    return {
      endpoint,
      connectionString: `endpoint=${endpoint};accesskey=${accessKey}`,
      accessKey,
      caPem: tls.caCertPem,
      port,
      resourceId,
      faults,
      operations,
      inspect,
      rateLimits: rateLimiter,
      demo,
      postDemoActivity: () => activity?.postNext(),
      createUser: () => identity.createUser(),
      issueToken: (userId, scopes = ['chat'], expiresInMinutes = DEFAULT_TOKEN_MINUTES) => identity.issueToken(userId, scopes, expiresInMinutes),
      createUserWithToken: (scopes = ['chat'], expiresInMinutes = DEFAULT_TOKEN_MINUTES) => {
        const userId = identity.createUser();
        return { userId, ...identity.issueToken(userId, scopes, expiresInMinutes) };
      },
      revokeUser: (userId) => identity.revokeTokens(userId),
      deleteUser: (userId) => identity.deleteUser(userId),
      addExternalParticipant: (threadId, rawId, participantOptions = {}) => chat.joinExternalParticipant(threadId, externalParticipant(rawId, participantOptions)),
      postInteropMessage: (threadId, sender, message) => postAsOtherClient(chat, threadId, sender, { composed: message }).id,
      async stop() {
        if (stopped) return;
        stopped = true;
        activity?.stop();
        await server.close();
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
