import { describe, expect, it } from 'vitest';
import { Backoff, retryableFailureOf } from './backoff.ts';

const NOW = 1_000_000;
const TRANSIENT = { kind: 'transient' } as const;
/** The largest value Math.random can return. */
const ALMOST_ONE = 1 - Number.EPSILON;

describe('Backoff after network errors and 5xx', () => {
  it('doubles the ceiling from 1 s up to the 60 s cap', () => {
    const backoff = new Backoff({ random: () => ALMOST_ONE });
    const delays = Array.from({ length: 9 }, () => backoff.failure(TRANSIENT, NOW).delayMs);
    expect(delays).toEqual([999, 1_999, 3_999, 7_999, 15_999, 31_999, 59_999, 59_999, 59_999]);
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    const draws = [0, 0.25, 0.5];
    const backoff = new Backoff({ random: () => draws.shift() ?? 0 });
    backoff.failure(TRANSIENT, NOW);
    backoff.failure(TRANSIENT, NOW);
    expect(backoff.failure(TRANSIENT, NOW)).toEqual({ delayMs: 2_000, retryAt: NOW + 2_000, reason: 'backoff' });
    expect(new Backoff({ random: () => 0 }).failure(TRANSIENT, NOW).delayMs).toBe(0);
  });

  it('keeps every delay within [0, ceiling) whatever the randomness', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const backoff = new Backoff({ random });
    for (let failure = 1; failure <= 30; failure += 1) {
      const { delayMs } = backoff.failure(TRANSIENT, NOW);
      expect(delayMs).toBeGreaterThanOrEqual(0);
      expect(delayMs).toBeLessThan(backoff.ceilingMs(failure));
    }
  });

  it('starts over after a success', () => {
    const backoff = new Backoff({ random: () => ALMOST_ONE });
    for (let failure = 0; failure < 5; failure += 1) backoff.failure(TRANSIENT, NOW);
    backoff.success();
    expect(backoff.failures).toBe(0);
    expect(backoff.retryAt).toBeNull();
    expect(backoff.failure(TRANSIENT, NOW).delayMs).toBe(999);
  });

  it('remembers when the next attempt may go', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    backoff.failure(TRANSIENT, NOW);
    expect(backoff.retryAt).toBe(NOW + 500);
  });
});

describe('Backoff after a 429', () => {
  it('waits exactly as long as Retry-After says', () => {
    const backoff = new Backoff({ random: () => 0 });
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: 7_250 }, NOW)).toEqual({ delayMs: 7_250, retryAt: NOW + 7_250, reason: 'retry-after' });
  });

  it('honours a Retry-After beyond the backoff cap', () => {
    const backoff = new Backoff({ random: () => 0 });
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: 120_000 }, NOW).delayMs).toBe(120_000);
  });

  it('never retries sooner than the floor, nor within a fraction of a millisecond of Retry-After', () => {
    const backoff = new Backoff({ random: () => 0, throttleFloorMs: 1_000 });
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: 0 }, NOW).delayMs).toBe(1_000);
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: 1_500.2 }, NOW).delayMs).toBe(1_501);
  });

  it('backs off exponentially, above the floor, without a usable Retry-After', () => {
    const backoff = new Backoff({ random: () => ALMOST_ONE });
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: null }, NOW)).toEqual({ delayMs: 1_000, retryAt: NOW + 1_000, reason: 'backoff' });
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: Number.NaN }, NOW).delayMs).toBe(1_999);
    expect(backoff.failure({ kind: 'throttled', retryAfterMs: -5 }, NOW).delayMs).toBe(3_999);
  });

  it('does not grow later waits after a 429 that said when to come back, but does after one that did not', () => {
    const told = new Backoff({ random: () => ALMOST_ONE });
    told.failure({ kind: 'throttled', retryAfterMs: 5_000 }, NOW);
    told.failure({ kind: 'throttled', retryAfterMs: 5_000 }, NOW);
    expect(told.failure(TRANSIENT, NOW).delayMs).toBe(999);
    const untold = new Backoff({ random: () => ALMOST_ONE });
    untold.failure({ kind: 'throttled', retryAfterMs: null }, NOW);
    expect(untold.failure(TRANSIENT, NOW).delayMs).toBe(1_999);
  });
});

describe('retryableFailureOf', () => {
  it('retries transient and throttled errors only', () => {
    expect(retryableFailureOf({ code: 'transient' })).toEqual({ kind: 'transient' });
    expect(retryableFailureOf({ code: 'throttled', retryAfterMs: 3_000 })).toEqual({ kind: 'throttled', retryAfterMs: 3_000 });
    expect(retryableFailureOf({ code: 'throttled' })).toEqual({ kind: 'throttled', retryAfterMs: null });
    for (const code of ['signed-out', 'forbidden', 'not-found', 'permanent', 'invalid-input'] as const) {
      expect(retryableFailureOf({ code })).toBeNull();
    }
  });
});
