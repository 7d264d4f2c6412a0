import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.ts';

// The desktop app itself. Where no Electron binary exists (no internet to download it), every test
// here is skipped with the reason printed; the browser-shell suite covers the same renderer.
const binary = findElectronBinary();
const ROOT = join(import.meta.dirname, '..');

interface RunningParley {
  app: ElectronApplication;
  window: Page;
  dataDir: string;
  close(): Promise<void>;
}

/** Launches the built app with its own throwaway profile (PARLEY_DATA_DIR) and Electron's logging on. */
async function launchParley(env: Record<string, string> = {}): Promise<RunningParley> {
  if (!binary.found) throw new Error(binary.reason);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-electron-'));
  const { ELECTRON_RENDERER_URL: _devServer, ...inherited } = process.env;
  // Chromium refuses to run as root with its OS sandbox (CI machines run as root); Parley's own
  // renderer sandbox (sandbox: true, contextIsolation) is unaffected by this switch.
  const args = [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const app = await electron.launch({
    executablePath: binary.path,
    args,
    env: { ...inherited, ELECTRON_ENABLE_LOGGING: '1', PARLEY_DATA_DIR: dataDir, ...env } as Record<string, string>,
  });
  const window = await app.firstWindow();
  return {
    app,
    window,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startDemo(window: Page) {
  await window.getByRole('button', { name: 'Start local demo' }).click();
  const list = window.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option').first()).toBeVisible();
  return list;
}

test.describe('desktop app (Electron)', () => {
  // Skipped, with the reason printed, only where no Electron binary can be had (as on machines without internet).
  if (!binary.found) console.log(`[electron.spec] skipped: ${binary.reason}`);
  test.beforeEach(({}, testInfo) => testInfo.skip(!binary.found, binary.found ? '' : `Electron binary not available: ${binary.reason}`));

  let parley: RunningParley | undefined;
  test.afterEach(async () => {
    await parley?.close();
    parley = undefined;
  });

  test('launches one secure window on the app scheme that shows data from main', async () => {
    parley = await launchParley();
    const { app, window } = parley;
    await expect(window.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    expect(window.url()).toBe('parley-app://renderer/index.html');
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { parley: object }).parley).sort());
    expect(exposed).toContain('getAppInfo');
    expect(exposed).toContain('on');
    expect(await window.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
      'undefined',
      'undefined',
    ]);
    const info = await window.evaluate(() => (window as unknown as { parley: { getAppInfo(): Promise<unknown> } }).parley.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { name: 'Parley', shell: 'electron' } });
    expect(app.windows()).toHaveLength(1);
    // The profile is the one the test chose, not the user's.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(parley.dataDir);
    // Navigation away from the app is refused.
    await window.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await expect(window.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    expect(window.url()).toBe('parley-app://renderer/index.html');
  });

  test('starts the local demo and sends a message', async () => {
    parley = await launchParley({ PARLEY_DEMO_ACTIVITY_MS: '0' });
    const { window } = parley;
    const list = await startDemo(window);
    await list.getByRole('option', { name: 'Design review' }).click();
    const messages = window.getByRole('region', { name: 'Messages' });
    await expect(messages.getByText('Otherwise ready to ship')).toBeVisible();
    const text = `Sent from Electron ${Date.now()}`;
    await window.getByRole('textbox', { name: 'Message' }).fill(text);
    await window.keyboard.press('Enter');
    await expect(messages.getByText(text)).toBeVisible();
    await expect(messages.getByText('Sending…')).toHaveCount(0);
  });

  test('a notification click brings the window forward and opens its conversation', async () => {
    parley = await launchParley({ PARLEY_DEMO_ACTIVITY_MS: '1500' });
    const { app, window } = parley;
    // Capture native notifications in main instead of handing them to the desktop's daemon.
    await app.evaluate(({ Notification }) => {
      const shown: unknown[] = [];
      (globalThis as { __parleyNotifications?: unknown[] }).__parleyNotifications = shown;
      Notification.isSupported = () => true;
      Notification.prototype.show = function show(this: unknown) {
        shown.push(this);
      };
    });
    const list = await startDemo(window);
    // No conversation is open, so the demo's people's messages raise notifications.
    const titles = () => app.evaluate(() => ((globalThis as { __parleyNotifications?: Array<{ title: string }> }).__parleyNotifications ?? []).map((shown) => shown.title));
    // The first sync raises one summary ("… in 3 conversations"); wait for one about a single conversation.
    const isAboutOneConversation = (title: string) => !/ in \d+ conversations?$/.test(title);
    await expect.poll(async () => (await titles()).some(isAboutOneConversation), { timeout: 30_000 }).toBe(true);
    const title = (await titles()).find(isAboutOneConversation)!;
    const topic = title.replace(/ \(\d+ new messages?\)$/, '');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.minimize());
    await app.evaluate((_electron, wanted) => {
      const shown = (globalThis as { __parleyNotifications?: Array<{ title: string; emit(event: string): void }> }).__parleyNotifications ?? [];
      shown.find((notification) => notification.title === wanted)?.emit('click');
    }, title);
    await expect(list.getByRole('option', { name: topic, selected: true })).toBeVisible();
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isMinimized())).toBe(false);
  });
});
