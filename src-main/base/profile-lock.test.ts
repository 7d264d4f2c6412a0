import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireProfileLock, PROFILE_LOCK_FILE, ProfileInUse, type ProfileLockHolder } from './profile-lock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parley-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockPath = () => join(dir, PROFILE_LOCK_FILE);
const holderOnDisk = () => JSON.parse(readFileSync(lockPath(), 'utf8')) as ProfileLockHolder;

/** The id of a process that ran and is gone, as a crashed Parley's is. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function refusal(action: () => unknown): ProfileInUse {
  try {
    action();
  } catch (error) {
    if (error instanceof ProfileInUse) return error;
    throw error;
  }
  throw new Error('the profile was not refused');
}

describe('profile lock', () => {
  it('is held by one holder at a time; the second is told where the first is, and the profile is free again after release', () => {
    const first = acquireProfileLock(dir, { shell: 'browser' });
    first.advertise('http://127.0.0.1:5317/?token=abc');
    expect(holderOnDisk()).toMatchObject({ pid: process.pid, shell: 'browser', address: 'http://127.0.0.1:5317/?token=abc' });
    expect(statSync(lockPath()).mode & 0o777).toBe(0o600);

    const refused = refusal(() => acquireProfileLock(dir, { shell: 'electron' }));
    expect(refused.message).toContain(`This profile (${dir}) is already open in Parley's browser shell (process ${process.pid}): open http://127.0.0.1:5317/?token=abc.`);
    expect(refused.message).toContain('--data <folder>');

    first.release();
    expect(existsSync(lockPath())).toBe(false);
    const desktop = acquireProfileLock(dir, { shell: 'electron' });
    expect(refusal(() => acquireProfileLock(dir, { shell: 'browser' })).message).toContain('the Parley desktop app');
    desktop.release();
  });

  it('takes over a lock whose process is gone (a crash, kill -9), and an unreadable one', () => {
    const crashed: ProfileLockHolder = { pid: deadPid(), host: hostname(), shell: 'browser', startedAt: 1, address: 'http://127.0.0.1:1/?token=old' };
    writeFileSync(lockPath(), JSON.stringify(crashed));
    const lock = acquireProfileLock(dir, { shell: 'browser' });
    expect(holderOnDisk().pid).toBe(process.pid);
    lock.release();

    writeFileSync(lockPath(), 'garbage');
    acquireProfileLock(dir, { shell: 'browser' }).release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('respects a lock held from another machine, whose process cannot be checked', () => {
    const elsewhere: ProfileLockHolder = { pid: deadPid(), host: `not-${hostname()}`, shell: 'electron', startedAt: 1 };
    writeFileSync(lockPath(), JSON.stringify(elsewhere));
    expect(refusal(() => acquireProfileLock(dir, { shell: 'browser' })).holder).toEqual(elsewhere);
  });

  it('release leaves alone a lock that is no longer this holder’s', () => {
    const lock = acquireProfileLock(dir, { shell: 'browser' });
    const successor: ProfileLockHolder = { pid: process.pid, host: hostname(), shell: 'browser', startedAt: -1 };
    writeFileSync(lockPath(), JSON.stringify(successor));
    lock.release();
    expect(holderOnDisk()).toEqual(successor);
  });

  it('refuses a profile another live process holds', async () => {
    const script = `
      import { acquireProfileLock } from ${JSON.stringify(new URL('./profile-lock.ts', import.meta.url).href)};
      acquireProfileLock(process.argv[1], { shell: 'electron' });
      console.log('locked');
      setInterval(() => {}, 1000);
    `;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: holder.stdout }).on('line', (line) => line === 'locked' && resolve());
        holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      const refused = refusal(() => acquireProfileLock(dir, { shell: 'browser' }));
      expect(refused.holder.pid).toBe(holder.pid);
      expect(refused.message).toContain(`the Parley desktop app (process ${holder.pid})`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Killed without releasing: the next start takes the profile over.
    acquireProfileLock(dir, { shell: 'browser' }).release();
  });
});
