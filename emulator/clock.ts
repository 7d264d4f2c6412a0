/** Milliseconds since the epoch. Injected everywhere so tests can move time instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  #now: number;

  constructor(startMs: number = Date.now()) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  set(ms: number): void {
    this.#now = ms;
  }
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Chat resources' timestamps: whole seconds with `Z` (`2023-10-19T10:46:27Z`), the fraction dropped. */
export function chatTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** The start of the second holding `ms`. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** Identity's `expiresOn`: seven fraction digits and `+00:00` (`2025-06-21T01:19:30.1007567+00:00`). */
export function identityTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000+00:00`;
}
