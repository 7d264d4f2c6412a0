import { createHash } from 'node:crypto';
import type {
  AccountState,
  AccountSummary,
  KeychainChoice,
  KeychainProblem,
  KeychainStatus,
  ParleyEvents,
  SignInWithConnectionString,
  SignInWithToken,
} from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { decodeAcsToken, normalizeEndpoint, parseConnectionString } from '../acs/access-token.ts';
import { readHttpsUrl } from '../../src-shared/credentials/credential-text.ts';
import { createChatService, type ChatService, type ChatServiceOptions } from '../acs/chat-service.ts';
import { createUserCredential, identityFromConnectionString, refreshFromUrl, type TokenRefresher } from '../acs/credentials.ts';
import { loadSdk } from '../acs/sdk.ts';
import { createServiceClock, type ServiceClock } from '../acs/service-clock.ts';
import { systemTlsTrust, type TlsTrust } from '../acs/tls-trust.ts';
import type { Clock } from '../base/clock.ts';
import type { EventHub } from '../base/events.ts';
import type { Logger } from '../base/logger.ts';
import { KeychainUnavailableError, type KeychainStore, type SecretStore } from '../secrets/secret-store.ts';
import type { LocalDemo } from '../demo/local-demo.ts';
import type { AccountRecord, CacheStore } from '../store/cache-store.ts';

/** The part of the cache that accounts need. */
export type AccountRecordStore = Pick<CacheStore, 'upsertAccount' | 'listAccounts' | 'deleteAccount' | 'getValue' | 'setValue' | 'unreadTotal'>;

type StoredSecret = { kind: 'token'; token: string; refreshUrl?: string; refreshAuthorization?: string } | { kind: 'connection-string'; connectionString: string };

export interface AccountSession {
  record: AccountRecord;
  chat: ChatService;
  /** The service's time as its answers tell it: sync reasons about freshness in it. */
  serviceClock: ServiceClock;
}

interface SessionState {
  record: AccountRecord;
  session: AccountSession | null;
  secretPersisted: boolean;
  keychainProblem: KeychainProblem | null;
}

export interface AccountServiceDependencies {
  store: AccountRecordStore;
  keychain: KeychainStore;
  thisRunOnly: SecretStore;
  demo: LocalDemo;
  events: EventHub;
  clock: Clock;
  log: Logger;
  tls?: TlsTrust;
  requestTimeoutMs?: number;
  /** Reaches token refresh services (injectable so tests can stand in for a customer's service). */
  fetch?: typeof fetch;
  /** Lets the sync engine budget and count every request of an account. */
  requestHooks?: (account: AccountRecord) => Pick<ChatServiceOptions, 'beforeRequest' | 'onSkippedRecord'>;
}

const ACTIVE_ACCOUNT_KEY = 'activeAccountId';
export const DEMO_ACCOUNT_ID = 'local-demo';

/** An account is named by its endpoint and user: signing in again as the same user finds its cache. */
export function accountIdFor(endpoint: string, userId: string): string {
  return `acct-${createHash('sha256').update(`${endpoint}|${userId}`).digest('hex').slice(0, 16)}`;
}

export type AccountService = ReturnType<typeof createAccountService>;

/**
 * Accounts side by side: who they are (in the cache), their secrets (in the keychain, or this run's
 * memory by explicit choice), and a live service client for each one that is signed in.
 */
