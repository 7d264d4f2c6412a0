/**
 * What every bench script shares: the size switch (full / quick), the figure line format, percentiles
 * and small timing helpers. A figure line is
 *
 *   <figure>: <measured> (target <target>; baseline <baseline>) PASS|FAIL
 *
 * and `bench/run.ts` counts them. A script ends by calling `finish()`, which exits 0 whatever the
 * figures say: a miss is a result, not a crash (the runner decides the exit code).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_DIR = join(import.meta.dirname, '..');
export const ROOT = join(BENCH_DIR, '..');
/** Generated data, reused between runs (gitignored). */
export const DATA_DIR = join(BENCH_DIR, '.data');

export const QUICK = process.env.PARLEY_BENCH_QUICK === '1' || process.argv.includes('--quick');

export function size<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

export function dataPath(...parts: string[]): string {
  mkdirSync(DATA_DIR, { recursive: true });
  return join(DATA_DIR, ...parts);
}

export interface Figure {
  name: string;
  measured: string;
  target: string;
  baseline: string;
  pass: boolean;
}

const figures: Figure[] = [];

export function figure(entry: Figure): void {
  figures.push(entry);
  console.log(`${entry.name}: ${entry.measured} (target ${entry.target}; baseline ${entry.baseline}) ${entry.pass ? 'PASS' : 'FAIL'}`);
}

/** Context under a figure (indented, so the runner does not take it for one). */
export function note(text: string): void {
  console.log(`  ${text}`);
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p99 of 50 samples is the 50th, p50 of 50 is the 25th.
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function ms(value: number, digits = 1): string {
  return `${value.toFixed(digits)} ms`;
}

export function seconds(valueMs: number, digits = 2): string {
  return `${(valueMs / 1000).toFixed(digits)} s`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export const sleep = (durationMs: number) => new Promise<void>((resolve) => setTimeout(resolve, durationMs));

/** Polls `probe` until it yields a value (not undefined/false), or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 25): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Runs a bench script's body: a crash exits 1 (the runner reports it), figures that miss do not. */
export function runScript(title: string, body: () => Promise<void>): void {
  const started = performance.now();
  body().then(
    () => {
      note(`[${title}: ${((performance.now() - started) / 1000).toFixed(1)} s${QUICK ? ', quick' : ''}]`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`[${title}] crashed:`, error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
