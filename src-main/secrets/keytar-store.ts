import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../base/logger.ts';
import { KeychainUnavailableError, type KeychainStore, type KeychainTrouble } from './secret-store.ts';

export const KEYCHAIN_SERVICE = 'Parley';
/** keytar is an optional dependency: where its native part cannot be built (no libsecret headers) it is absent. */
export const KEYTAR_MODULE = 'keytar';
const PROBE_ACCOUNT = 'parley-keychain-probe';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Raised when keytar itself cannot be loaded, as opposed to a keychain that does not answer. */
class KeytarUnloadable extends Error {}

async function loadKeytar(moduleSpecifier: string): Promise<Keytar> {
  const target = isAbsolute(moduleSpecifier) ? pathToFileURL(moduleSpecifier).href : moduleSpecifier;
  try {
    const module = (await import(target)) as Keytar & { default?: Keytar };
    return module.default ?? module;
  } catch (error) {
    throw new KeytarUnloadable(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

export interface KeytarStoreOptions {
  /** The module keytar is loaded from: the package by default; a path elsewhere (tests point it at one that fails to load). */
  moduleSpecifier?: string;
  /** Told once, with the technical detail, when keytar cannot be loaded (the user is told in a sentence elsewhere). */
  log?: Pick<Logger, 'warn'>;
}

const LOCKED: KeychainTrouble = { state: 'locked', reason: 'The system keychain is locked: unlock it and try again.' };
const UNLOADABLE: KeychainTrouble = { state: 'unavailable', reason: 'Parley’s keychain module (keytar) is not installed or cannot load on this machine.' };

/** What a failed keychain call means for the user: no keytar, a locked keychain (Secret Service says so in words), or none at all. */
function troubleOf(error: unknown): KeychainTrouble {
  if (error instanceof KeytarUnloadable) return UNLOADABLE;
  const detail = error instanceof Error ? error.message : String(error);
  if (/\block/i.test(detail)) return LOCKED;
  return { state: 'unavailable', reason: `No system keychain could be reached (${detail}).` };
}

export function createKeytarSecretStore(service = KEYCHAIN_SERVICE, options: KeytarStoreOptions = {}): KeychainStore {
  let keytar: Promise<Keytar> | undefined;
  const load = () =>
    (keytar ??= loadKeytar(options.moduleSpecifier ?? KEYTAR_MODULE).catch((error: unknown) => {
      options.log?.warn('keytar could not be loaded', error instanceof Error ? error.message : error);
      throw error;
    }));
  const call = async <T>(use: (api: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await use(await load());
    } catch (error) {
      throw new KeychainUnavailableError(troubleOf(error));
    }
  };
  const store: KeychainStore = {
    persistent: true,
    async get(key) {
      const secret = await call((api) => api.getPassword(service, key));
      if (secret !== null) return secret;
      // A locked Secret Service answers "no such secret" too: only an open keychain's answer counts.
      const availability = await store.probe();
      if (availability.state !== 'available') throw new KeychainUnavailableError(availability);
      return null;
    },
    async set(key, secret) {
      await call((api) => api.setPassword(service, key, secret));
    },
    async delete(key) {
      await call((api) => api.deletePassword(service, key));
    },
    async probe() {
      const marker = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      // Each probe writes its own entry: two probes at once (start-up and a sign-in) must not read each other's marker as "locked".
      const probeAccount = `${PROBE_ACCOUNT}-${marker}`;
      try {
        const readBack = await call(async (api) => {
          await api.setPassword(service, probeAccount, marker);
          const value = await api.getPassword(service, probeAccount);
          await api.deletePassword(service, probeAccount);
          return value;
        });
        return readBack === marker ? { state: 'available' } : LOCKED;
      } catch (error) {
        return error instanceof KeychainUnavailableError ? { state: error.state, reason: error.message } : troubleOf(error);
      }
    },
  };
  return store;
}
