/**
 * Where the time of opening a thread goes: the browser shell on a private copy of the big profile,
 * the renderer built with source maps, N opens of the 100,000-message thread (alternating with the
 * 1,000-message one so that each click opens), with
 *
 * - the bridge: every WebSocket frame the page sends and receives during an open (CDP Network
 *   events), so the wait for main (request → reply) is split from the page's own work;
 * - a CPU profile of the page (CDP Profiler, 100 µs sampling) over each big open, self time summed per
 *   original source function (through the source maps) and per source file;
 * - a Chromium trace of each big open: the page's main-thread work split into script, style, layout,
 *   paint and gc (what the CPU profile shows only as "(program)").
 *
 *   node bench/studies/open-thread-profile.ts [opens=8]
 *
 * It rebuilds out/ with source maps (the bench's build has none), so run `npm run bench` after it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, ROOT } from '../lib/common.ts';
import { mainThreadWork, selfTime, topLines, type CpuProfile } from '../lib/cpu-profile.ts';
import { copyProfileTo, ensureProfile } from '../lib/profile.ts';
import { launchChromium, newPage, openThreadScript, startShell } from '../lib/shell.ts';

const opens = Number(process.argv[2] ?? 8);
const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--sourcemap'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);

const profile = ensureProfile();
const dataDir = mkdtempSync(join(tmpdir(), 'parley-open-profile-'));
copyProfileTo(profile, dataDir);
const browser = await launchChromium();
const shell = await startShell(dataDir);
try {
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  // A bridge frame: a call `{type:'call', id, method}`, its result `{type:'result', id}`, or an event `{event}`.
  const frames: Array<{ at: number; direction: 'sent' | 'received'; bytes: number; id: number | null; label: string }> = [];
  await cdp.send('Network.enable');
  const frameOf = (direction: 'sent' | 'received', timestamp: number, payload: string) => {
    const id = /"id":(\d+)/.exec(payload)?.[1];
    const label = /"method":"([^"]+)"/.exec(payload)?.[1] ?? /"event":"([^"]+)"/.exec(payload)?.[1] ?? 'result';
    frames.push({ at: timestamp * 1000, direction, bytes: payload.length, id: id === undefined ? null : Number(id), label });
  };
  cdp.on('Network.webSocketFrameSent', (event) => frameOf('sent', event.timestamp, event.response.payloadData));
  cdp.on('Network.webSocketFrameReceived', (event) => frameOf('received', event.timestamp, event.response.payloadData));
  await page.goto(shell.url);
  await page.getByRole('option', { name: profile.big.topic }).waitFor({ state: 'visible', timeout: 60_000 });
  // Warm-up: the first open of each compiles the code paths.
  await page.evaluate(openThreadScript(profile.small.topic, profile.small.newestMessageId));
  await page.evaluate(openThreadScript(profile.big.topic, profile.big.newestMessageId));

  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const totals: number[] = [];
  const bridgeWaits: number[] = [];
  const perOpen: string[] = [];
  const profiles: CpuProfile[] = [];
  const works: Array<ReturnType<typeof mainThreadWork>> = [];
  for (let round = 0; round < opens; round += 1) {
    await page.evaluate(openThreadScript(profile.small.topic, profile.small.newestMessageId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The page's clock and CDP's differ: the frames of this open are those after `from` (monotonic, CDP's).
    const from = frames.length;
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await cdp.send('Profiler.start');
    const total = (await page.evaluate(openThreadScript(profile.big.topic, profile.big.newestMessageId))) as number;
    profiles.push((await cdp.send('Profiler.stop')).profile as unknown as CpuProfile);
    works.push(mainThreadWork(JSON.parse((await browser.stopTracing()).toString('utf8'))));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mine = frames.slice(from);
    const firstSent = mine.find((frame) => frame.direction === 'sent')?.at ?? Number.NaN;
    const calls = mine
      .filter((frame) => frame.direction === 'sent')
      .map((sent) => {
        const reply = mine.find((frame) => frame.direction === 'received' && frame.id === sent.id && frame.label === 'result');
        return { label: sent.label, sentAt: sent.at - firstSent, repliedAt: (reply?.at ?? Number.NaN) - firstSent, bytes: reply?.bytes ?? 0 };
      });
    const events = mine.filter((frame) => frame.direction === 'received' && frame.label !== 'result').map((frame) => `${frame.label}@${(frame.at - firstSent).toFixed(0)}`);
    const inTime = calls.filter((call) => call.sentAt < total);
    bridgeWaits.push(Math.max(...inTime.map((call) => call.repliedAt)));
    totals.push(total);
    perOpen.push(
      `${total.toFixed(0)} ms total; calls (sent → replied, ms after the first call; reply bytes): ${calls
        .map((call) => `${call.label} ${call.sentAt.toFixed(0)}→${call.repliedAt.toFixed(0)} (${call.bytes})`)
        .join(', ')}; events: ${events.join(', ') || 'none'}`,
    );
  }

  console.log(
    `open the ${profile.big.messages.toLocaleString('en-US')}-message thread, ${opens} opens: median ${median(totals).toFixed(0)} ms; bridge (first call → last reply of a call made before the first screen) median ${median(bridgeWaits).toFixed(1)} ms`,
  );
  for (const line of perOpen) console.log(`  ${line}`);

  const kinds = new Map<string, number>();
  for (const work of works) for (const [kind, value] of work.parts) kinds.set(kind, (kinds.get(kind) ?? 0) + value);
  console.log(
    `\nthe page's main thread from before the click to the first screen drawn (trace): tasks ${(works.reduce((sum, work) => sum + work.tasksMs, 0) / opens).toFixed(1)} ms per open, of which ${[
      ...kinds,
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, value]) => `${kind} ${(value / opens).toFixed(1)}`)
      .join(', ')} ms`,
  );
  const { busy, byFile, byFunction } = selfTime(profiles);
  console.log(`\nCPU in the page from the click to the first screen drawn: ${(busy / opens).toFixed(1)} ms busy per open (neither idle nor (program))`);
  console.log('self time by source file / package:');
  for (const line of topLines(byFile, 20, opens, 'ms/open')) console.log(line);
  console.log('self time by function:');
  for (const line of topLines(byFunction, 30, opens, 'ms/open')) console.log(line);
} finally {
  await browser.close();
  await shell.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
