/**
 * Open a thread holding 100,000 messages to its first screen drawn, in the browser shell (big
 * profile, Chromium via Playwright): from the click on the thread in the list (the option named by
 * its topic) to the first animation frame in which the newest message's row is inside the message
 * list's viewport, timed in the page with performance.now(). Baseline: the same for a thread of
 * 1,000 messages in the same profile (flatness: the ratio). Opens alternate between the two threads; medians.
 *
 *   node bench/open-thread.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, figure, median, ms, note, runScript, size } from './lib/common.ts';
import { copyProfileTo, ensureProfile } from './lib/profile.ts';
import { ensureBuilt, launchChromium, newPage, openThreadScript, startShell } from './lib/shell.ts';

runScript('open-thread', async () => {
  ensureBuilt();
  const profile = ensureProfile();
  const opens = size(9, 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-open-'));
  copyProfileTo(profile, dataDir);
  const browser = await launchChromium();
  const shell = await startShell(dataDir);
  const big: number[] = [];
  const small: number[] = [];
  try {
    const page = await newPage(browser);
    await page.goto(shell.url);
    await page.getByRole('option', { name: profile.big.topic }).waitFor({ state: 'visible', timeout: 60_000 });
    for (let round = 0; round < opens; round += 1) {
      small.push((await page.evaluate(openThreadScript(profile.small.topic, profile.small.newestMessageId))) as number);
      big.push((await page.evaluate(openThreadScript(profile.big.topic, profile.big.newestMessageId))) as number);
    }
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bigMs = median(big);
  const smallMs = median(small);
  const ratio = bigMs / smallMs;
  figure({
    name: `open a ${count(profile.big.messages)}-message thread to first screen drawn`,
    measured: `median ${ms(bigMs, 0)} = ${ratio.toFixed(2)} x the small thread (first ${ms(big[0]!, 0)})`,
    target: 'median < 100 ms and <= 1.10 x the small thread',
    baseline: `${count(profile.small.messages)}-message thread median ${ms(smallMs, 0)} (first ${ms(small[0]!, 0)})`,
    pass: bigMs < 100 && ratio <= 1.1,
  });
  note(`big: ${big.map((value) => value.toFixed(0)).join(', ')} ms; small: ${small.map((value) => value.toFixed(0)).join(', ')} ms`);
});
