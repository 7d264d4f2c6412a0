import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ShellKind } from '../../src-preload/contract.ts';

/** The file in a profile folder that says which Parley process has the profile open. */
export const PROFILE_LOCK_FILE = 'parley.lock';

/** Who holds a profile: enough to tell whether it still runs and to point the user at it. */
export interface ProfileLockHolder {
  pid: number;
  host: string;
  shell: ShellKind;
  startedAt: number;
  /** The browser shell's address (with its token), once it listens. */
  address?: string;
}

export interface ProfileLock {
  readonly path: string;
  /** Records the running shell's address, so that a second start can point at it. */
  advertise(address: string): void;
  /** Gives the profile up; only removes the file while it is still this holder's. Safe to call twice. */
  release(): void;
}

/** A second Parley on one profile would write the same SQLite file: it is refused with a sentence saying where the first one is. */
export class ProfileInUse extends Error {
  readonly holder: ProfileLockHolder;
  constructor(dataDir: string, holder: ProfileLockHolder) {
    super(profileInUseMessage(dataDir, holder));
    this.name = 'ProfileInUse';
    this.holder = holder;
  }
}

function profileInUseMessage(dataDir: string, holder: ProfileLockHolder): string {
  const where =
    holder.shell === 'electron'
      ? `the Parley desktop app (process ${holder.pid}): use its window, or quit it first`
      : holder.address
        ? `Parley's browser shell (process ${holder.pid}): open ${holder.address}`
        : `Parley's browser shell (process ${holder.pid}), which is still starting: its address is printed where it was started`;
  return (
    `This profile (${dataDir}) is already open in ${where}. ` +
    'To run a second Parley at the same time, give it another profile folder (--data <folder> for the browser shell, PARLEY_DATA_DIR for the desktop app).'
  );
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): ProfileLockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ProfileLockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.shell !== 'string') return null;
    return parsed as ProfileLockHolder;
  } catch {
    return null;
  }
}

/** Written beside the lock and moved into place, so that a reader never sees half a file. */
function writeTemporary(path: string, holder: ProfileLockHolder): string {
  const temporary = `${path}.${holder.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 });
  return temporary;
}

export interface ProfileLockOptions {
  shell: ShellKind;
  now?: () => number;
  /** How liveness is checked (the real process table by default). */
  isAlive?: (pid: number) => boolean;
}

/**
 * Takes the profile for this process, or throws `ProfileInUse`. A lock left by a process that no longer runs
 * on this machine (a crash, kill -9) is stale and taken over. The lock is a hard link of a complete file,
 * so two starts at the same moment cannot both win.
 */
export function acquireProfileLock(dataDir: string, options: ProfileLockOptions): ProfileLock {
  const path = join(dataDir, PROFILE_LOCK_FILE);
  const isAlive = options.isAlive ?? processIsAlive;
  const mine: ProfileLockHolder = { pid: process.pid, host: hostname(), shell: options.shell, startedAt: (options.now ?? Date.now)() };
  const isMine = () => {
    const current = readHolder(path);
    return current?.pid === mine.pid && current.startedAt === mine.startedAt;
  };

  for (let attempt = 0; attempt < 2; attempt += 1) {
    const temporary = writeTemporary(path, mine);
    try {
      linkSync(temporary, path);
      let released = false;
      return {
        path,
        advertise(address) {
          if (released || !isMine()) return;
          mine.address = address;
          renameSync(writeTemporary(path, mine), path);
        },
        release() {
          if (released) return;
          released = true;
          if (isMine()) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      // A lock from another machine (a profile on a network share) cannot be checked: it is respected.
      if (holder && (holder.host !== mine.host || isAlive(holder.pid))) throw new ProfileInUse(dataDir, holder);
      rmSync(path, { force: true });
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  const holder = readHolder(path);
  throw holder ? new ProfileInUse(dataDir, holder) : new Error(`The profile lock ${path} could not be taken.`);
}
