export type Now = () => number;

/** Lets an action through at most once per interval (leading edge): typing notifications. */
export class Throttle {
  #last = Number.NEGATIVE_INFINITY;
  readonly #interval: number;
  readonly #now: Now;

  constructor(intervalMs: number, now: Now = Date.now) {
    this.#interval = intervalMs;
    this.#now = now;
  }

  /** True when the action may run now; the call then counts as the latest run. */
  tryRun(): boolean {
    const time = this.#now();
    if (time - this.#last < this.#interval) return false;
    this.#last = time;
    return true;
  }

  reset(): void {
    this.#last = Number.NEGATIVE_INFINITY;
  }
}

export interface TimerApi {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: TimerApi = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs the latest scheduled action once things have been quiet for the delay; `flush` runs it at once. */
export class Debouncer {
  #pending: (() => void) | null = null;
  #handle: unknown = null;
  readonly #delay: number;
  readonly #timers: TimerApi;

  constructor(delayMs: number, timers: TimerApi = realTimers) {
    this.#delay = delayMs;
    this.#timers = timers;
  }

  schedule(action: () => void): void {
    this.#pending = action;
    if (this.#handle !== null) this.#timers.clear(this.#handle);
    this.#handle = this.#timers.set(() => this.flush(), this.#delay);
  }

  flush(): void {
    if (this.#handle !== null) this.#timers.clear(this.#handle);
    this.#handle = null;
    const action = this.#pending;
    this.#pending = null;
    action?.();
  }

  cancel(): void {
    if (this.#handle !== null) this.#timers.clear(this.#handle);
    this.#handle = null;
    this.#pending = null;
  }

  get pending(): boolean {
    return this.#pending !== null;
  }
}
