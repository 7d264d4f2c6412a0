export interface Clock {
  /** Epoch milliseconds that never go back, so schedules and budgets survive wall-clock jumps. */
  now(): number;
}

export const systemClock: Clock = { now: () => Math.floor(performance.timeOrigin + performance.now()) };
