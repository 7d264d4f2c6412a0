/**
 * Fixtures and helpers for the end-to-end tests against the real browser shell: a temporary
 * profile, an ACS emulator in the test process (whose CA the shell trusts through
 * NODE_EXTRA_CA_CERTS), sign-in through the UI, a recorder for Web Notifications, axe and
 * screenshots. The keychain is the real Secret Service (scripts/with-keyring.sh).
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { startBrowserShell, type RunningShell } from '../src-main/test-support/browser-shell-process.ts';

export { expect } from '@playwright/test';

export const SCREENS_DIR = join(import.meta.dirname, '../test-results/screens');

/** A throwaway directory, removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestEmulatorOptions {
  dataDir: string;
  port?: number;
  accessKey?: string;
}

/** An emulator in the test process, persisted to `dataDir` (so `ca.pem` is written there), rate limits off. */
export function startTestEmulator(options: TestEmulatorOptions): Promise<Emulator> {
  return startEmulator({ dataDir: options.dataDir, port: options.port ?? 0, rateLimits: false, ...(options.accessKey ? { accessKey: options.accessKey } : {}) });
}

/** The path of the CA certificate an emulator wrote into its data dir. */
export function caPathOf(emulatorDataDir: string): string {
  return join(emulatorDataDir, 'ca.pem');
}

/** The real browser shell on `profileDir`, trusting the emulator's CA when one is given. */
export function startShell(profileDir: string, emulatorDataDir?: string): Promise<RunningShell> {
  return startBrowserShell({ dataDir: profileDir, ...(emulatorDataDir ? { env: { NODE_EXTRA_CA_CERTS: caPathOf(emulatorDataDir) } } : {}) });
}

/** A spec file's own world: a temporary folder, an emulator in it, the browser shell trusting it, and the user Parley signs in as. */
export interface ServiceAndShell {
  emulator: Emulator;
  shell: RunningShell;
  me: { userId: string; token: string };
  /** Stops the shell and the emulator and removes the folder. */
  stop(): Promise<void>;
}

export async function startServiceAndShell(prefix: string): Promise<ServiceAndShell> {
  const root = tempDir(prefix);
  const emulator = await startTestEmulator({ dataDir: `${root.path}/emulator` });
  const shell = await startShell(`${root.path}/profile`, `${root.path}/emulator`);
  const { userId, token } = emulator.createUserWithToken(['chat']);
  return {
    emulator,
    shell,
    me: { userId, token },
    async stop() {
      await shell.stop();
      await emulator.stop();
      root.remove();
    },
  };
}

/** Every request the page makes outside the shell's own origin (data: and blob: URLs are the page's own), as it happens. */
export function watchForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

/** Opens the page and waits until the app shows either the welcome screen or the conversations. */
export async function openApp(page: Page, shell: RunningShell): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Parley' }).or(page.getByRole('listbox', { name: 'Conversations' }))).toBeVisible();
}

/** Signs in through the welcome screen's token form and waits for the thread list. */
export async function signInWithToken(page: Page, input: { endpoint: string; token: string; displayName: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Endpoint' }).fill(input.endpoint);
  await page.getByRole('textbox', { name: 'User access token' }).fill(input.token);
  await page.getByRole('textbox', { name: 'Your display name' }).fill(input.displayName);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: `Account: ${input.displayName}` })).toBeVisible();
}

/** Waits until the first sync has finished ("Synced …" in the sidebar). */
export async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible();
}

// ---------------------------------------------------------------------------------------------
// Web Notifications: recorded in the page, with a way to click one.

export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
}

declare global {
  interface Window {
    __notifications?: { list(): RecordedNotification[]; click(index: number): void };
  }
}

/** Wraps `window.Notification` so that every notification the page raises is recorded (and stays a real one). */
export async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.Notification;
    const raised: Notification[] = [];
    class Recorded extends Native {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        raised.push(this);
      }
    }
    window.Notification = Recorded;
    window.__notifications = {
      list: () => raised.map((n) => ({ title: n.title, body: n.body, tag: n.tag })),
      click: (index) => raised[index]?.dispatchEvent(new Event('click')),
    };
  });
}

export function notificationsOf(page: Page): Promise<RecordedNotification[]> {
  return page.evaluate(() => window.__notifications?.list() ?? []);
}

/** A context that may show notifications for the shell's origin. */
export async function notifyingContext(browser: Browser, shell: RunningShell): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['notifications'], { origin: shell.origin });
  return context;
}

// ---------------------------------------------------------------------------------------------
// Accessibility and screenshots

/** WCAG 2.1 A/AA; `only` narrows it to some rules (e.g. colour contrast, the one thing a theme changes). */
export async function expectNoSeriousAxeViolations(page: Page, label: string, only?: readonly string[]): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (only ? builder.withRules([...only]) : builder).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    label,
  ).toEqual([]);
}

/**
 * Clicks the confirming button of an "open in the browser" dialog and checks that the new tab (the browser shell's
 * stand-in for the system browser) reaches `url`, which answers from here. A new tab starts at about:blank: its URL
 * is awaited, never read at once.
 */
export async function confirmOpensInBrowser(page: Page, confirm: Locator, buttonName: string, url: string, answer: { contentType: string; body: string }): Promise<void> {
  await page.context().route(`${new URL(url).origin}/**`, (route) => route.fulfill({ status: 200, ...answer }));
  const popup = page.waitForEvent('popup');
  await confirm.getByRole('button', { name: buttonName }).click();
  const opened = await popup;
  await opened.waitForURL(url);
  await opened.close();
}

/**
 * Shows the page in each language and theme in turn (through the app's settings), calls `look` for each, then
 * leaves English and the system theme. For screenshots of a screen in every look, each checked with axe.
 */
export async function inEveryLanguageAndTheme(page: Page, look: (language: 'en' | 'ko', theme: 'light' | 'dark') => Promise<void>): Promise<void> {
  for (const language of ['en', 'ko'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(({ language, theme }) => window.parley!.updateSettings({ language, theme }), { language, theme });
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await look(language, theme);
    }
  }
  await page.evaluate(() => window.parley!.updateSettings({ language: 'en', theme: 'system' }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

// ---------------------------------------------------------------------------------------------
// Fixtures

interface Fixtures {
  /** The browser shell on a fresh profile, no emulator. */
  shell: RunningShell;
  /** A fresh profile directory, removed after the test. */
  profileDir: string;
}

export const test = base.extend<Fixtures>({
  shell: async ({}, use) => {
    const shell = await startBrowserShell();
    await use(shell);
    await shell.stop();
  },
  profileDir: async ({}, use) => {
    const dir = tempDir('parley-profile-');
    await use(dir.path);
    dir.remove();
  },
});
