/**
 * Where the long tasks of scrolling a big thread come from: the browser shell on a private copy of
 * the big profile, the renderer built with source maps, the 100,000-message thread opened, then the
 * bench's wheel (or keyboard) input (`bench/lib/scroll-input.ts`) under
 *
 * - a Chromium trace (`devtools.timeline`): every main-thread task over 50 ms, split into script,
 *   style, layout, paint and gc;
 * - a CPU profile of the page (CDP Profiler, 100 µs sampling): self time per original source
 *   function inside those long tasks, and per function and source file over the whole input.
 *
 *   node bench/studies/scroll-profile.ts [wheel|keyboard] [events=150]
 *
 * It rebuilds out/ with source maps (the bench's build has none), so run `npm run bench` after it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/common.ts';
import { longTasksOf, selfTime, topLines, type CpuProfile } from '../lib/cpu-profile.ts';
import { copyProfileTo, ensureProfile } from '../lib/profile.ts';
import { keyboard, wheel } from '../lib/scroll-input.ts';
import { launchChromium, newPage, openThreadScript, startShell } from '../lib/shell.ts';

const input = process.argv[2] === 'keyboard' ? 'keyboard' : 'wheel';
const events = Number(process.argv[3] ?? 150);
const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--sourcemap'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

const profile = ensureProfile();
const dataDir = mkdtempSync(join(tmpdir(), 'parley-scroll-profile-'));
copyProfileTo(profile, dataDir);
const browser = await launchChromium();
const shell = await startShell(dataDir);
try {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(shell.url);
  await page.getByRole('option', { name: profile.big.topic }).waitFor({ state: 'visible', timeout: 60_000 });
  await page.evaluate(openThreadScript(profile.big.topic, profile.big.newestMessageId));
  await page.waitForTimeout(500);

  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await cdp.send('Profiler.start');
  const started = performance.now();
  await (input === 'wheel' ? wheel(page, events) : keyboard(page, events, Math.round(events / 5)));
  const elapsed = performance.now() - started;
  const cpu = (await cdp.send('Profiler.stop')).profile as unknown as CpuProfile;
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as Parameters<typeof longTasksOf>[0];

  const tasks = longTasksOf(trace);
  console.log(`${input}, ${events} events over ${(elapsed / 1000).toFixed(1)} s: ${tasks.length} main-thread tasks > 50 ms`);
  for (const task of tasks.sort((a, b) => b.durationMs - a.durationMs)) {
    const parts = [...task.parts].sort((a, b) => b[1] - a[1]).map(([kind, value]) => `${kind} ${value.toFixed(0)}`);
    console.log(`  ${task.durationMs.toFixed(0).padStart(4)} ms: ${parts.join(', ')}`);
  }
  const inLongTasks = selfTime(
    [cpu],
    tasks.map((task) => [task.start, task.start + task.durationMs * 1000] as const),
  );
  console.log(`\ninside those tasks, self time by function (${inLongTasks.busy.toFixed(0)} ms busy):`);
  for (const line of topLines(inLongTasks.byFunction, 20)) console.log(line);
  const { busy, byFile, byFunction } = selfTime([cpu]);
  console.log(`\nCPU in the page over the input: ${busy.toFixed(0)} ms busy (neither idle nor (program))`);
  console.log('self time by source file / package:');
  for (const line of topLines(byFile, 20)) console.log(line);
  console.log('self time by function:');
  for (const line of topLines(byFunction, 30)) console.log(line);
} finally {
  await browser.close();
  await shell.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
