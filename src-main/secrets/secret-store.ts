/** Where secrets live: the OS keychain, or (by the user's explicit choice) this run's memory. */
export interface SecretStore {
  /** True when secrets outlive this process (a keychain), false for the in-memory store. */
  readonly persistent: boolean;
  get(key: string): Promise<string | null>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The OS keychain: a secret store that can also say whether it is reachable right now. */
export interface KeychainStore extends SecretStore {
  /** Writes, reads back and deletes a probe entry: a missing Secret Service throws, a locked one reads null. */
  probe(): Promise<KeychainAvailability>;
}

export type KeychainAvailability = { state: 'available' } | { state: 'locked' | 'unavailable'; reason: string };

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    persistent: false,
    async get(key) {
      return secrets.get(key) ?? null;
    },
    async set(key, secret) {
      secrets.set(key, secret);
    },
    async delete(key) {
      secrets.delete(key);
    },
  };
}
