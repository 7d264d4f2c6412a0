/**
 * A first start on a bare machine: a fresh clone installed without the libsecret headers, keytar that cannot
 * load, a port already taken, a tab from an earlier run or an address without its key. Each is told in a
 * sentence that says what to do.
 */
import type { Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startBrowserShell, type RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, screenshot, tempDir, test, waitForSync } from './fixtures.ts';

const BROWSER_SHELL = fileURLToPath(new URL('../out/main/browser-shell.js', import.meta.url));
const UNLOADABLE_KEYTAR = fileURLToPath(new URL('../src-main/test-support/unloadable-keytar.ts', import.meta.url));
const THIS_RUN_ONLY =
  /The system keychain is unavailable \(Parley’s keychain module \(keytar\) is not installed or cannot load on this machine\): new sign-ins can be kept for this run only/g;

/** A browser shell that was expected not to start: its output. */
async function refusedStart(options: Parameters<typeof startBrowserShell>[0]): Promise<string> {
  return startBrowserShell(options).then(
    async (unexpected) => {
      await unexpected.stop();
      throw new Error('the browser shell started');
    },
    (error: unknown) => (error as Error).message,
  );
}

/** What a first-time user does: start the local demo and send a message in it. */
async function startDemoAndSend(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Start local demo' }).click();
  const list = page.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option')).toHaveCount(5);
  await waitForSync(page);
  await list.getByRole('option', { name: 'Sam Carter' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByText(text)).toBeVisible();
  await expect(messages.getByText('Sending…')).toHaveCount(0);
}

test('with keytar unable to load, Parley starts, says once that secrets are kept for this run only, and the demo sends a message', async ({ page, profileDir }) => {
  const shell = await startBrowserShell({ dataDir: profileDir, env: { PARLEY_KEYTAR_MODULE: UNLOADABLE_KEYTAR } });
  try {
    await openApp(page, shell);
    await startDemoAndSend(page, 'Sent without a keychain');
    const notice = shell.output().match(THIS_RUN_ONLY) ?? [];
    expect(notice, shell.output()).toHaveLength(1);
  } finally {
    await shell.stop();
  }
});

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NETWORK_TROUBLE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/;

/** Runs a command to its end: its exit code and its output, both streams in order. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/**
 * The machine of a newcomer: no libsecret headers (pkg-config cannot find libsecret-1, as on a machine without
 * libsecret-1-dev), no prebuilt keytar to download (built from source, as where GitHub cannot be reached), no
 * Secret Service on the session bus, and nothing of this checkout's node_modules on the PATH.
 */
function bareMachineEnvironment(stubs: string): NodeJS.ProcessEnv {
  mkdirSync(stubs, { recursive: true });
  writeFileSync(join(stubs, 'pkg-config'), '#!/bin/sh\necho "Package libsecret-1 was not found in the pkg-config search path." >&2\nexit 1\n');
  chmodSync(join(stubs, 'pkg-config'), 0o755);
  const inherited = Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_') && name !== 'DBUS_SESSION_BUS_ADDRESS');
  const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => entry !== '' && !entry.includes('node_modules'));
  return { ...Object.fromEntries(inherited), PATH: [stubs, ...path].join(delimiter), npm_config_build_from_source: 'true' };
}

