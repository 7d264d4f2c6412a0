export interface Clock {
  /** Epoch milliseconds that never go back, so schedules and budgets survive wall-clock jumps. */
  now(): number;
  /**
   * This computer's calendar time (`Date.now()`): it jumps when the user or NTP sets the clock and
   * includes time spent suspended. Only for times shown to the user, who reads them against the
   * same calendar (the renderer's `Date.now()`): "synced n s ago", "retry in n s", how long the
   * user was away.
   */
  wallNow(): number;
}

export const systemClock: Clock = { now: () => Math.floor(performance.timeOrigin + performance.now()), wallNow: () => Date.now() };
