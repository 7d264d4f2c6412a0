/**
 * The browser figures' machinery: the built app (`npx electron-vite build` → out/), the real
 * browser-shell process started with a profile directory (its pid kept, for RSS), and Debian's
 * Chromium driven by Playwright with the flags of playwright.config.ts.
 *
 * Page-side code is passed as strings (the node tsconfig has no DOM types).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from '@playwright/test';
import { ROOT } from './common.ts';

export { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
const SHELL_ENTRY = join(ROOT, 'out/main/browser-shell.js');

/** Builds the app unless told the runner already did (PARLEY_BENCH_BUILT=1) and the output is there. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  if (process.env.PARLEY_BENCH_BUILT === '1' && existsSync(SHELL_ENTRY)) return;
  if (existsSync(SHELL_ENTRY) && existsSync(join(ROOT, 'out/renderer/index.html')) && process.env.PARLEY_BENCH_REBUILD !== '1') return;
  buildApp(log);
}

export function buildApp(log: (line: string) => void = console.log): number {
  const started = performance.now();
  const result = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  const elapsed = performance.now() - started;
  log(`  built the app (electron-vite build) in ${(elapsed / 1000).toFixed(1)} s`);
  return elapsed;
}

export interface ShellProcess {
  url: string;
  pid: number;
  /** performance.now() when the process was spawned and when it printed its URL. */
  spawnedAt: number;
  readyAt: number;
  output(): string;
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Starts out/main/browser-shell.js on a free port with `dataDir` as its profile. */
export async function startShell(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ShellProcess> {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [SHELL_ENTRY, '--port', '0', '--data', dataDir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log += `${line}\n`;
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line.trim())) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`browser shell exited (${code}) before printing its URL:\n${log}`)));
  });
  const readyAt = performance.now();
  return {
    url,
    pid: child.pid!,
    spawnedAt,
    readyAt,
    output: () => log,
    rssBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      return match ? Number(match[1]) * 1024 : Number.NaN;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

export async function newPage(browser: Browser, initScript?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (initScript) await page.addInitScript(initScript);
  return page;
}

/** Collects long tasks from page start: `window.__benchLongTasks` = durations in ms. */
export const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) { window.__benchLongTasksError = String(error); }
`;

/**
 * In the page: clicks the thread option named `topic`, then reports the time (performance.now()
 * delta) from the click to the first animation frame in which the row of `messageId` is inside the
 * message list's viewport. A MutationObserver and a frame loop both check, so the first frame that
 * holds the row counts.
 */
export function openThreadScript(topic: string, messageId: string): string {
  return `new Promise((resolve, reject) => {
    const option = [...document.querySelectorAll('[role="option"]')].find((element) => element.getAttribute('aria-label') === ${JSON.stringify(topic)});
    if (!option) { reject(new Error('no thread option named ' + ${JSON.stringify(topic)})); return; }
    option.scrollIntoView({ block: 'nearest' });
    const visible = () => {
      const row = document.querySelector('[data-message-id="' + ${JSON.stringify(messageId)} + '"]');
      if (!row) return false;
      const list = row.closest('[role="region"]') ?? document.documentElement;
      const a = row.getBoundingClientRect();
      const b = list.getBoundingClientRect();
      return a.height > 0 && a.bottom > b.top && a.top < b.bottom;
    };
    let done = false;
    const timeout = setTimeout(() => { done = true; observer.disconnect(); reject(new Error('newest row not shown within 15 s')); }, 15000);
    const finish = () => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timeout);
      resolve(performance.now() - started);
    };
    const observer = new MutationObserver(() => { if (!done && visible()) requestAnimationFrame(finish); });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    const frame = () => { if (done) return; if (visible()) finish(); else requestAnimationFrame(frame); };
    const started = performance.now();
    option.click();
    requestAnimationFrame(frame);
  })`;
}
