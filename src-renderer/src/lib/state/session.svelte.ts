import type { AccountState, AccountSummary, ApiError, ParleyBridge, Result, SignInWithConnectionString, SignInWithToken } from '$contract';

/** The accounts Parley knows, which one is active, and the ways in and out. */
export class SessionState {
  accounts = $state.raw<AccountSummary[]>([]);
  activeAccountId = $state<string | null>(null);
  demoAvailable = $state(false);
  error = $state<ApiError | null>(null);
  readonly active: AccountSummary | null = $derived(this.accounts.find((account) => account.id === this.activeAccountId) ?? null);
  readonly #bridge: ParleyBridge;

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
    bridge.on('accounts-changed', (state) => this.#apply(state));
  }

  #apply(state: AccountState): void {
    this.accounts = state.accounts;
    this.demoAvailable = state.demoAvailable;
    this.activeAccountId = state.activeAccountId ?? state.accounts[0]?.id ?? null;
  }

  async load(): Promise<Result<AccountState>> {
    const result = await this.#bridge.getAccountState();
    if (result.ok) this.#apply(result.value);
    else this.error = result.error;
    return result;
  }

  async #afterSignIn(result: Result<AccountSummary>): Promise<Result<AccountSummary>> {
    if (!result.ok) return result;
    await this.load();
    if (this.activeAccountId !== result.value.id) await this.setActive(result.value.id);
    return result;
  }

  async startDemo(): Promise<Result<AccountSummary>> {
    return this.#afterSignIn(await this.#bridge.startLocalDemo());
  }

  async signInWithToken(input: SignInWithToken): Promise<Result<AccountSummary>> {
    return this.#afterSignIn(await this.#bridge.signInWithToken(input));
  }

  async signInWithConnectionString(input: SignInWithConnectionString): Promise<Result<AccountSummary>> {
    return this.#afterSignIn(await this.#bridge.signInWithConnectionString(input));
  }

  async setActive(accountId: string): Promise<Result<void>> {
    const previous = this.activeAccountId;
    this.activeAccountId = accountId;
    const result = await this.#bridge.setActiveAccount({ accountId });
    if (!result.ok) {
      this.activeAccountId = previous;
      this.error = result.error;
    }
    return result;
  }

  /** After the user unlocked the keychain: main reads the account's secret again (and says so if it still cannot). */
  async retryKeychain(accountId: string): Promise<Result<AccountSummary>> {
    const result = await this.#bridge.retryAccountSecret({ accountId });
    await this.load();
    return result;
  }

  async signOut(accountId: string, purgeCache: boolean): Promise<Result<void>> {
    const result = await this.#bridge.signOut({ accountId, purgeCache });
    if (result.ok) await this.load();
    return result;
  }
}
