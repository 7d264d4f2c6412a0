import type { AccountState, ApiError, AppInfo, DataStatus, ParleyBridge } from '../../../../src-preload/contract.ts';

export type LoadState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'unreachable'; error: ApiError };

/** What the app frame shows: facts about this copy of Parley, its profile, and its accounts. */
export class AppState {
  load = $state<LoadState>({ phase: 'loading' });
  info = $state<AppInfo | null>(null);
  data = $state<DataStatus | null>(null);
  accounts = $state<AccountState | null>(null);

  readonly #bridge: ParleyBridge;

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
    bridge.on('accounts-changed', (state) => {
      this.accounts = state;
    });
  }

  async refresh(): Promise<void> {
    this.load = { phase: 'loading' };
    const [info, data, accounts] = await Promise.all([
      this.#bridge.getAppInfo(),
      this.#bridge.getDataStatus(),
      this.#bridge.getAccountState(),
    ]);
    for (const result of [info, data, accounts]) {
      if (!result.ok) {
        this.load = { phase: 'unreachable', error: result.error };
        return;
      }
    }
    if (info.ok) this.info = info.value;
    if (data.ok) this.data = data.value;
    if (accounts.ok) this.accounts = accounts.value;
    this.load = { phase: 'ready' };
  }
}
