/**
 * Cold start of the browser shell to the cached thread list drawn, with the big profile (1,000
 * threads / 1,000,000 messages) and with the many-threads profile (10,000 threads / 100,000
 * messages): from spawning `node out/main/browser-shell.js` (a fresh process on a private copy of the
 * profile) to the first thread option visible in the page (Chromium already running; the page is
 * pointed at the shell's URL as soon as the shell prints it). Baseline: the same with an empty
 * profile, to its welcome screen. Runs alternate; medians; the figure is the ratio. The profile's
 * account has no keychain entry, so it is restored signed out (no sync runs during the measurement).
 *
 *   node bench/cold-start.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { count, figure, median, ms, note, QUICK, runScript, size } from './lib/common.ts';
import { copyProfileTo, ensureProfile, MANY_THREADS_PROFILE, QUICK_MANY_THREADS_PROFILE } from './lib/profile.ts';
import { ensureBuilt, launchChromium, newPage, startShell } from './lib/shell.ts';

async function coldStart(browser: Browser, dataDir: string, drawn: 'thread-list' | 'welcome'): Promise<Start> {
  const page = await newPage(browser);
  const shell = await startShell(dataDir);
  try {
    await page.goto(shell.url);
    if (drawn === 'thread-list') await page.getByRole('listbox').getByRole('option').first().waitFor({ state: 'visible', timeout: 60_000 });
    else await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 60_000 });
    const total = performance.now() - shell.spawnedAt;
    const options = await page.getByRole('listbox').getByRole('option').count();
    return { total, process: shell.readyAt - shell.spawnedAt, options };
  } finally {
    await page.context().close();
    await shell.stop();
  }
}

interface Start {
  total: number;
  process: number;
  options: number;
}

const startsOf = (runs: readonly Start[]) => runs.map((entry) => `${entry.total.toFixed(0)} (process up ${entry.process.toFixed(0)})`).join(', ');

runScript('cold-start', async () => {
  ensureBuilt();
  const profiles = [
    { meta: ensureProfile(), target: 1.1 },
    { meta: ensureProfile(QUICK ? QUICK_MANY_THREADS_PROFILE : MANY_THREADS_PROFILE), target: 1.15 },
  ];
  const runs = size(3, 1);
  const browser = await launchChromium();
  const empty: Start[] = [];
  const starts = profiles.map(() => [] as Start[]);
  try {
    // Alternating, so that the machine's load drifts over all of them alike.
    for (let run = 0; run < runs; run += 1) {
      const emptyDir = mkdtempSync(join(tmpdir(), 'parley-bench-cold-empty-'));
      try {
        empty.push(await coldStart(browser, emptyDir, 'welcome'));
      } finally {
        rmSync(emptyDir, { recursive: true, force: true });
      }
      for (const [index, profile] of profiles.entries()) {
        const dir = mkdtempSync(join(tmpdir(), 'parley-bench-cold-big-'));
        try {
          copyProfileTo(profile.meta, dir);
          starts[index]!.push(await coldStart(browser, dir, 'thread-list'));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await browser.close();
  }
  const emptyMs = median(empty.map((entry) => entry.total));
  for (const [index, { meta, target }] of profiles.entries()) {
    const totalMs = median(starts[index]!.map((entry) => entry.total));
    const ratio = totalMs / emptyMs;
    figure({
      name: `cold start to cached thread list drawn, ${count(meta.size.threads)} threads / ${count(meta.size.messages)} messages`,
      measured: `${ms(totalMs, 0)} = ${ratio.toFixed(2)} x empty`,
      target: `<= ${target.toFixed(2)} x the empty-profile start`,
      baseline: `empty profile ${ms(emptyMs, 0)}`,
      pass: ratio <= target,
    });
    note(`runs: ${startsOf(starts[index]!)} ms; thread options drawn: ${starts[index]![0]?.options}`);
  }
  note(`runs (empty): ${startsOf(empty)} ms`);
});
