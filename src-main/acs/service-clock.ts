import type { Clock } from '../base/clock.ts';

/** An estimate of the service's clock, so that Parley can reason in the service's time despite skew. */
export interface ServiceClock {
  observe(serviceDateMs: number): void;
  /** A lower bound of the service's time now (a Date header is truncated to the second). */
  now(): number;
}

export function createServiceClock(local: Clock): ServiceClock {
  let offset = 0;
  return {
    observe(serviceDateMs) {
      offset = serviceDateMs - local.now();
    },
    now: () => local.now() + offset,
  };
}
