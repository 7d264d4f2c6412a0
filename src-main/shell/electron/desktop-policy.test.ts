import { describe, expect, it } from 'vitest';
import {
  bringToFrontSteps,
  changeDetector,
  closeKeepsRunning,
  deepLinkTarget,
  desktopEnvironment,
  notificationTarget,
  windowFocusFor,
  type AccountDirectory,
} from './desktop-policy.ts';

const THREAD = '19:abc1@thread.v2';

function directory(accountIds: string[], activeAccountId: string | null, holders: Array<[string, string]> = []): AccountDirectory {
  return { accountIds, activeAccountId, hasThread: (accountId, threadId) => holders.some(([a, t]) => a === accountId && t === threadId) };
}

describe('where a deep link goes', () => {
  it('to the named account when this profile has it', () => {
    expect(deepLinkTarget({ accountId: 'acct-b', threadId: THREAD }, directory(['acct-a', 'acct-b'], 'acct-a'))).toEqual({ accountId: 'acct-b', threadId: THREAD });
  });

  it('nowhere when the named account is not here', () => {
    expect(deepLinkTarget({ accountId: 'acct-z', threadId: THREAD }, directory(['acct-a'], 'acct-a', [['acct-a', THREAD]]))).toBeNull();
  });

  it('to the account that has the thread, the active one first', () => {
    expect(deepLinkTarget({ threadId: THREAD }, directory(['acct-a', 'acct-b'], 'acct-a', [['acct-b', THREAD]]))).toEqual({ accountId: 'acct-b', threadId: THREAD });
    expect(
      deepLinkTarget(
        { threadId: THREAD },
        directory(['acct-a', 'acct-b'], 'acct-b', [
          ['acct-a', THREAD],
          ['acct-b', THREAD],
        ]),
      ),
    ).toEqual({
      accountId: 'acct-b',
      threadId: THREAD,
    });
  });

  it('to the active account when no cache has the thread yet, and nowhere without accounts', () => {
    expect(deepLinkTarget({ threadId: THREAD }, directory(['acct-a', 'acct-b'], 'acct-b'))).toEqual({ accountId: 'acct-b', threadId: THREAD });
    expect(deepLinkTarget({ threadId: THREAD }, directory([], null))).toBeNull();
  });
});

describe('a notification click', () => {
  it('opens the thread the notification was about', () => {
    expect(notificationTarget({ accountId: 'acct-a', threadId: THREAD, title: 'Design review', body: 'Minji: ok' })).toEqual({ accountId: 'acct-a', threadId: THREAD });
  });

  it('brings the window forward from any state before the thread opens', () => {
    expect(bringToFrontSteps({ minimized: false, visible: true })).toEqual(['focus']);
    expect(bringToFrontSteps({ minimized: true, visible: true })).toEqual(['restore', 'focus']);
    expect(bringToFrontSteps({ minimized: false, visible: false })).toEqual(['show', 'focus']);
    expect(bringToFrontSteps({ minimized: true, visible: false })).toEqual(['restore', 'show', 'focus']);
  });
});

describe('window focus as the poller sees it', () => {
  const reported = { focused: true, visible: true, open: { accountId: 'acct-a', threadId: THREAD } };

  it('takes a minimised or hidden window off screen, keeping the open thread', () => {
    expect(windowFocusFor(reported, { minimized: true, visible: true, focused: false })).toEqual({ ...reported, focused: false, visible: false });
    expect(windowFocusFor(reported, { minimized: false, visible: false, focused: false })).toEqual({ ...reported, focused: false, visible: false });
  });

  it('puts a restored window back on screen, focused only if it has focus', () => {
    const hidden = { ...reported, focused: false, visible: false };
    expect(windowFocusFor(hidden, { minimized: false, visible: true, focused: false })).toEqual({ ...reported, focused: false, visible: true });
    expect(windowFocusFor(hidden, { minimized: false, visible: true, focused: true })).toEqual(reported);
  });
});

