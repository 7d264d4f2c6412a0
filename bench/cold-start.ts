/**
 * Cold start of the browser shell to the cached thread list drawn, with the big profile (1,000
 * threads / 1,000,000 messages): from spawning `node out/main/browser-shell.js` (a fresh process on a
 * private copy of the profile) to the first thread option visible in the page (Chromium already
 * running; the page is pointed at the shell's URL as soon as the shell prints it). Baseline: the same
 * with an empty profile, to its welcome screen. Runs alternate; medians. The profile's account has no
 * keychain entry, so it is restored signed out (no sync runs during the measurement).
 *
 *   node bench/cold-start.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { count, figure, median, ms, note, runScript, size } from './lib/common.ts';
import { copyProfileTo, ensureProfile } from './lib/profile.ts';
import { ensureBuilt, launchChromium, newPage, startShell } from './lib/shell.ts';

async function coldStart(browser: Browser, dataDir: string, drawn: 'thread-list' | 'welcome'): Promise<{ total: number; process: number; options: number }> {
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

runScript('cold-start', async () => {
  ensureBuilt();
  const profile = ensureProfile();
  const runs = size(3, 1);
  const browser = await launchChromium();
  const big: Array<Awaited<ReturnType<typeof coldStart>>> = [];
  const empty: Array<Awaited<ReturnType<typeof coldStart>>> = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const emptyDir = mkdtempSync(join(tmpdir(), 'parley-bench-cold-empty-'));
      const bigDir = mkdtempSync(join(tmpdir(), 'parley-bench-cold-big-'));
      copyProfileTo(profile, bigDir);
      try {
        empty.push(await coldStart(browser, emptyDir, 'welcome'));
        big.push(await coldStart(browser, bigDir, 'thread-list'));
      } finally {
        rmSync(emptyDir, { recursive: true, force: true });
        rmSync(bigDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const bigMs = median(big.map((entry) => entry.total));
  const emptyMs = median(empty.map((entry) => entry.total));
  figure({
    name: `cold start to cached thread list drawn, ${count(profile.size.threads)} threads / ${count(profile.size.messages)} messages`,
    measured: ms(bigMs, 0),
    target: '< 1000 ms',
    baseline: `empty profile ${ms(emptyMs, 0)}`,
    pass: bigMs < 1000,
  });
  note(
    `runs (big): ${big.map((entry) => `${entry.total.toFixed(0)} (process up ${entry.process.toFixed(0)})`).join(', ')} ms; runs (empty): ${empty.map((entry) => `${entry.total.toFixed(0)} (process up ${entry.process.toFixed(0)})`).join(', ')} ms; thread options drawn: ${big[0]?.options}`,
  );
});
