import type { KeychainStore } from './secret-store.ts';

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

export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): KeychainStore {
  let keytar: Promise<Keytar> | undefined;
  const load = () => (keytar ??= loadKeytar());
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
    async probe() {
      const marker = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      try {
        const api = await load();
        await api.setPassword(service, PROBE_ACCOUNT, marker);
        const readBack = await api.getPassword(service, PROBE_ACCOUNT);
        await api.deletePassword(service, PROBE_ACCOUNT);
        if (readBack !== marker) return { state: 'locked', reason: 'The system keychain is locked: unlock it and try again.' };
        return { state: 'available' };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { state: 'unavailable', reason: `No system keychain could be reached (${detail}).` };
      }
    },
  };
}
