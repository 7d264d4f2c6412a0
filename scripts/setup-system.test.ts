import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts/setup-system.sh');
const PACKAGES = [
  'chromium',
  'libsecret-1-dev',
  'gnome-keyring',
  'dbus',
  'dbus-x11',
  'xvfb',
  'xauth',
  'fonts-noto-cjk',
  'fonts-noto-core',
  'fonts-noto-color-emoji',
  'python3',
  'make',
  'g++',
  'ca-certificates',
];

let bin: string;
afterEach(() => rmSync(bin, { recursive: true, force: true }));

function tool(name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}

/**
 * Runs the real script on a PATH that holds only what it may use: the machine's package database and
 * apt are stand-ins that record what they were asked (this test must not install anything), node is real.
 */
function runSetup(machine: { installed: string[]; uid: number; sudo: boolean }) {
  bin = mkdtempSync(join(tmpdir(), 'parley-setup-'));
  const calls = join(bin, 'calls.log');
  for (const real of ['grep', 'dirname']) {
    const found = ['/usr/bin', '/bin'].map((dir) => join(dir, real)).find(existsSync);
    if (found) symlinkSync(found, join(bin, real));
  }
  symlinkSync(process.execPath, join(bin, 'node'));
  tool('dpkg-query', `for asked; do :; done; for p in ${machine.installed.join(' ')}; do [ "$p" = "$asked" ] && { printf 'install ok installed'; exit 0; }; done; exit 1`);
  tool('apt-get', `echo "apt-get $*" >> ${calls}`);
  tool('id', `echo ${machine.uid}`);
  if (machine.sudo) tool('sudo', `echo "sudo" >> ${calls}; exec "$@"`);
  const result = spawnSync('/bin/sh', [SCRIPT], { env: { PATH: bin }, encoding: 'utf8' });
  return { ...result, calls: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
}

describe('scripts/setup-system.sh', () => {
  it('skips every package that is present and installs nothing', () => {
    const run = runSetup({ installed: PACKAGES, uid: 1000, sudo: true });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`setup: system packages present: ${PACKAGES.join(' ')}`);
    expect(run.calls).toEqual([]);
  });

  it('installs exactly the missing packages as root, and says which', () => {
    const run = runSetup({ installed: PACKAGES.filter((p) => p !== 'chromium' && p !== 'libsecret-1-dev'), uid: 0, sudo: false });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('setup: installing system packages: chromium libsecret-1-dev');
    expect(run.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium libsecret-1-dev']);
  });

  it('goes through sudo when not root', () => {
    const run = runSetup({ installed: PACKAGES.filter((p) => p !== 'xvfb'), uid: 1000, sudo: true });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual(['sudo', 'apt-get update -qq', 'sudo', 'apt-get install -y -qq --no-install-recommends xvfb']);
  });

  it('without root or sudo, names the missing packages and the command, and fails', () => {
    const run = runSetup({ installed: PACKAGES.filter((p) => p !== 'gnome-keyring'), uid: 1000, sudo: false });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('setup: these system packages are missing: gnome-keyring');
    expect(run.stderr).toContain('apt-get install gnome-keyring');
    expect(run.calls).toEqual([]);
  });
});

describe("the README's test command", () => {
  it('does its own set-up, and CI runs exactly it', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.test).toMatch(/^sh scripts\/setup-system\.sh && /);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('npm ci && npm test');
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm ci && npm test$/m);
    expect(ci).not.toContain('apt-get');
  });
});