test('a fresh clone without the libsecret headers installs with npm ci, starts with npm start, and a first-time user sends a message in the demo', async ({ page }, testInfo) => {
  test.setTimeout(12 * 60_000);
  const scratch = tempDir('parley-fresh-clone-');
  let started: ReturnType<typeof spawn> | undefined;
  try {
    const clone = join(scratch.path, 'parley');
    mkdirSync(clone);
    try {
      // What a clone of this commit holds: the committed tree, nothing built, nothing installed.
      execFileSync('sh', ['-c', 'git -C "$1" archive --format=tar HEAD | tar -x -C "$2"', 'sh', ROOT, clone], { stdio: 'pipe' });
    } catch (error) {
      testInfo.skip(true, `no git checkout to clone from here (${(error as Error).message.split('\n')[0]})`);
    }
    const env = bareMachineEnvironment(join(scratch.path, 'bin'));

    const install = await run('npm', ['ci', '--prefer-offline', '--foreground-scripts', '--no-audit', '--no-fund'], { cwd: clone, env });
    if (install.code !== 0 && NETWORK_TROUBLE.test(install.output)) {
      console.log(`[bare-machine.spec] fresh clone skipped: the npm registry cannot be reached (${NETWORK_TROUBLE.exec(install.output)?.[1]})`);
      testInfo.skip(true, 'the npm registry cannot be reached');
    }
    expect(install.code, install.output.slice(-4000)).toBe(0);
    // keytar's native build failed as it does on a bare machine, and npm left the optional dependency out.
    expect(install.output).toContain('Package libsecret-1 was not found');
    expect(existsSync(join(clone, 'node_modules/keytar'))).toBe(false);
    expect(existsSync(join(clone, 'node_modules/better-sqlite3'))).toBe(true);

    // `npm start` builds on its first run and, with no Electron binary here, serves the browser shell.
    const profile = join(scratch.path, 'profile');
    const child = spawn('npm', ['start', '--', '--port', '0', '--data', profile], { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started = child;
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) resolve(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before printing an address:\n${output}`)));
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url);
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    await startDemoAndSend(page, 'Hello from a fresh clone');
    expect(output.match(THIS_RUN_ONLY) ?? [], output).toHaveLength(1);
  } finally {
    if (started?.pid !== undefined && started.exitCode === null) {
      const exited = new Promise((resolve) => started!.once('exit', resolve));
      // npm, the start script and the browser shell: the group this test started.
      process.kill(-started.pid, 'SIGTERM');
      await exited;
    }
    scratch.remove();
  }
});

test('a port already in use is named, with --port suggested', async ({ shell }) => {
  const other = tempDir('parley-port-');
  try {
    const port = new URL(shell.origin).port;
    const output = await refusedStart({ dataDir: other.path, args: ['--port', port] });
    expect(output).toContain(`Parley could not start: Port ${port} on 127.0.0.1 is already in use by another program. Start Parley on another port with --port <n>`);
    expect(output).not.toContain('EADDRINUSE');
  } finally {
    other.remove();
  }
});

test('--help prints usage instead of "Unknown option", and an unknown option is explained with it', () => {
  expect(execFileSync(process.execPath, [BROWSER_SHELL, '--help'], { encoding: 'utf8' })).toMatch(/^Usage: npm run web -- \[--port <n>\] \[--data <folder>\]/);
  let failure: { status: number; stderr: string } | undefined;
  try {
    execFileSync(process.execPath, [BROWSER_SHELL, '--verbose'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    failure = error as { status: number; stderr: string };
  }
  expect(failure?.status).toBe(2);
  expect(failure?.stderr).toMatch(/^Unknown option '--verbose'\.\n\nUsage: npm run web/);
});

test.describe('a page whose access key is not the running Parley’s', () => {
  let earlier: RunningShell | undefined;
  let current: RunningShell | undefined;

  test.afterEach(async () => {
    await earlier?.stop();
    await current?.stop();
  });

  test('a tab from an earlier run says so at once, before and after a reload, and how to get the current address', async ({ page, profileDir, browser }) => {
    earlier = await startBrowserShell({ dataDir: profileDir });
    await openApp(page, earlier);
    const korean = await browser.newContext({ locale: 'ko-KR', colorScheme: 'dark' });
    const koreanPage = await korean.newPage();
    await koreanPage.goto(earlier.url);
    await expect(koreanPage.getByRole('heading', { name: 'Parley에 오신 것을 환영합니다' })).toBeVisible();
    const port = new URL(earlier.origin).port;
    await earlier.stop();
    earlier = undefined;
    current = await startBrowserShell({ dataDir: profileDir, args: ['--port', port] });

    const alert = page.getByRole('alert');
    // Known from the shell's answer (a connection that merely timed out would say it cannot reach the app).
    await expect(page.getByRole('heading', { name: 'This page is from an earlier run of Parley' })).toBeVisible();
    await expect(alert).toContainText('To get the current address, look in the terminal where Parley runs');
    await expect(alert).not.toContainText('cannot reach');
    await expect(alert.getByRole('button')).toHaveCount(0);
    await screenshot(page, 'bridge-key-stale-light-en');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'bridge-key-stale-dark-en');
    await expect(koreanPage.getByRole('heading', { name: '이전에 실행된 Parley의 페이지입니다' })).toBeVisible();
    await screenshot(koreanPage, 'bridge-key-stale-dark-ko');
    await koreanPage.emulateMedia({ colorScheme: 'light' });
    await screenshot(koreanPage, 'bridge-key-stale-light-ko');
    await korean.close();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'This page is from an earlier run of Parley' })).toBeVisible();
    // The current address works in the same tab.
    await openApp(page, current);
  });

  test('the address without its key says exactly that, in the user’s language too', async ({ page, shell, browser }) => {
    await page.goto(shell.origin + '/');
    await expect(page.getByRole('heading', { name: 'This address has no access key' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('the one ending in “?token=…”');
    await expect(page.getByRole('alert')).not.toContainText('cannot reach');
    await screenshot(page, 'bridge-key-missing-light-en');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'bridge-key-missing-dark-en');
    for (const colorScheme of ['light', 'dark'] as const) {
      const korean = await browser.newContext({ locale: 'ko-KR', colorScheme });
      const koreanPage = await korean.newPage();
      await koreanPage.goto(shell.origin + '/');
      await expect(koreanPage.getByRole('heading', { name: '이 주소에는 접근 키가 없습니다' })).toBeVisible();
      await screenshot(koreanPage, `bridge-key-missing-${colorScheme}-ko`);
      await korean.close();
    }
  });
});

test('an app process that does not answer is said once, with a way to try again', async ({ browser, shell }) => {
  for (const [locale, colorScheme] of [
    ['en-US', 'light'],
    ['en-US', 'dark'],
    ['ko-KR', 'light'],
    ['ko-KR', 'dark'],
  ] as const) {
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // The process gone between serving the page and answering: no bridge, no answer over HTTP either.
    await page.routeWebSocket(/\/bridge/, (socket) => socket.close());
    await page.route(/\/bridge\?/, (route) => route.abort('connectionrefused'));
    await page.goto(shell.url);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading')).toHaveText(locale === 'en-US' ? 'Parley cannot reach its app process' : 'Parley 앱 프로세스에 연결할 수 없습니다');
    await expect(alert.getByRole('button')).toBeVisible();
    if (locale === 'en-US') {
      await expect(alert).toContainText('Check that Parley is still running, then try again.');
      expect((await alert.innerText()).match(/cannot reach/g)).toHaveLength(1);
    }
    await screenshot(page, `bridge-unreachable-${colorScheme}-${locale.slice(0, 2)}`);
    await context.close();
  }
});
