import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../base/logger.ts';
import type { KeychainAvailability, KeychainStore } from './secret-store.ts';

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

export function createKeytarSecretStore(service = KEYCHAIN_SERVICE, options: KeytarStoreOptions = {}): KeychainStore {
  let keytar: Promise<Keytar> | undefined;
  const load = () =>
    (keytar ??= loadKeytar(options.moduleSpecifier ?? KEYTAR_MODULE).catch((error: unknown) => {
      options.log?.warn('keytar could not be loaded', error instanceof Error ? error.message : error);
      throw error;
    }));
  return {
    persistent: true,
    async get(key) {
      return (await load()).getPassword(service, key);
    },
    async set(key, secret) {
      await (await load()).setPassword(service, key, secret);
    },
    async delete(key) {
      await (await load()).deletePassword(service, key);
    },
    async probe(): Promise<KeychainAvailability> {
      const marker = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      try {
        const api = await load();
        await api.setPassword(service, PROBE_ACCOUNT, marker);
        const readBack = await api.getPassword(service, PROBE_ACCOUNT);
        await api.deletePassword(service, PROBE_ACCOUNT);
        if (readBack !== marker) return { state: 'locked', reason: 'The system keychain is locked: unlock it and try again.' };
        return { state: 'available' };
      } catch (error) {
        if (error instanceof KeytarUnloadable) {
          return { state: 'unavailable', reason: 'Parley’s keychain module (keytar) is not installed or cannot load on this machine.' };
        }
        const detail = error instanceof Error ? error.message : String(error);
        return { state: 'unavailable', reason: `No system keychain could be reached (${detail}).` };
      }
    },
  };
}