describe('change detection (network state)', () => {
  it('reports the first value and then only changes', () => {
    const seen: boolean[] = [];
    const report = changeDetector<boolean>((online) => seen.push(online));
    for (const online of [true, true, false, false, false, true]) report(online);
    expect(seen).toEqual([true, false, true]);
  });
});

describe('the desktop environment', () => {
  it('takes an absolute profile folder and a demo pace', () => {
    expect(desktopEnvironment({ PARLEY_DATA_DIR: '/tmp/parley-e2e-1', PARLEY_DEMO_ACTIVITY_MS: '1500' }, false, 'linux')).toEqual({
      dataDir: '/tmp/parley-e2e-1',
      demoActivityMs: 1500,
    });
    expect(desktopEnvironment({ PARLEY_DATA_DIR: 'C:\\Users\\me\\Parley' }, true, 'win32')).toEqual({ dataDir: 'C:\\Users\\me\\Parley' });
    expect(desktopEnvironment({ PARLEY_DATA_DIR: '\\\\server\\share\\Parley' }, true, 'win32')).toEqual({ dataDir: '\\\\server\\share\\Parley' });
  });

  it('takes only a path that is absolute on the platform it runs on', () => {
    // On Windows these name a folder on whichever drive is current.
    expect(desktopEnvironment({ PARLEY_DATA_DIR: '/x' }, true, 'win32')).toEqual({});
    expect(desktopEnvironment({ PARLEY_DATA_DIR: '\\x' }, true, 'win32')).toEqual({});
    expect(desktopEnvironment({ PARLEY_DATA_DIR: 'C:x' }, true, 'win32')).toEqual({});
    // On Linux and macOS a drive letter is just a relative folder name.
    expect(desktopEnvironment({ PARLEY_DATA_DIR: 'C:\\Users\\me' }, true, 'linux')).toEqual({});
    expect(desktopEnvironment({ PARLEY_DATA_DIR: '/Users/me/Parley' }, true, 'darwin')).toEqual({ dataDir: '/Users/me/Parley' });
  });

  it('ignores a relative profile folder and a malformed pace', () => {
    expect(desktopEnvironment({ PARLEY_DATA_DIR: 'relative/dir', PARLEY_DEMO_ACTIVITY_MS: '-5' }, false, 'linux')).toEqual({});
    expect(desktopEnvironment({ PARLEY_DEMO_ACTIVITY_MS: '1e3' }, false, 'linux')).toEqual({});
  });

  it('loads a dev server only when unpackaged, and only from loopback', () => {
    expect(desktopEnvironment({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, false, 'linux')).toEqual({ devRendererUrl: 'http://localhost:5173/' });
    expect(desktopEnvironment({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true, 'linux')).toEqual({});
    expect(desktopEnvironment({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false, 'linux')).toEqual({});
    expect(desktopEnvironment({ ELECTRON_RENDERER_URL: 'http://localhost.evil.example:80/' }, false, 'linux')).toEqual({});
  });
});

describe('closing the window', () => {
  it('keeps Parley running in the tray on Windows and macOS', () => {
    expect(closeKeepsRunning({ platform: 'win32', hasTray: true, keepRunningInTray: false })).toBe(true);
    expect(closeKeepsRunning({ platform: 'darwin', hasTray: true, keepRunningInTray: false })).toBe(true);
  });

  it('quits on Linux unless the user asked to keep running in the tray', () => {
    expect(closeKeepsRunning({ platform: 'linux', hasTray: true, keepRunningInTray: false })).toBe(false);
    expect(closeKeepsRunning({ platform: 'linux', hasTray: true, keepRunningInTray: true })).toBe(true);
  });

  it('quits wherever no tray icon could be made', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) expect(closeKeepsRunning({ platform, hasTray: false, keepRunningInTray: true })).toBe(false);
  });
});
