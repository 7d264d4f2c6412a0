/** The documented list-messages limits per user per thread, and what they admit over time. */

export const WINDOWS = [
  { ms: 10_000, max: 50 },
  { ms: 60_000, max: 200 },
];

/** Requests the sliding windows admit in [0, durationMs] to a client that sends the instant they allow. */
export function admittedRequests(durationMs: number, windows = WINDOWS): number {
  const times: number[] = [];
  let t = 0;
  while (t <= durationMs) {
    let next = t;
    for (const window of windows) {
      // The request `max` places back must have left the window (it counts while time > t - ms).
      const blocking = times.length >= window.max ? times[times.length - window.max]! : Number.NEGATIVE_INFINITY;
      if (blocking > t - window.ms) next = Math.max(next, blocking + window.ms);
    }
    if (next === t) times.push(t);
    else t = next;
  }
  return times.length;
}

/** The shortest time in which the windows admit `requests` requests (the last one's send time). */
export function shortestTime(requests: number, windows = WINDOWS): number {
  let low = -1;
  let high = Math.ceil(requests / Math.min(...windows.map((window) => window.max))) * Math.max(...windows.map((window) => window.ms));
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (admittedRequests(middle, windows) >= requests) high = middle;
    else low = middle;
  }
  return high;
}
