/**
 * Memory with the big cache open: the browser-shell process's resident set (main: Node, SQLite page
 * cache, the bridge) and the renderer's JS heap (CDP `Performance.getMetrics` JSHeapUsedSize, with
 * `performance.memory` beside it), after the thread list is drawn and the 100,000-message thread is
 * open and scrolled up by a few pages. Baseline: the same process and page with an empty profile.
 * Target: main at most 1.3 × the empty profile; the renderer's heap is reported.
 *
 *   node bench/memory.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { count, figure, mib, runScript, sleep } from './lib/common.ts';
import { copyProfileTo, ensureProfile, type ProfileMeta } from './lib/profile.ts';
import { ensureBuilt, launchChromium, newPage, openThreadScript, startShell } from './lib/shell.ts';

async function measure(browser: Browser, dataDir: string, profile: ProfileMeta | null): Promise<{ rss: number; heap: number; pageHeap: number }> {
  const shell = await startShell(dataDir);
  const page = await newPage(browser);
  try {
    await page.goto(shell.url);
    if (profile) {
      await page.getByRole('option', { name: profile.big.topic }).waitFor({ state: 'visible', timeout: 60_000 });
      await page.evaluate(openThreadScript(profile.big.topic, profile.big.newestMessageId));
      const list = page.getByRole('region', { name: 'Messages' });
      for (let step = 0; step < 5; step += 1) {
        await list.hover();
        await page.mouse.wheel(0, -3000);
        await sleep(300);
      }
    } else await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await sleep(1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    const pageHeap = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : NaN')) as number;
    return { rss: shell.rssBytes(), heap, pageHeap };
  } finally {
    await page.context().close();
    await shell.stop();
  }
}

runScript('memory', async () => {
  ensureBuilt();
  const profile = ensureProfile();
  const bigDir = mkdtempSync(join(tmpdir(), 'parley-bench-mem-big-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'parley-bench-mem-empty-'));
  copyProfileTo(profile, bigDir);
  const browser = await launchChromium();
  try {
    const empty = await measure(browser, emptyDir, null);
    const big = await measure(browser, bigDir, profile);
    const label = `${count(profile.size.threads)} threads / ${count(profile.size.messages)} messages`;
    figure({
      name: `memory, main (browser-shell RSS), ${label}, big thread open`,
      measured: `${mib(big.rss)} = ${(big.rss / empty.rss).toFixed(2)} x empty`,
      target: '<= 1.30 x the empty profile',
      baseline: `empty profile ${mib(empty.rss)}`,
      pass: big.rss / empty.rss <= 1.3,
    });
    figure({
      name: `memory, renderer JS heap, ${label}, big thread open`,
      measured: `${mib(big.heap)} (performance.memory ${mib(big.pageHeap)})`,
      target: 'report',
      baseline: `empty profile ${mib(empty.heap)}`,
      pass: true,
    });
  } finally {
    await browser.close();
    rmSync(bigDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
});
