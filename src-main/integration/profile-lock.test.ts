import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createParleyApp } from '../app.ts';
import { systemClock } from '../base/clock.ts';
import { startDesktop, type Desktop } from '../shell/electron/desktop.ts';
import { startBrowserShell, type RunningShell } from '../test-support/browser-shell-process.ts';
import { capturingLogger, testKeychain } from '../test-support/core-harness.ts';
import { createFakeElectron } from '../test-support/fake-electron.ts';

const BUILT_SHELL = join(import.meta.dirname, '../../out/main/browser-shell.js');
const built = existsSync(BUILT_SHELL);
if (!built) console.log('[profile-lock.test] skipped: it runs the built browser shell; run `npx electron-vite build` first (`npm test` does)');

/** The desktop shell's real start-up (fake Electron, real Parley core) on `dataDir`. */
function startDesktopOn(dataDir: string) {
  const fake = createFakeElectron();
  const log = capturingLogger();
  const desktop = startDesktop(fake.electron, {
    env: { PARLEY_DATA_DIR: dataDir },
    argv: ['/opt/Parley/parley'],
    platform: 'linux',
    appVersion: 'test',
    preloadPath: '/opt/Parley/out/preload/index.cjs',
    rendererDir: join(import.meta.dirname, '../../out/renderer'),
    log,
    createParley: (input) =>
      createParleyApp({ ...input, secrets: testKeychain(), clock: systemClock, log, shell: 'electron', appVersion: 'test', demo: { activityIntervalMs: 0 } }),
  }) as Desktop;
  return { fake, log, desktop };
}

/** The second process on a profile refuses it: desktop + browser shell, both ways, and two browser shells. */
describe.runIf(built)('one Parley per profile', () => {
  let profile: string;
  let running: RunningShell | undefined;

  beforeEach(() => {
    profile = mkdtempSync(join(tmpdir(), 'parley-one-profile-'));
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    rmSync(profile, { recursive: true, force: true });
  });

  const secondShellOutput = () =>
    startBrowserShell({ dataDir: profile }).then(
      async (unexpected) => {
        await unexpected.stop();
        throw new Error('a second browser shell started on a profile in use');
      },
      (error: unknown) => (error as Error).message,
    );

  it('a second browser shell refuses the profile and prints the running one’s address', async () => {
    running = await startBrowserShell({ dataDir: profile });
    const output = await secondShellOutput();
    expect(output).toContain(`Parley could not start: This profile (${profile}) is already open in Parley's browser shell`);
    expect(output).toContain(`open ${running.url}.`);
    // The first one is unaffected.
    expect((await fetch(`${running.origin}/bridge?token=${running.token}`)).status).toBe(204);
    console.log('faults: a second browser shell on a profile a browser shell has open; kept: one writer, the first still serving, the second refused pointing at it');
  });

  it('the desktop app refuses a profile the browser shell has open, and quits pointing at it', async () => {
    running = await startBrowserShell({ dataDir: profile });
    const { fake, log, desktop } = startDesktopOn(profile);
    await expect(desktop.ready).rejects.toThrow(`open ${running.url}.`);
    expect(fake.record.appCalls.at(-1)).toBe('quit');
    expect(fake.record.windows).toHaveLength(0);
    expect(log.lines.some((line) => line.startsWith('error Parley could not start: This profile') && line.includes(running!.url))).toBe(true);
    console.log('faults: the desktop app started on a profile the browser shell has open; kept: one writer, the desktop app quit before opening the cache');
  });

  it('a browser shell refuses a profile the desktop app has open, and starts once the desktop app has quit', async () => {
    const { fake, desktop } = startDesktopOn(profile);
    await desktop.ready;
    const output = await secondShellOutput();
    expect(output).toContain(`is already open in the Parley desktop app (process ${process.pid}): use its window, or quit it first.`);

    // Quitting the desktop app (will-quit stops Parley, then quits again) frees the profile.
    const event = { defaultPrevented: false, preventDefault() {} };
    fake.emitApp('will-quit', event);
    await expect.poll(() => fake.record.appCalls.filter((call) => call === 'quit').length).toBe(1);
    running = await startBrowserShell({ dataDir: profile });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    console.log('faults: a browser shell started on a profile the desktop app has open; kept: one writer, the shell refused until the desktop app quit');
  });
});
