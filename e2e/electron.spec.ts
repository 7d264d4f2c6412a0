import { _electron as electron, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.ts';

const binary = findElectronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(!binary.found, binary.found ? '' : `Electron binary not available: ${binary.reason}`);
  if (!binary.found) console.log(`[electron.spec] skipped: ${binary.reason}`);

  test('launches one secure window that shows data from main', async () => {
    if (!binary.found) return;
    const app = await electron.launch({ executablePath: binary.path, args: [join(import.meta.dirname, '..')] });
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { parley: object }).parley).sort());
    expect(exposed).toContain('getAppInfo');
    expect(exposed).toContain('on');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await app.close();
  });
});
