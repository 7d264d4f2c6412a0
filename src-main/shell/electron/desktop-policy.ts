import { dirname, join, posix, win32 } from 'node:path';
import type { NotificationPayload, ThreadRef, WindowFocus } from '../../../src-preload/contract.ts';
import type { DeepLink } from './deep-link.ts';

/** What the shell knows about the accounts when a link names a thread without its account. */
export interface AccountDirectory {
  accountIds: readonly string[];
  activeAccountId: string | null;
  hasThread(accountId: string, threadId: string): boolean;
}

/**
 * The thread a deep link opens. A link naming its account needs that account here; a link naming
 * only the thread goes to the account that has it cached (the active one first), else to the active
 * account (the thread may simply not be synced yet). Without any account there is nothing to open.
 */
export function deepLinkTarget(link: DeepLink, directory: AccountDirectory): ThreadRef | null {
  const { threadId } = link;
  if (link.accountId !== undefined) return directory.accountIds.includes(link.accountId) ? { accountId: link.accountId, threadId } : null;
  const { activeAccountId } = directory;
  const candidates = activeAccountId === null ? directory.accountIds : [activeAccountId, ...directory.accountIds.filter((id) => id !== activeAccountId)];
  const holder = candidates.find((accountId) => directory.hasThread(accountId, threadId));
  const accountId = holder ?? activeAccountId;
  return accountId === null ? null : { accountId, threadId };
}

/** A notification click opens the conversation it was about (the newest one, for a summary). */
export function notificationTarget(notification: NotificationPayload): ThreadRef {
  return { accountId: notification.accountId, threadId: notification.threadId };
}

export type FrontStep = 'restore' | 'show' | 'focus';

/** How to bring the window in front of the user, from whatever state it is in (minimised, in the tray). */
export function bringToFrontSteps(window: { minimized: boolean; visible: boolean }): FrontStep[] {
  const steps: FrontStep[] = [];
  if (window.minimized) steps.push('restore');
  if (!window.visible) steps.push('show');
  steps.push('focus');
  return steps;
}

/**
 * What the poller should assume about the window. The renderer reports focus and the open thread,
 * but a minimised window or one closed to the tray may not tell it: then nothing is on screen and
 * fast polling of the open thread must stop.
 */
export function windowFocusFor(reported: WindowFocus, window: { minimized: boolean; visible: boolean; focused: boolean }): WindowFocus {
  const onScreen = window.visible && !window.minimized;
  return { ...reported, visible: onScreen, focused: onScreen && window.focused };
}

/** Calls `onChange` only when the value really changes (the first value counts as a change). */
export function changeDetector<T>(onChange: (value: T) => void): (value: T) => void {
  let last: { value: T } | undefined;
  return (value) => {
    if (last && Object.is(last.value, value)) return;
    last = { value };
    onChange(value);
  };
}

/** What the environment may change about a desktop run (tests use both; a user may move the profile). */
export interface DesktopEnvironment {
  /** `PARLEY_DATA_DIR`: the profile folder (cache, settings, Chromium's own data) instead of the OS default. */
  dataDir?: string;
  /** `PARLEY_DEMO_ACTIVITY_MS`: how often the local demo's people post; 0 turns them quiet. */
  demoActivityMs?: number;
  /** `ELECTRON_RENDERER_URL`: electron-vite's dev server, in development only. */
  devRendererUrl?: string;
}

export function desktopEnvironment(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean, platform: NodeJS.Platform): DesktopEnvironment {
  const result: DesktopEnvironment = {};
  const dataDir = env.PARLEY_DATA_DIR?.trim();
  if (dataDir && isFullPath(dataDir, platform)) result.dataDir = dataDir;
  const activity = env.PARLEY_DEMO_ACTIVITY_MS?.trim();
  if (activity && /^\d{1,9}$/.test(activity)) result.demoActivityMs = Number(activity);
  // A packaged app never loads a page named by the environment: that would hand the bridge to anyone.
  const devUrl = env.ELECTRON_RENDERER_URL?.trim();
  if (!isPackaged && devUrl && /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+\/?$/.test(devUrl)) result.devRendererUrl = devUrl;
  return result;
}

/**
 * A path that names one folder wherever Parley starts. On Windows, `path.isAbsolute` also accepts
 * `\\x` and `/x`, which are relative to the current drive: a drive or a UNC share must be named.
 */
function isFullPath(path: string, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return posix.isAbsolute(path);
  return win32.isAbsolute(path) && win32.parse(path).root.length > 1;
}

/** The Windows application identity: the installer's shortcut carries it, and notifications must use the same. */
export const APP_USER_MODEL_ID = 'com.parley.desktop';

/**
 * Whether closing the window leaves Parley running (hidden) rather than quitting. Only with a tray to
 * come back from; on Linux only when the user asked for it, since a tray icon may be created on
 * desktops that never show it (stock GNOME). Launching Parley again always brings the window back.
 */
export function closeKeepsRunning(options: { platform: NodeJS.Platform; hasTray: boolean; keepRunningInTray: boolean }): boolean {
  if (!options.hasTray) return false;
  return options.platform !== 'linux' || options.keepRunningInTray;
}

/**
 * The profile folder of builds from before the product name was set: Electron named it after the
 * package (`parley`), now after the product (`Parley`). Only Linux tells the two apart; a profile found
 * there under the old name is kept in use, so that nobody's accounts and cache are left behind.
 */
export function legacyProfileDir(userData: string, platform: NodeJS.Platform): string | null {
  return platform === 'linux' ? join(dirname(userData), 'parley') : null;
}
