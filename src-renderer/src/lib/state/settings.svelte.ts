import { DEFAULT_SETTINGS, type ApiError, type ParleyBridge, type Result, type Settings } from '$contract';

/** The user's settings as main keeps them; changes show at once and are undone if main refuses them. */
export class SettingsState {
  value = $state<Settings>({ ...DEFAULT_SETTINGS });
  error = $state<ApiError | null>(null);
  readonly #bridge: ParleyBridge;

  constructor(bridge: ParleyBridge) {
    this.#bridge = bridge;
    bridge.on('settings-changed', (settings) => (this.value = settings));
  }

  async load(): Promise<void> {
    const result = await this.#bridge.getSettings();
    if (result.ok) this.value = result.value;
    else this.error = result.error;
  }

  async update(patch: Partial<Settings>): Promise<Result<Settings>> {
    const before = this.value;
    this.value = { ...before, ...patch };
    const result = await this.#bridge.updateSettings(patch);
    if (result.ok) {
      this.value = result.value;
      this.error = null;
    } else {
      this.value = before;
      this.error = result.error;
    }
    return result;
  }
}
