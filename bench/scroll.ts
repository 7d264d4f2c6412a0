/**
 * Scrolling a 100,000-message thread, by wheel and by keyboard, in the browser shell (big profile):
 * the thread is opened, then (a) wheel: 150 wheel events of 240 px up, one per frame, as a mouse
 * wheel spun steadily back through history (the message list pages older messages in as it goes);
 * (b) keyboard: focus on the newest message, 150 presses of ArrowUp then 30 of PageUp, one key per
 * frame. Measured in the page: the interval between consecutive animation frames while the input
 * runs (p95; a frame that misses the 60 Hz beat shows as ~33 ms) and long tasks (> 50 ms, Long Tasks
 * API from page start). Baseline: the same page doing nothing over the same number of frames (what
 * the machine gives an idle page), and the same scroll on the 1,000-message thread.
 *
 *   node bench/scroll.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { count, figure, ms, note, percentile, runScript, size } from './lib/common.ts';
import { copyProfileTo, ensureProfile } from './lib/profile.ts';
import { keyboard, nextFrame, wheel } from './lib/scroll-input.ts';
import { ensureBuilt, launchChromium, LONG_TASK_OBSERVER, newPage, openThreadScript, startShell } from './lib/shell.ts';

/** Frame intervals from now on: `window.__benchFrames` gets each rAF timestamp until stopped. */
const START_FRAMES = `(() => {
  window.__benchFrames = [];
  window.__benchFramesOn = true;
  const frame = (time) => { window.__benchFrames.push(time); if (window.__benchFramesOn) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  return performance.now();
})()`;
const STOP_FRAMES = `(() => { window.__benchFramesOn = false; const f = window.__benchFrames; return f.slice(1).map((time, index) => time - f[index]); })()`;

interface Sample {
  frames: number[];
  longTasks: number[];
}

async function measure(page: Page, input: () => Promise<void>): Promise<Sample> {
  const from = (await page.evaluate(START_FRAMES)) as number;
  await input();
  const frames = (await page.evaluate(STOP_FRAMES)) as number[];
  const longTasks = ((await page.evaluate('window.__benchLongTasks')) as Array<{ start: number; duration: number }>)
    .filter((task) => task.start >= from)
    .map((task) => task.duration);
  return { frames, longTasks };
}

const summary = (sample: Sample) =>
  `p95 ${ms(percentile(sample.frames, 0.95))}, longest task ${ms(Math.max(0, ...sample.longTasks), 0)} (${sample.longTasks.filter((duration) => duration > 50).length} > 50 ms), ${sample.frames.length} frames`;

runScript('scroll', async () => {
  ensureBuilt();
  const profile = ensureProfile();
  const events = size(150, 40);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-scroll-'));
  copyProfileTo(profile, dataDir);
  const browser = await launchChromium();
  const shell = await startShell(dataDir);
  try {
    const page = await newPage(browser, LONG_TASK_OBSERVER);
    await page.goto(shell.url);
    await page.getByRole('option', { name: profile.big.topic }).waitFor({ state: 'visible', timeout: 60_000 });

    const runs: Record<'big' | 'small', { wheel: Sample; keyboard: Sample }> = {} as never;
    for (const which of ['small', 'big'] as const) {
      const thread = profile[which];
      await page.evaluate(openThreadScript(thread.topic, thread.newestMessageId));
      await page.waitForTimeout(500);
      const wheelSample = await measure(page, () => wheel(page, events));
      await page.evaluate(openThreadScript(profile[which === 'big' ? 'small' : 'big'].topic, profile[which === 'big' ? 'small' : 'big'].newestMessageId));
      await page.evaluate(openThreadScript(thread.topic, thread.newestMessageId));
      await page.waitForTimeout(500);
      const keyboardSample = await measure(page, () => keyboard(page, events, Math.round(events / 5)));
      runs[which] = { wheel: wheelSample, keyboard: keyboardSample };
    }
    const idle = await measure(page, async () => {
      for (let frame = 0; frame < events; frame += 1) await nextFrame(page);
    });

    for (const input of ['wheel', 'keyboard'] as const) {
      const big = runs.big[input];
      const p95 = percentile(big.frames, 0.95);
      const longest = Math.max(0, ...big.longTasks);
      figure({
        name: `scroll a ${count(profile.big.messages)}-message thread, ${input}`,
        measured: summary(big),
        target: 'frame p95 <= 17 ms, no long task > 50 ms',
        baseline: `idle page p95 ${ms(percentile(idle.frames, 0.95))}; ${count(profile.small.messages)}-message thread ${summary(runs.small[input])}`,
        pass: p95 <= 17 && longest <= 50,
      });
    }
    note(`frame intervals of the big thread, wheel (ms): ${runs.big.wheel.frames.map((value) => value.toFixed(0)).join(' ')}`);
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
