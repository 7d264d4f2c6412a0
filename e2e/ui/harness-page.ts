/**
 * What every UI harness spec shares: the built renderer served on loopback, the app opened against
 * the fake bridge at a fixed time, axe, and screenshots. Needs `electron-vite build` first.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { installFakeBridge, type FakeBridgeOptions } from './fake-bridge.ts';

const ROOT = join(import.meta.dirname, '../../out/renderer');
const SHOTS = join(import.meta.dirname, '../../test-results/ui');
/** Where the screenshots of whole screens go, beside those of the end-to-end tests. */
const SCREENS = join(import.meta.dirname, '../../test-results/screens');
export const NOW = Date.UTC(2025, 5, 12, 14, 30);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

let server: Server;
let origin = '';

/** Serves the built renderer for the specs of one file; call at the top level of a spec file. */
export function serveRenderer(): void {
  test.beforeAll(async () => {
    if (!existsSync(join(ROOT, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build');
    for (const folder of [SHOTS, SCREENS]) mkdirSync(folder, { recursive: true });
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const file = join(ROOT, path === '/' ? 'index.html' : path);
      if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

export async function openApp(page: Page, options: Partial<FakeBridgeOptions> = {}): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.clock.setSystemTime(NOW);
  await page.addInitScript(installFakeBridge, { signedIn: true, bigThreadSize: 100_000, now: NOW, ...options });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(origin + '/');
  // Keyboard shortcuts act only once the app is ready: wait for it, not for the page load alone.
  const signedIn = options.signedIn ?? true;
  if (signedIn) await expect(page.getByRole('listbox', { name: /^(Conversations|대화)$/ })).toBeVisible();
  else await expect(page.getByRole('heading', { name: /Welcome to Parley|Parley에 오신 것을 환영합니다/ })).toBeVisible();
  (page as PageWithErrors).parleyErrors = errors;
}

type PageWithErrors = Page & { parleyErrors?: string[] };

/** Errors the page logged or threw since `openApp`. */
export function pageErrors(page: Page): string[] {
  return (page as PageWithErrors).parleyErrors ?? [];
}

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    label,
  ).toEqual([]);
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
}

/** A screenshot under test-results/ui/, or under test-results/screens/ for a whole screen of the set. */
export async function shot(page: Page, name: string, folder: 'ui' | 'screens' = 'ui'): Promise<void> {
  await page.screenshot({ path: join(folder === 'ui' ? SHOTS : SCREENS, `${name}.png`) });
}
