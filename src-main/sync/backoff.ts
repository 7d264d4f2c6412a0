import type { ApiError } from '../../src-preload/contract.ts';

/** A failure worth retrying: network trouble or a 5xx, or the service asking us to slow down (429). */
export type RetryableFailure = { kind: 'transient' } | { kind: 'throttled'; retryAfterMs: number | null };

/** The retryable part of an api error; null when retrying cannot help (signed out, forbidden, …). */
export function retryableFailureOf(error: Pick<ApiError, 'code' | 'retryAfterMs'>): RetryableFailure | null {
  if (error.code === 'transient') return { kind: 'transient' };
  if (error.code === 'throttled') return { kind: 'throttled', retryAfterMs: error.retryAfterMs ?? null };
  return null;
}

export interface BackoffOptions {
  /** Ceiling of the first delay; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** The shortest wait after a 429, even when Retry-After says less (or nothing). */
  throttleFloorMs: number;
  /** Uniform in [0, 1), like Math.random; injected so that tests decide the jitter. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 1_000,
  maxMs: 60_000,
  throttleFloorMs: 1_000,
  random: Math.random,
};

export interface RetryPlan {
  delayMs: number;
  retryAt: number;
  /** 'retry-after' when the service set the delay, so that the state shown can say "throttled". */
  reason: 'backoff' | 'retry-after';
}

/**
 * Exponential backoff with full jitter (a uniform delay in [0, min(max, base · 2^n)), as in the AWS
 * architecture note), so that many clients failing together do not retry together. A 429 waits
 * exactly as long as its Retry-After (never less, and at least the floor). Reset by a success.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  #failures = 0;
  #retryAt: number | null = null;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.#options = { ...DEFAULT_BACKOFF, ...options };
  }

  /** Consecutive failures since the last success. */
  get failures(): number {
    return this.#failures;
  }

  /** When the next attempt may go; null after a success. */
  get retryAt(): number | null {
    return this.#retryAt;
  }

  /** The upper bound of the jittered delay after `failures` consecutive failures. */
  ceilingMs(failures: number): number {
    const { baseMs, maxMs } = this.#options;
    return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  }

  failure(failure: RetryableFailure, now: number): RetryPlan {
    // A 429 with a usable Retry-After says exactly when to come back: it is no sign of a failing
    // network, so it does not make later waits longer.
    const toldWhen = failure.kind === 'throttled' && failure.retryAfterMs !== null && Number.isFinite(failure.retryAfterMs) && failure.retryAfterMs >= 0;
    if (!toldWhen) this.#failures += 1;
    const jitteredMs = Math.floor(this.#options.random() * this.ceilingMs(this.#failures));
    const { delayMs, reason } = failure.kind === 'throttled' ? this.#throttledDelay(failure.retryAfterMs, jitteredMs) : { delayMs: jitteredMs, reason: 'backoff' as const };
    this.#retryAt = now + delayMs;
    return { delayMs, retryAt: this.#retryAt, reason };
  }

  success(): void {
    this.#failures = 0;
    this.#retryAt = null;
  }

  #throttledDelay(retryAfterMs: number | null, jitteredMs: number): Pick<RetryPlan, 'delayMs' | 'reason'> {
    const { throttleFloorMs } = this.#options;
    if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
      return { delayMs: Math.ceil(Math.max(retryAfterMs, throttleFloorMs)), reason: 'retry-after' };
    }
    // No usable Retry-After, but the service still said "too many": back off, never below the floor.
    return { delayMs: Math.max(jitteredMs, throttleFloorMs), reason: 'backoff' };
  }
}
