import { describe, expect, it, vi } from 'vitest';
import { Debouncer, Throttle } from './timing.ts';

describe('Throttle', () => {
  it('lets one run through per interval', () => {
    let now = 0;
    const throttle = new Throttle(8000, () => now);
    expect(throttle.tryRun()).toBe(true);
    now = 7999;
    expect(throttle.tryRun()).toBe(false);
    now = 8000;
    expect(throttle.tryRun()).toBe(true);
    throttle.reset();
    expect(throttle.tryRun()).toBe(true);
  });
});

describe('Debouncer', () => {
  it('runs only the latest action after the quiet period, or at once on flush', () => {
    vi.useFakeTimers();
    try {
      const runs: string[] = [];
      const debouncer = new Debouncer(500);
      debouncer.schedule(() => runs.push('a'));
      vi.advanceTimersByTime(300);
      debouncer.schedule(() => runs.push('b'));
      vi.advanceTimersByTime(300);
      expect(runs).toEqual([]);
      vi.advanceTimersByTime(200);
      expect(runs).toEqual(['b']);
      debouncer.schedule(() => runs.push('c'));
      expect(debouncer.pending).toBe(true);
      debouncer.flush();
      expect(runs).toEqual(['b', 'c']);
      vi.advanceTimersByTime(1000);
      expect(runs).toEqual(['b', 'c']);
      debouncer.schedule(() => runs.push('d'));
      debouncer.cancel();
      vi.advanceTimersByTime(1000);
      expect(runs).toEqual(['b', 'c']);
    } finally {
      vi.useRealTimers();
    }
  });
});
