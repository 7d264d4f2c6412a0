import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  type AccountState,
  type EventName,
  type KeychainStatus,
  type Settings,
  type ThreadSummary,
  type WindowFocus,
} from '../../../src-preload/contract.ts';
import { DEFAULT_SETTINGS } from '../../../src-preload/contract.ts';
import type { JsonValue } from '../../store/cache-store.ts';
import { startDesktop, type DesktopParley, type ParleyFactoryInput } from './desktop.ts';
import { APP_USER_MODEL_ID } from './desktop-policy.ts';
import { createFakeElectron, fakeEvent, fakeNavigation, FakeUpdater, FakeWebContents, type FakeElectronOptions } from '../../test-support/fake-electron.ts';
import { STOP_TIME_LIMIT_MS } from './desktop.ts';
import { RESTART_RETRY_MS, UPDATE_CHECK_INTERVAL_MS, UPDATE_TICK_MS } from './update-policy.ts';

const THREAD = '19:design1@thread.v2';
const OTHER_THREAD = '19:launch1@thread.v2';
const APP_URL = 'parley-app://renderer/index.html';

const rendererDir = mkdtempSync(join(tmpdir(), 'parley-renderer-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Parley</title>');
writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log("parley")');
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

function thread(accountId: string, id: string): ThreadSummary {
  return {
    accountId,
    id,
    topic: id,
    createdOn: null,
    createdBy: null,
    deletedOn: null,
    metadata: null,
    retentionPolicy: null,
    lastActivityAt: null,
    lastMessagePreview: null,
    lastMessageSenderId: null,
    lastMessageSenderName: null,
    unreadCount: 0,
    unreadMentions: 0,
    muted: false,
  };
}

interface StubOptions {
  keychain?: KeychainStatus;
  accounts?: AccountState;
  threads?: ThreadSummary[];
  values?: Record<string, JsonValue>;
  settings?: Partial<Settings>;
  /** Outbox items being sent right now (a restart must wait for them). */
  sending?: { count: number };
  stop?: () => Promise<void>;
}

/** Parley's core as far as the shell sees it, with every call recorded. */
function stubParley(input: ParleyFactoryInput, options: StubOptions) {
  const values = new Map<string, JsonValue>(Object.entries(options.values ?? {}));
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let focus: WindowFocus = { focused: true, visible: true, open: { accountId: 'acct-a', threadId: THREAD } };
  const calls = {
    suspended: [] as boolean[],
    online: [] as boolean[],
    focus: [] as WindowFocus[],
    settingsPatches: [] as Array<Partial<Settings>>,
    invoked: [] as unknown[][],
    started: 0,
    stopped: 0,
    badgeUpdates: 0,
  };
  const accounts: AccountState = options.accounts ?? { accounts: [], activeAccountId: null, demoAvailable: true };
  const parley: DesktopParley = {
    api: {
      async updateSettings(patch) {
        calls.settingsPatches.push(patch);
        settings = { ...settings, ...patch };
        input.events.emit('settings-changed', settings);
        return settings;
      },
      getKeychainStatus: async () => options.keychain ?? { state: 'available' },
    },
    dispatcher: {
      async invoke(method, value) {
        calls.invoked.push([method, value]);
        return { ok: true, value: 'answered' };
      },
    },
    events: input.events,
    services: {
      store: {
        getValue: (name) => values.get(name) ?? null,
        setValue: (name, value) => void (value === null ? values.delete(name) : values.set(name, value)),
        getSettings: () => settings,
        getThread: (accountId, threadId) => (options.threads ?? []).find((candidate) => candidate.accountId === accountId && candidate.id === threadId) ?? null,
        pendingOutbox: () =>
          Array.from({ length: options.sending?.count ?? 0 }, (_, index) => ({
            clientId: `c${index}`,
            accountId: 'acct-a',
            threadId: THREAD,
            content: 'on its way',
            type: 'text' as const,
            senderDisplayName: 'A',
            createdAt: 0,
            state: 'sending' as const,
            attempts: 1,
            error: null,
          })),
      },
      accounts: { state: () => accounts },
      sync: {
        setWindowFocus: (next) => {
          focus = next;
          calls.focus.push(next);
        },
        windowFocus: () => focus,
        setSuspended: (suspended) => void calls.suspended.push(suspended),
        setOnline: (online) => void calls.online.push(online),
        updateBadge: () => void calls.badgeUpdates++,
      },
    },
    start: async () => void calls.started++,
    async stop() {
      calls.stopped++;
      await options.stop?.();
    },
  };
  return { parley, calls, values, notifier: input.notifier };
}

/** Timers that run only when told: `tick(ms)` runs the intervals of that period, `fire(ms)` the timeouts of that delay. */
function manualTimers() {
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  const timeouts = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const add = (map: typeof intervals, callback: () => void, ms: number) => {
    map.set(next, { callback, ms });
    return next++;
  };
  return {
    setInterval: (callback: () => void, ms: number) => add(intervals, callback, ms),
    clearInterval: (handle: unknown) => void intervals.delete(handle as number),
    setTimeout: (callback: () => void, ms: number) => add(timeouts, callback, ms),
    clearTimeout: (handle: unknown) => void timeouts.delete(handle as number),
    tick(ms?: number) {
      for (const { callback, ms: period } of [...intervals.values()]) if (ms === undefined || period === ms) callback();
    },
    fire(ms: number) {
      for (const [handle, { callback, ms: delay }] of [...timeouts]) {
        if (delay !== ms) continue;
        timeouts.delete(handle);
        callback();
      }
    },
    active: () => intervals.size + timeouts.size,
  };
}

interface LaunchOptions extends StubOptions {
  electron?: FakeElectronOptions;
  argv?: string[];
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  updater?: FakeUpdater;
  now?: () => number;
}

async function launch(options: LaunchOptions = {}) {
  const fake = createFakeElectron(options.electron);
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const timers = manualTimers();
  let stub: ReturnType<typeof stubParley> | undefined;
  const emitted: Array<[EventName, unknown]> = [];
  const desktop = startDesktop(fake.electron, {
    env: options.env ?? {},
    argv: options.argv ?? ['/opt/Parley/parley'],
    platform: options.platform ?? 'linux',
    appVersion: '0.1.0',
    preloadPath: '/opt/Parley/out/preload/index.cjs',
    rendererDir,
    log,
    timers,
    ...(options.updater ? { updater: options.updater } : {}),
    ...(options.now ? { now: options.now } : {}),
    createParley(input) {
      input.events.subscribe((event, payload) => emitted.push([event, payload]));
      stub = stubParley(input, options);
      return stub.parley;
    },
  });
  if (desktop) await desktop.ready;
  const core = () => {
    if (!stub) throw new Error('Parley was not created');
    return stub;
  };
  const opened = () => emitted.filter(([event]) => event === 'open-thread').map(([, payload]) => payload);
  return { fake, log, desktop, timers, core, emitted, opened };
}

const twoAccounts: AccountState = {
  accounts: [
    { id: 'acct-a', kind: 'token', displayName: 'A', endpoint: 'https://a.example/', userId: '8:acs:a', secretPersisted: true, signedIn: true, keychainProblem: null },
    { id: 'acct-b', kind: 'token', displayName: 'B', endpoint: 'https://b.example/', userId: '8:acs:b', secretPersisted: true, signedIn: true, keychainProblem: null },
  ],
  activeAccountId: 'acct-a',
  demoAvailable: true,
};

function menuItem(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = template.find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no "${label}" item`);
  return item;
}

function clickItem(item: MenuItemConstructorOptions, checked = false): void {
  (item.click as (item: { checked: boolean }) => void)({ checked });
}

describe('launch', () => {
  it("gives Windows the installer's application identity before anything is shown", async () => {
    const windows = await launch({ platform: 'win32' });
    expect(windows.fake.record.appCalls.slice(0, 2)).toEqual(['enableSandbox', 'setAppUserModelId:com.parley.desktop']);
    const linux = await launch({ platform: 'linux' });
    expect(linux.fake.record.appCalls.some((call) => call.startsWith('setAppUserModelId'))).toBe(false);
  });

  it('keeps using a Linux profile made before the product name was set (~/.config/parley)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'parley-home-'));
    try {
      mkdirSync(join(home, 'parley'));
      const { fake } = await launch({ platform: 'linux', electron: { userData: join(home, 'Parley') } });
      expect(fake.record.paths.get('userData')).toBe(join(home, 'parley'));
      mkdirSync(join(home, 'Parley'));
      const current = await launch({ platform: 'linux', electron: { userData: join(home, 'Parley') } });
      expect(current.fake.record.paths.get('userData')).toBe(join(home, 'Parley'));
      const windows = await launch({ platform: 'win32', electron: { userData: join(home, 'Missing') } });
      expect(windows.fake.record.paths.get('userData')).toBe(join(home, 'Missing'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('uses the appId of build/electron-builder.yml as the Windows identity', () => {
    const config = readFileSync(join(import.meta.dirname, '../../../build/electron-builder.yml'), 'utf8');
    expect(config).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replaceAll('.', '\\.')}$`, 'm'));
  });

  it('quits at once when another instance holds the lock, after sandboxing and choosing the profile', async () => {
    const { fake, desktop, core } = await launch({ electron: { singleInstanceLock: false }, env: { PARLEY_DATA_DIR: '/tmp/parley-profile' } });
    expect(desktop).toBeNull();
    expect(fake.record.appCalls).toEqual(['enableSandbox', 'setPath:userData', 'requestSingleInstanceLock', 'quit']);
    expect(fake.record.windows).toHaveLength(0);
    expect(core).toThrow('Parley was not created');
  });

  it('starts Parley and opens one hardened window on the app scheme, with menu, tray and IPC', async () => {
    const { fake, core } = await launch({ env: { PARLEY_DATA_DIR: '/tmp/parley-profile' } });
    expect(fake.record.appCalls.slice(0, 3)).toEqual(['enableSandbox', 'setPath:userData', 'requestSingleInstanceLock']);
    expect(fake.record.paths.get('userData')).toBe('/tmp/parley-profile');
    expect(fake.record.privilegedSchemes).toEqual([
      { scheme: 'parley-app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    ]);
    expect(core().calls.started).toBe(1);
    expect(core().calls.badgeUpdates).toBe(1);
    expect(fake.record.windows).toHaveLength(1);
    const window = fake.window();
    expect(window.loadedUrl).toBe(APP_URL);
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: true });
    expect(window.options.show).toBe(false);
    expect(fake.record.ipcHandlers.has(IPC_CALL_CHANNEL)).toBe(true);
    expect(fake.record.applicationMenu?.template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(fake.tray().tooltip).toBe('Parley');
    // An unpackaged run must not claim the user's parley:// links for a bare Electron.
    expect(fake.record.protocolClients).toEqual([]);
  });

  it('registers the parley scheme with the OS when packaged, and then offers no developer tools', async () => {
    const { fake } = await launch({ electron: { isPackaged: true } });
    expect(fake.record.protocolClients).toEqual(['parley']);
    expect(JSON.stringify(fake.record.applicationMenu?.template)).not.toContain('toggleDevTools');
  });

  it('loads the dev server in development only', async () => {
    const development = await launch({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(development.fake.window().loadedUrl).toBe('http://localhost:5173/');
    const packaged = await launch({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, electron: { isPackaged: true } });
    expect(packaged.fake.window().loadedUrl).toBe(APP_URL);
  });

  it('shows the window once it is ready, maximised if it was', async () => {
    const { fake } = await launch({ values: { windowBounds: { x: 100, y: 80, width: 900, height: 650, maximized: true } } });
    const window = fake.window();
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 900, height: 650 });
    expect(window.visible).toBe(false);
    window.finishLoading();
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('logs a clear line when the keychain cannot be reached', async () => {
    const { log } = await launch({ keychain: { state: 'unavailable', reason: 'No system keychain could be reached (no D-Bus session).' } });
    await vi.waitFor(() =>
      expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/^The system keychain is unavailable \(No system keychain.*\): new sign-ins can be kept for this run only/)),
    );
  });

  it('says nothing about an available keychain', async () => {
    const { log } = await launch();
    await Promise.resolve();
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('quits when Parley cannot start', async () => {
    const fake = createFakeElectron();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const desktop = startDesktop(fake.electron, {
      env: {},
      argv: [],
      platform: 'linux',
      appVersion: '0.1.0',
      preloadPath: '/p',
      rendererDir,
      log,
      createParley: () => {
        throw new Error('the cache is locked');
      },
    });
    await expect(desktop?.ready).rejects.toThrow('the cache is locked');
    expect(log.error).toHaveBeenCalledWith('Parley could not start: the cache is locked');
    expect(fake.record.appCalls.at(-1)).toBe('quit');
  });
});

describe('deep links and a second launch', () => {
  it('a second launch focuses the window and opens the thread its link names', async () => {
    const { fake, opened } = await launch({ accounts: twoAccounts, threads: [thread('acct-b', THREAD)] });
    const window = fake.window();
    window.finishLoading();
    window.minimize();
    window.calls.length = 0;
    fake.emitApp('second-instance', fakeEvent(), ['/opt/Parley/parley', '--no-sandbox', `parley://thread/${encodeURIComponent(THREAD)}`], '/home/user');
    expect(window.calls).toEqual(['restore', 'focus']);
    expect(opened()).toEqual([{ accountId: 'acct-b', threadId: THREAD }]);
  });

  it('a second launch without a link only brings the window forward', async () => {
    const { fake, opened } = await launch({ accounts: twoAccounts });
    const window = fake.window();
    window.finishLoading();
    window.hide();
    window.calls.length = 0;
    fake.emitApp('second-instance', fakeEvent(), ['/opt/Parley/parley'], '/home/user');
    expect(window.calls).toEqual(['show', 'focus']);
    expect(opened()).toEqual([]);
  });

  it('the link a first launch was given opens once the page has loaded', async () => {
    const { fake, opened } = await launch({ accounts: twoAccounts, argv: ['/opt/Parley/parley', `parley://thread/acct-b/${OTHER_THREAD}`] });
    expect(opened()).toEqual([]);
    fake.window().finishLoading();
    expect(opened()).toEqual([{ accountId: 'acct-b', threadId: OTHER_THREAD }]);
  });

  it('macOS open-url links are taken (default prevented) and opened; foreign ones are ignored', async () => {
    const { fake, opened, log } = await launch({ accounts: twoAccounts, platform: 'darwin' });
    fake.window().finishLoading();
    const event = fakeEvent();
    fake.emitApp('open-url', event, `parley://thread/${THREAD}`);
    expect(event.defaultPrevented).toBe(true);
    expect(opened()).toEqual([{ accountId: 'acct-a', threadId: THREAD }]);
    fake.emitApp('open-url', fakeEvent(), 'parley://settings/reset');
    fake.emitApp('open-url', fakeEvent(), `parley://thread/acct-zz/${THREAD}`);
    expect(opened()).toHaveLength(1);
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it('a link arriving after the window was closed for real opens a new window, then the thread', async () => {
    const { fake, opened } = await launch({ accounts: twoAccounts });
    fake.window().finishLoading();
    fake.emitApp('before-quit');
    fake.window().close();
    fake.emitApp('second-instance', fakeEvent(), ['/opt/Parley/parley', `parley://thread/${THREAD}`], '/home/user');
    expect(fake.record.windows).toHaveLength(2);
    expect(opened()).toEqual([]);
    fake.window().finishLoading();
    expect(opened()).toEqual([{ accountId: 'acct-a', threadId: THREAD }]);
  });

  it('a link arriving before ready waits for the page', async () => {
    const fake = createFakeElectron();
    let release: () => void = () => {};
    fake.electron.app.whenReady = () => new Promise<void>((resolve) => (release = resolve));
    const emitted: unknown[] = [];
    const desktop = startDesktop(fake.electron, {
      env: {},
      argv: [],
      platform: 'darwin',
      appVersion: '0.1.0',
      preloadPath: '/p',
      rendererDir,
      log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
      timers: manualTimers(),
      createParley(input) {
        input.events.subscribe((event, payload) => event === 'open-thread' && emitted.push(payload));
        return stubParley(input, { accounts: twoAccounts }).parley;
      },
    });
    fake.emitApp('open-url', fakeEvent(), `parley://thread/${THREAD}`);
    release();
    await desktop?.ready;
    expect(emitted).toEqual([]);
    fake.window().finishLoading();
    expect(emitted).toEqual([{ accountId: 'acct-a', threadId: THREAD }]);
  });
});

describe('notifications, badge and tray', () => {
  it('a notification click focuses the window and opens its thread', async () => {
    const { fake, opened, core } = await launch({ accounts: twoAccounts });
    const window = fake.window();
    window.finishLoading();
    window.minimize();
    window.calls.length = 0;
    // Raised the way the sync engine raises it: through the notifier the shell gave Parley.
    core().notifier.show({ accountId: 'acct-b', threadId: THREAD, title: 'Design review', body: 'Minji Kim: ready to ship' });
    const notification = fake.record.notifications.at(-1);
    expect(notification?.options).toEqual({ title: 'Design review', body: 'Minji Kim: ready to ship' });
    expect(notification?.shown).toBe(true);
    expect(opened()).toEqual([]);
    notification?.emit('click');
    expect(window.calls).toEqual(['restore', 'focus']);
    expect(opened()).toEqual([{ accountId: 'acct-b', threadId: THREAD }]);
  });

  it('logs a notification the system refused (an unsigned macOS build)', async () => {
    const { fake, core, log } = await launch({ platform: 'darwin' });
    core().notifier.show({ accountId: 'acct-b', threadId: THREAD, title: 'Design review', body: 'Minji Kim: ready to ship' });
    fake.record.notifications.at(-1)?.emit('failed', {}, 'Notifications are not allowed for this application');
    expect(log.warn).toHaveBeenCalledWith('the system did not show a notification: Notifications are not allowed for this application');
  });

  it('shows no notification where the platform has none', async () => {
    const { fake, core } = await launch({ electron: { notificationsSupported: false } });
    core().notifier.show({ accountId: 'acct-b', threadId: THREAD, title: 'Design review', body: 'Minji Kim: ready to ship' });
    expect(fake.record.notifications).toEqual([]);
  });

  it('badge-count sets the app badge, the tray tooltip and the tray dot', async () => {
    const { fake, core } = await launch();
    const tray = fake.tray();
    const readImage = tray.image;
    core().notifier.setBadgeCount(7);
    expect(fake.record.badgeCounts).toEqual([7]);
    expect(tray.tooltip).toBe('Parley — 7 unread');
    expect(tray.image).not.toBe(readImage);
    core().notifier.setBadgeCount(0);
    expect(fake.record.badgeCounts).toEqual([7, 0]);
    expect(tray.tooltip).toBe('Parley');
    expect(tray.image).toBe(readImage);
  });

  it('forwards badge-count to the page too (its title shows the count)', async () => {
    const { fake, core } = await launch();
    core().notifier.setBadgeCount(3);
    expect(fake.window().webContents.sent).toContainEqual([IPC_EVENT_CHANNEL, 'badge-count', { count: 3 }]);
  });

  it('the tray menu opens Parley, toggles do-not-disturb through the settings, and quits', async () => {
    const { fake, core } = await launch();
    const tray = fake.tray();
    const window = fake.window();
    window.finishLoading();
    window.hide();
    window.calls.length = 0;
    const template = () => tray.menu?.template ?? [];
    clickItem(menuItem(template(), 'Open Parley'));
    expect(window.calls).toEqual(['show', 'focus']);
    expect(menuItem(template(), 'Do not disturb').checked).toBe(false);
    clickItem(menuItem(template(), 'Do not disturb'), true);
    await vi.waitFor(() => expect(core().calls.settingsPatches).toEqual([{ doNotDisturb: true }]));
    expect(menuItem(template(), 'Do not disturb').checked).toBe(true);
    clickItem(menuItem(template(), 'Quit Parley'));
    expect(fake.record.appCalls.at(-1)).toBe('quit');
  });

  it('menus and tray follow the language: the system’s at first, then the one the user picks', async () => {
    const { fake, core } = await launch({ electron: { systemLanguages: ['ko-KR', 'en-US'] } });
    const labels = () => fake.record.applicationMenu?.template.map((item) => item.label);
    expect(labels()).toEqual(['파일', '편집', '보기', '창', '도움말']);
    const tray = fake.tray();
    expect(menuItem(tray.menu?.template ?? [], 'Parley 열기')).toBeDefined();
    core().notifier.setBadgeCount(3);
    expect(tray.tooltip).toBe('Parley — 읽지 않음 3개');
    await core().parley.api.updateSettings({ language: 'en' });
    expect(labels()).toEqual(['File', 'Edit', 'View', undefined, undefined]);
    expect(menuItem(tray.menu?.template ?? [], 'Open Parley')).toBeDefined();
    expect(tray.tooltip).toBe('Parley — 3 unread');
  });

  it('a Korean setting wins over an English system', async () => {
    const { fake } = await launch({ settings: { language: 'ko' } });
    expect(fake.record.applicationMenu?.template[0]?.label).toBe('파일');
  });

  it('a tray click brings the window forward', async () => {
    const { fake } = await launch();
    const window = fake.window();
    window.calls.length = 0;
    fake.tray().emit('click');
    expect(window.calls).toEqual(['show', 'focus']);
  });
});

describe('power, network and window visibility', () => {
  it('pauses polling on suspend and resumes on resume', async () => {
    const { fake, core } = await launch();
    fake.emitPower('suspend');
    fake.emitPower('resume');
    expect(core().calls.suspended).toEqual([true, false]);
  });

  it('tells sync when the network goes and comes back, once per change', async () => {
    const { fake, core, timers } = await launch();
    expect(core().calls.online).toEqual([true]);
    timers.tick();
    fake.record.online = false;
    timers.tick();
    timers.tick();
    fake.record.online = true;
    fake.emitPower('resume');
    expect(core().calls.online).toEqual([true, false, true]);
  });

  it('takes a minimised or hidden window off screen for the poller, and back on restore', async () => {
    const { fake, core } = await launch();
    const window = fake.window();
    window.finishLoading();
    window.minimize();
    expect(core().calls.focus.at(-1)).toMatchObject({ visible: false, focused: false, open: { threadId: THREAD } });
    window.restore();
    expect(core().calls.focus.at(-1)).toMatchObject({ visible: true, focused: false });
    window.hide();
    expect(core().calls.focus.at(-1)).toMatchObject({ visible: false, focused: false });
  });
});

describe('closing and quitting', () => {
  it('closing the window keeps Parley in the tray on Windows and remembers the bounds', async () => {
    const { fake, core } = await launch({ platform: 'win32' });
    const window = fake.window();
    window.finishLoading();
    window.bounds = { x: 40, y: 30, width: 1000, height: 700 };
    expect(window.close()).toBe(true);
    expect(window.visible).toBe(false);
    expect(core().values.get('windowBounds')).toEqual({ x: 40, y: 30, width: 1000, height: 700, maximized: false });
  });

  it('closing the window quits on Linux, unless the user keeps Parley in the tray', async () => {
    const { fake, core } = await launch({ platform: 'linux' });
    fake.window().finishLoading();
    expect(fake.window().close()).toBe(false);
    fake.emitApp('window-all-closed');
    expect(fake.record.appCalls.at(-1)).toBe('quit');
    expect(core().values.get('windowBounds')).toBeDefined();
  });

  it('with "keep running in the tray" on Linux, closing hides and launching Parley again brings the window back', async () => {
    const { fake } = await launch({ platform: 'linux', settings: { keepRunningInTray: true } });
    const window = fake.window();
    window.finishLoading();
    expect(window.close()).toBe(true);
    expect(window.visible).toBe(false);
    window.calls.length = 0;
    // Not only the tray: the launcher (a second instance) shows the window again.
    fake.emitApp('second-instance', fakeEvent(), ['/opt/Parley/parley'], '/home/user');
    expect(window.calls).toEqual(['show', 'focus']);
  });

  it('quits when Parley does not stop within the time limit', async () => {
    const { fake, log, timers } = await launch({ stop: () => new Promise<void>(() => {}) });
    const quitsBefore = fake.record.appCalls.filter((call) => call === 'quit').length;
    fake.emitApp('will-quit', fakeEvent());
    await Promise.resolve();
    expect(fake.record.appCalls.filter((call) => call === 'quit').length).toBe(quitsBefore);
    timers.fire(STOP_TIME_LIMIT_MS);
    await vi.waitFor(() => expect(fake.record.appCalls.filter((call) => call === 'quit').length).toBe(quitsBefore + 1));
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('did not stop within'));
  });

  it('quitting closes the window for real, stops Parley, then quits', async () => {
    let finishStop: () => void = () => {};
    const { fake, core, timers } = await launch({ stop: () => new Promise<void>((resolve) => (finishStop = resolve)) });
    const window = fake.window();
    fake.emitApp('before-quit');
    expect(window.close()).toBe(false);
    const quitsBefore = fake.record.appCalls.filter((call) => call === 'quit').length;
    const willQuit = fakeEvent();
    fake.emitApp('will-quit', willQuit);
    expect(willQuit.defaultPrevented).toBe(true);
    expect(core().calls.stopped).toBe(1);
    expect(fake.tray().destroyed).toBe(true);
    // Only the stop's time limit runs on.
    expect(timers.active()).toBe(1);
    expect(fake.record.ipcHandlers.size).toBe(0);
    finishStop();
    await vi.waitFor(() => expect(fake.record.appCalls.filter((call) => call === 'quit').length).toBe(quitsBefore + 1));
    expect(timers.active()).toBe(0);
    const second = fakeEvent();
    fake.emitApp('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(core().calls.stopped).toBe(1);
  });
});

describe('renderer hardening', () => {
  it('grants notifications and denies camera, microphone, location and everything else', async () => {
    const { fake } = await launch();
    const decide = (permission: string) => {
      let granted: boolean | undefined;
      fake.record.permissionRequest?.({}, permission, (answer) => (granted = answer));
      return granted;
    };
    expect(decide('notifications')).toBe(true);
    for (const permission of ['media', 'geolocation', 'camera', 'microphone', 'clipboard-read', 'openExternal', 'midiSysex']) expect(decide(permission)).toBe(false);
    expect(fake.record.permissionCheck?.({}, 'notifications')).toBe(true);
    expect(fake.record.permissionCheck?.({}, 'geolocation')).toBe(false);
  });

  it('adds the CSP to every response of the session', async () => {
    const { fake } = await launch();
    let headers: Record<string, string[]> | undefined;
    fake.record.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => (headers = response.responseHeaders));
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(headers?.['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
  });

  it('prevents navigation and redirects away from the app page', async () => {
    const { fake } = await launch();
    const contents = fake.window().webContents;
    for (const event of ['will-navigate', 'will-redirect']) {
      // The URL is read from the event itself; the deprecated second argument says otherwise on purpose.
      const foreign = fakeNavigation('https://evil.example/phish');
      contents.emit(event, foreign, 'parley-app://renderer/index.html');
      expect(foreign.defaultPrevented).toBe(true);
      const fileUrl = fakeNavigation('file:///etc/passwd');
      contents.emit(event, fileUrl);
      expect(fileUrl.defaultPrevented).toBe(true);
      const own = fakeNavigation('parley-app://renderer/index.html');
      contents.emit(event, own, 'https://evil.example/phish');
      expect(own.defaultPrevented).toBe(false);
    }
  });

  it('denies every new window, opening https and mailto in the system browser and nothing else', async () => {
    const { fake } = await launch();
    const handler = fake.window().webContents.windowOpenHandler;
    for (const url of ['https://learn.microsoft.com/azure', 'mailto:a@example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'http://example.com/', 'smb://host/x']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(fake.record.openedExternally).toEqual(['https://learn.microsoft.com/azure', 'mailto:a@example.com']));
  });

  it('denies webviews and new windows in any other web contents', async () => {
    const { fake } = await launch();
    const other = new FakeWebContents();
    fake.emitApp('web-contents-created', fakeEvent(), other);
    const attach = fakeEvent();
    other.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);
    expect(other.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const mainAttach = fakeEvent();
    fake.window().webContents.emit('will-attach-webview', mainAttach);
    expect(mainAttach.defaultPrevented).toBe(true);
  });

  it('answers IPC from the app page top frame only', async () => {
    const { fake, core } = await launch();
    const handle = fake.record.ipcHandlers.get(IPC_CALL_CHANNEL)!;
    const top = fake.frame(APP_URL);
    expect(await handle({ senderFrame: top }, 'getAppInfo', undefined)).toEqual({ ok: true, value: 'answered' });
    const refused = { ok: false, error: { code: 'forbidden', message: 'Calls are accepted from the Parley window only.' } };
    expect(await handle({ senderFrame: fake.frame(APP_URL, top) }, 'getAppInfo', undefined)).toEqual(refused);
    expect(await handle({ senderFrame: fake.frame('https://evil.example/') }, 'getAppInfo', undefined)).toEqual(refused);
    expect(await handle({ senderFrame: fake.frame('file:///tmp/x.html') }, 'getAppInfo', undefined)).toEqual(refused);
    expect(await handle({ senderFrame: null }, 'getAppInfo', undefined)).toEqual(refused);
    expect(core().calls.invoked).toEqual([['getAppInfo', undefined]]);
  });

  it('serves the renderer folder on the app scheme with the CSP, and nothing outside it', async () => {
    const { fake } = await launch();
    const serve = fake.record.protocolHandlers.get('parley-app')!;
    const page = await serve(new Request('parley-app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Parley</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await serve(new Request('parley-app://renderer/assets/index.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serve(new Request('parley-app://renderer/..%2f..%2fetc%2fpasswd'))).status).toBe(404);
    expect((await serve(new Request('parley-app://renderer/missing.js'))).status).toBe(404);
    expect((await serve(new Request('parley-app://elsewhere/index.html'))).status).toBe(404);
  });

  it('offers spelling suggestions on right-click and acts on them', async () => {
    const { fake } = await launch();
    const contents = fake.window().webContents;
    contents.emit('context-menu', fakeEvent(), FakeWebContents.contextMenu({ isEditable: true, misspelledWord: 'helo', dictionarySuggestions: ['hello'] }));
    const menu = fake.record.menus.at(-1)!;
    expect(menu.popups).toBe(1);
    clickItem(menuItem(menu.template, 'hello'));
    clickItem(menuItem(menu.template, 'Add to dictionary'));
    expect(contents.replaced).toEqual(['hello']);
    expect(contents.dictionary).toEqual(['helo']);
    const menusBefore = fake.record.menus.length;
    contents.emit('context-menu', fakeEvent(), FakeWebContents.contextMenu({}));
    expect(fake.record.menus).toHaveLength(menusBefore);
  });
});

describe('updates', () => {
  const now = 1_800_000_000_000;

  it('checks at start and daily when packaged and enabled, and installs on quit', async () => {
    const updater = new FakeUpdater();
    let clock = now;
    const { timers } = await launch({ electron: { isPackaged: true }, updater, now: () => clock });
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    clock += UPDATE_TICK_MS;
    timers.tick(UPDATE_TICK_MS);
    expect(updater.checks).toBe(1);
    clock = now + UPDATE_CHECK_INTERVAL_MS;
    timers.tick(UPDATE_TICK_MS);
    expect(updater.checks).toBe(2);
  });

  it('never checks unpackaged or with the setting off; turning it on checks', async () => {
    const unpackaged = new FakeUpdater();
    await launch({ updater: unpackaged });
    expect(unpackaged.checks).toBe(0);
    const updater = new FakeUpdater();
    const { core } = await launch({ electron: { isPackaged: true }, updater, settings: { autoUpdate: false } });
    expect(updater.checks).toBe(0);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await core().parley.api.updateSettings({ autoUpdate: true });
    expect(updater.checks).toBe(1);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('a failed check is logged, never thrown', async () => {
    const updater = new FakeUpdater();
    // As electron-updater fails: the error event, then the rejection.
    updater.nextCheck = () => {
      const error = new Error('net::ERR_NAME_NOT_RESOLVED\n    at stack');
      updater.emit('error', error);
      return Promise.reject(error);
    };
    const { log } = await launch({ electron: { isPackaged: true }, updater });
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith('updating did not succeed: net::ERR_NAME_NOT_RESOLVED'));
    expect(log.warn).toHaveBeenCalledOnce();
  });

  it('offers "Restart to update" in the tray and as a notification once a newer version is downloaded', async () => {
    const updater = new FakeUpdater();
    const { fake } = await launch({ electron: { isPackaged: true }, updater });
    updater.downloaded('0.2.0');
    const restartItem = (fake.tray().menu?.template ?? []).find((item) => item.label === 'Restart to update (0.2.0)');
    expect(restartItem).toBeDefined();
    const notice = fake.record.notifications.at(-1);
    expect(notice?.options.title).toBe('Parley 0.2.0 is ready');
    notice?.emit('click');
    expect(updater.installs).toEqual([[false, true]]);
    updater.downloaded('0.2.0');
    expect(fake.record.notifications.filter((notification) => notification.options.title === 'Parley 0.2.0 is ready')).toHaveLength(1);
  });

  it('never restarts while a message is being sent: the restart waits for the send', async () => {
    const updater = new FakeUpdater();
    const sending = { count: 1 };
    const { fake, timers } = await launch({ electron: { isPackaged: true }, updater, sending });
    updater.downloaded('0.2.0');
    const restartItem = (fake.tray().menu?.template ?? []).find((item) => item.label === 'Restart to update (0.2.0)');
    clickItem(restartItem!);
    expect(updater.installs).toEqual([]);
    timers.fire(RESTART_RETRY_MS);
    expect(updater.installs).toEqual([]);
    sending.count = 0;
    timers.fire(RESTART_RETRY_MS);
    expect(updater.installs).toEqual([[false, true]]);
  });
});
