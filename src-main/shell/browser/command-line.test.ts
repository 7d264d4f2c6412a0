import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_SHELL_PORT, parseBrowserShellArgs } from './command-line.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('parseBrowserShellArgs', () => {
  it('reads the port and the profile folder, with the default port when none is given', () => {
    expect(parseBrowserShellArgs(['--port', '0', '--data', '/tmp/p'])).toEqual({ kind: 'run', port: 0, dataDir: '/tmp/p' });
    expect(parseBrowserShellArgs([])).toEqual({ kind: 'run', port: DEFAULT_BROWSER_SHELL_PORT });
  });

  it('answers --help and -h with help', () => {
    expect(parseBrowserShellArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseBrowserShellArgs(['--port', '1', '-h'])).toEqual({ kind: 'help' });
  });

  it('explains a mistake in one sentence', () => {
    expect(parseBrowserShellArgs(['--verbose'])).toEqual({ kind: 'invalid', problem: "Unknown option '--verbose'." });
    expect(parseBrowserShellArgs(['--port', 'http'])).toEqual({ kind: 'invalid', problem: '--port must be a number from 0 to 65535, not "http".' });
    expect(parseBrowserShellArgs(['--port', '70000'])).toMatchObject({ kind: 'invalid' });
    expect(parseBrowserShellArgs(['stray'])).toMatchObject({ kind: 'invalid' });
  });
});

describe('npm run web -- --help and npm start -- --help', () => {
  // The scripts answer before building or launching anything, so this runs without a build.
  const run = (script: string) => execFileSync(process.execPath, [join(ROOT, 'scripts', script), '--help'], { encoding: 'utf8' });

  it('print usage with every option instead of "Unknown option"', () => {
    const web = run('web.ts');
    expect(web).toMatch(/^Usage: npm run web -- \[--port <n>\] \[--data <folder>\]/);
    const start = run('start.ts');
    expect(start).toMatch(/^Usage: npm start/);
    for (const usage of [web, start]) for (const option of ['--port <n>', '--data <folder>', '-h, --help']) expect(usage).toContain(option);
    expect(start).toContain('PARLEY_DATA_DIR');
  });
});