export function createAccountService(deps: AccountServiceDependencies) {
  const states = new Map<string, SessionState>();
  const tls = deps.tls ?? systemTlsTrust;
  const sessionListeners = new Set<(accountId: string, session: AccountSession | null) => void>();

  const summary = (state: SessionState): AccountSummary => ({
    id: state.record.id,
    kind: state.record.kind,
    displayName: state.record.displayName,
    endpoint: state.record.endpoint,
    userId: state.record.userId,
    secretPersisted: state.secretPersisted,
    signedIn: state.session !== null,
    keychainProblem: state.keychainProblem,
    unread: deps.store.unreadTotal(state.record.id),
  });

  function accountState(): AccountState {
    const accounts = [...states.values()].map(summary);
    const active = deps.store.getValue(ACTIVE_ACCOUNT_KEY);
    const activeAccountId = typeof active === 'string' && states.has(active) ? active : (accounts[0]?.id ?? null);
    return { accounts, activeAccountId, demoAvailable: deps.demo.available };
  }

  /** The unread totals the page was last sent, so that a thread change that leaves them as they were sends nothing. */
  const unreadSent = new Map<string, number>();

  function emitState(): void {
    const state = accountState();
    unreadSent.clear();
    for (const account of state.accounts) unreadSent.set(account.id, account.unread);
    deps.events.emit('accounts-changed', state);
  }

  function publish(accountId: string): void {
    const state = states.get(accountId);
    for (const listener of sessionListeners) listener(accountId, state?.session ?? null);
    emitState();
  }

  // Other accounts' unread counts show in the account switcher: they follow every change to a thread list.
  deps.events.subscribe((event, payload) => {
    if (event !== 'threads-changed') return;
    const { accountId } = payload as ParleyEvents['threads-changed'];
    if (states.has(accountId) && deps.store.unreadTotal(accountId) !== unreadSent.get(accountId)) emitState();
  });

  /** A live session: the SDKs (loaded on first use), a credential that refreshes, a chat client. */
  async function connect(record: AccountRecord, token: string | undefined, refresher: TokenRefresher | undefined, trust: TlsTrust): Promise<AccountSession> {
    await loadSdk();
    const serviceClock = createServiceClock(deps.clock);
    const credential = createUserCredential(token, refresher, { service: serviceClock, local: deps.clock });
    const chat = createChatService({
      endpoint: record.endpoint,
      credential,
      tls: trust,
      onServiceDate: serviceClock.observe,
      ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
      ...deps.requestHooks?.(record),
    });
    return { record, chat, serviceClock };
  }

  async function secretStoreFor(choice: KeychainChoice | undefined): Promise<SecretStore> {
    if (choice === 'this-run-only') return deps.thisRunOnly;
    const availability = await deps.keychain.probe();
    if (availability.state !== 'available') {
      throw new ApiFailure('keychain-unavailable', `${availability.reason} Parley never writes secrets to a plain file: you can keep this one for this run only.`);
    }
    return deps.keychain;
  }

  /** Throws `KeychainUnavailableError` when the keychain cannot answer: the secret may exist. */
  async function readSecret(accountId: string): Promise<{ secret: StoredSecret; persisted: boolean } | null> {
    const fromMemory = await deps.thisRunOnly.get(accountId);
    if (fromMemory) return { secret: JSON.parse(fromMemory) as StoredSecret, persisted: false };
    const fromKeychain = await deps.keychain.get(accountId);
    return fromKeychain ? { secret: JSON.parse(fromKeychain) as StoredSecret, persisted: true } : null;
  }

  /**
   * Opens the session of a listed account from its stored secret. A keychain that cannot answer
   * leaves the account signed out with the problem at the account (logged once, here), never
   * forgotten: the user unlocks the keychain and retries.
   */
  async function resume(state: SessionState): Promise<void> {
    if (state.record.kind === 'demo') {
      state.session = await demoSession(state.record);
      state.record = state.session.record;
      return;
    }
    let stored;
    try {
      stored = await readSecret(state.record.id);
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      if (state.keychainProblem === null) deps.log.warn(`the secret of account ${state.record.id} could not be read: ${error.message}`);
      state.keychainProblem = error.state;
      return;
    }
    state.keychainProblem = null;
    if (!stored) return;
    state.secretPersisted = stored.persisted;
    state.session = await sessionFromSecret(state.record, stored.secret);
  }

  function tokenRefresherFor(secret: Extract<StoredSecret, { kind: 'token' }>): TokenRefresher | undefined {
    return secret.refreshUrl ? refreshFromUrl(secret.refreshUrl, secret.refreshAuthorization, deps.fetch) : undefined;
  }

  async function sessionFromSecret(record: AccountRecord, secret: StoredSecret): Promise<AccountSession> {
    if (secret.kind === 'token') return connect(record, secret.token, tokenRefresherFor(secret), tls);
    const identity = await identityFromConnectionString(secret.connectionString, record.userId, tls);
    return connect(record, undefined, identity.refresher, tls);
  }

  async function demoSession(record: AccountRecord): Promise<AccountSession> {
    const demo = await deps.demo.start();
    const updated = { ...record, endpoint: demo.endpoint, userId: demo.userId, displayName: demo.displayName };
    return connect(updated, undefined, demo.refresher, demo.tls);
  }

  /** Saves a verified account and its secret, and opens its session. */
  async function commit(record: AccountRecord, session: AccountSession, secret: StoredSecret | null, store: SecretStore | null): Promise<AccountSummary> {
    if (secret && store) {
      try {
        await store.set(record.id, JSON.stringify(secret));
      } catch (error) {
        if (!(error instanceof KeychainUnavailableError)) throw error;
        throw new ApiFailure('keychain-unavailable', `${error.message} Parley never writes secrets to a plain file: you can keep this one for this run only.`, { cause: error });
      }
      if (store !== deps.thisRunOnly) await deps.thisRunOnly.delete(record.id);
    }
    deps.store.upsertAccount(record);
    states.set(record.id, { record, session, secretPersisted: store === null || store.persistent, keychainProblem: null });
    deps.store.setValue(ACTIVE_ACCOUNT_KEY, record.id);
    publish(record.id);
    return summary(states.get(record.id)!);
  }

  async function verify(session: AccountSession, what: string): Promise<void> {
    try {
      await session.chat.probe();
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'signed-out') {
        throw new ApiFailure('invalid-input', `The service refused ${what}: it may be expired or revoked.`, {
          field: what === 'this token' ? 'token' : 'connectionString',
          cause: error,
        });
      }
      if (error instanceof ApiFailure && error.code === 'transient') {
        const reason = /secure connection/i.test(error.message)
          ? `${error.message} Is the address right, and does this computer trust its certificate?`
          : `The service cannot be reached at ${session.record.endpoint}. Check the address and your connection.`;
        throw new ApiFailure('transient', reason, { field: session.record.kind === 'token' ? 'endpoint' : 'connectionString', cause: error });
      }
      throw error;
    }
  }

  return {
    onSessionChange(listener: (accountId: string, session: AccountSession | null) => void): () => void {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },

    /** Brings back every known account; one whose secret is gone stays listed, signed out. */
    async restore(): Promise<void> {
      for (const record of deps.store.listAccounts()) {
        const state: SessionState = { record, session: null, secretPersisted: true, keychainProblem: null };
        states.set(record.id, state);
        try {
          await resume(state);
        } catch (error) {
          deps.log.warn(`account ${record.id} could not be restored`, error instanceof Error ? error.message : error);
        }
        publish(record.id);
      }
    },

    state: accountState,

    async keychainStatus(): Promise<KeychainStatus> {
      const availability = await deps.keychain.probe();
      return availability.state === 'available' ? { state: 'available' } : { state: availability.state, reason: availability.reason };
    },

    async signInWithToken(input: SignInWithToken): Promise<AccountSummary> {
      const endpoint = normalizeEndpoint(input.endpoint);
      const claims = decodeAcsToken(input.token);
      if (claims.expiresOn <= deps.clock.now() && !input.refreshUrl) {
        throw new ApiFailure('invalid-input', 'This token has expired. Get a fresh one, or add a token refresh URL.', { field: 'token' });
      }
      if (input.refreshUrl !== undefined && input.refreshUrl !== '' && 'problem' in readHttpsUrl(input.refreshUrl)) {
        throw new ApiFailure('invalid-input', 'The refresh URL must be a full https:// address.', { field: 'refreshUrl' });
      }
      const secret: StoredSecret = {
        kind: 'token',
        token: input.token.trim(),
        ...(input.refreshUrl ? { refreshUrl: input.refreshUrl } : {}),
        ...(input.refreshAuthorization ? { refreshAuthorization: input.refreshAuthorization } : {}),
      };
      const record: AccountRecord = {
        id: accountIdFor(endpoint, claims.userId),
        kind: 'token',
        displayName: input.displayName.trim(),
        endpoint,
        userId: claims.userId,
        createdAt: deps.clock.now(),
      };
      const store = await secretStoreFor(input.keychain);
      const session = await connect(record, secret.token, tokenRefresherFor(secret), tls);
      await verify(session, 'this token');
      return commit(record, session, secret, store);
    },

    async signInWithConnectionString(input: SignInWithConnectionString): Promise<AccountSummary> {
      const { endpoint } = parseConnectionString(input.connectionString);
      const store = await secretStoreFor(input.keychain);
      const existing = [...states.values()].find((state) => state.record.kind === 'connection-string' && state.record.endpoint === endpoint);
      let identity;
      try {
        identity = await identityFromConnectionString(input.connectionString.trim(), existing?.record.userId ?? null, tls);
      } catch (error) {
        if (error instanceof ApiFailure && (error.code === 'signed-out' || error.code === 'permanent' || error.code === 'forbidden')) {
          throw new ApiFailure('invalid-input', 'The service refused this connection string: check the access key.', { field: 'connectionString', cause: error });
        }
        if (error instanceof ApiFailure && error.code === 'transient') {
          throw new ApiFailure('transient', `The service cannot be reached at ${endpoint}. Check the address and your connection.`, { field: 'connectionString', cause: error });
        }
        throw error;
      }
      const record: AccountRecord = {
        id: existing?.record.id ?? accountIdFor(endpoint, identity.userId),
        kind: 'connection-string',
        displayName: input.displayName.trim(),
        endpoint,
        userId: identity.userId,
        createdAt: existing?.record.createdAt ?? deps.clock.now(),
      };
      const session = await connect(record, undefined, identity.refresher, tls);
      await verify(session, 'this connection string');
      return commit(record, session, { kind: 'connection-string', connectionString: input.connectionString.trim() }, store);
    },

    async startLocalDemo(): Promise<AccountSummary> {
      const existing = states.get(DEMO_ACCOUNT_ID);
      const record: AccountRecord = existing?.record ?? { id: DEMO_ACCOUNT_ID, kind: 'demo', displayName: 'Local demo', endpoint: '', userId: '', createdAt: deps.clock.now() };
      const session = existing?.session ?? (await demoSession(record));
      return commit(session.record, session, null, null);
    },

    async signOut(accountId: string, purgeCache: boolean): Promise<void> {
      const state = states.get(accountId);
      if (!state) throw new ApiFailure('not-found', 'There is no such account.');
      states.delete(accountId);
      await deps.thisRunOnly.delete(accountId);
      try {
        await deps.keychain.delete(accountId);
      } catch (error) {
        deps.log.warn('could not remove a secret from the keychain', error instanceof Error ? error.message : error);
      }
      if (state.record.kind === 'demo') await deps.demo.stop();
      deps.store.deleteAccount(accountId, { purgeCache });
      publish(accountId);
    },

    /** After the user unlocked the keychain: reads the secret of an account that could not be restored. */
    async retrySecret(accountId: string): Promise<AccountSummary> {
      const state = states.get(accountId);
      if (!state) throw new ApiFailure('not-found', 'There is no such account.');
      if (!state.session) {
        await resume(state);
        publish(accountId);
        if (state.keychainProblem) {
          throw new ApiFailure('keychain-unavailable', `The system keychain still cannot give back the secret of ${state.record.displayName}: unlock it, then try again.`);
        }
      }
      return summary(state);
    },

    setActive(accountId: string): void {
      if (!states.has(accountId)) throw new ApiFailure('not-found', 'There is no such account.');
      deps.store.setValue(ACTIVE_ACCOUNT_KEY, accountId);
      emitState();
    },

    /** The live session of a signed-in account, or a typed failure saying why there is none. */
    session(accountId: string): AccountSession {
      const state = states.get(accountId);
      if (!state) throw new ApiFailure('not-found', 'There is no such account.');
      if (!state.session) throw new ApiFailure('signed-out', `${state.record.displayName} is signed out. Sign in again to reach the service; cached conversations stay readable.`);
      return state.session;
    },

    record(accountId: string): AccountRecord {
      const state = states.get(accountId);
      if (!state) throw new ApiFailure('not-found', 'There is no such account.');
      return state.record;
    },

    /** The service refused the account's credentials for good: keep its cache, drop its session. */
    markSignedOut(accountId: string): void {
      const state = states.get(accountId);
      if (!state?.session) return;
      state.session = null;
      publish(accountId);
    },

    signedInSessions(): AccountSession[] {
      return [...states.values()].flatMap((state) => (state.session ? [state.session] : []));
    },
  };
}
