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

export type KeychainAvailability = { state: 'available' } | KeychainTrouble;
export type KeychainTrouble = { state: 'locked' | 'unavailable'; reason: string };

/**
 * The keychain is locked or unreachable right now, so a secret could not be read or written: it
 * may well exist. Never a reason to forget an account or to keep its secret anywhere else.
 */
export class KeychainUnavailableError extends Error {
  readonly state: KeychainTrouble['state'];
  constructor(trouble: KeychainTrouble) {
    super(trouble.reason);
    this.name = 'KeychainUnavailableError';
    this.state = trouble.state;
  }
}

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
