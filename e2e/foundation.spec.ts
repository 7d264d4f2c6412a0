import { WebSocket } from 'ws';
import { expect, test } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import type {} from '../src-renderer/src/lib/bridge.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

test('the page loads and shows data that came from main over the bridge', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await expect(page.getByTestId('data-dir')).toContainText(shell.dataDir);
  // Exactly the contract's methods and `on`, as the Electron preload exposes.
  const exposed = await page.evaluate(() => Object.keys(window.parley!).sort());
  const { API_METHODS } = await import('../src-preload/contract.ts');
  expect(exposed).toEqual([...Object.keys(API_METHODS), 'on'].sort());
  // The secret leaves the address bar once the bridge has it.
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('app-version')).toHaveText(version);
});

test('Korean is complete and switchable', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('heading', { name: 'Parley에 오신 것을 환영합니다' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

test('without its secret the page says clearly that its address lacks the access key', async ({ page, shell }) => {
  await page.goto(shell.origin + '/');
  await expect(page.getByRole('alert')).toContainText('This address has no access key');
});

test('when main goes away the page says so instead of hanging', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await shell.stop();
  const answer = await page.evaluate(() => window.parley!.getAppInfo());
  expect(answer).toEqual({ ok: false, error: { code: 'bridge-unavailable', message: expect.stringContaining('cannot reach') } });
});

function tryConnect(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(0));
  });
}

test('the bridge refuses a wrong secret and a foreign origin, and accepts the right pair', async ({ shell }) => {
  const bridge = `${shell.origin.replace('http', 'ws')}/bridge`;
  expect(await tryConnect(`${bridge}?token=${shell.token}`, shell.origin)).toBe('open');
  expect(await tryConnect(`${bridge}?token=wrong-${shell.token}`, shell.origin)).toBe(401);
  expect(await tryConnect(`${bridge}`, shell.origin)).toBe(401);
  expect(await tryConnect(`${bridge}?token=${shell.token}`, 'http://evil.example')).toBe(403);
});

test('the shell sends a strict content security policy', async ({ request, shell }) => {
  const response = await request.get(shell.origin + '/');
  const policy = response.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("default-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect((await request.get(shell.origin + '/../package.json')).status()).toBe(404);
});

test('SIGINT stops the shell cleanly', async ({ shell }) => {
  expect(await shell.stop('SIGINT')).toBe(0);
});
