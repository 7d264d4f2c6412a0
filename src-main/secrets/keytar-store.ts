import { KeychainUnavailableError, type KeychainStore, type KeychainTrouble } from './secret-store.ts';

export const KEYCHAIN_SERVICE = 'Parley';
const PROBE_ACCOUNT = 'parley-keychain-probe';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

async function loadKeytar(): Promise<Keytar> {
  const module = (await import('keytar')) as Keytar & { default?: Keytar };
  return module.default ?? module;
}

const LOCKED: KeychainTrouble = { state: 'locked', reason: 'The system keychain is locked: unlock it and try again.' };

/** What a failed keychain call means for the user: a locked keychain (Secret Service says so in words) or none at all. */
function troubleOf(error: unknown): KeychainTrouble {
  const detail = error instanceof Error ? error.message : String(error);
  if (/\block/i.test(detail)) return LOCKED;
  return { state: 'unavailable', reason: `No system keychain could be reached (${detail}).` };
}

export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): KeychainStore {
  let keytar: Promise<Keytar> | undefined;
  const load = () => (keytar ??= loadKeytar());
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
      try {
        const readBack = await call(async (api) => {
          await api.setPassword(service, PROBE_ACCOUNT, marker);
          const value = await api.getPassword(service, PROBE_ACCOUNT);
          await api.deletePassword(service, PROBE_ACCOUNT);
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
