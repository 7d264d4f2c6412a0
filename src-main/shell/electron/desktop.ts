import { readFile } from 'node:fs/promises';
import type { ApiHandlers } from '../../../src-preload/contract.ts';
import type { AccountService } from '../../accounts/account-service.ts';
import type { Dispatcher } from '../../api/dispatcher.ts';
import { createEventHub, type EventHub } from '../../base/events.ts';
import type { Logger } from '../../base/logger.ts';
import type { NotificationSink } from '../../notify/notification-sink.ts';
import { keychainFallbackNotice } from '../keychain-notice.ts';
import type { CacheStore } from '../../store/cache-store.ts';
import type { SyncEngine } from '../../sync/sync-engine.ts';
import { renderAppIcon } from './app-icon.ts';
import { appAssetHeaders, resolveAppAsset } from './app-protocol.ts';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, parseDeepLink, type DeepLink } from './deep-link.ts';
import { bringToFrontSteps, changeDetector, deepLinkTarget, desktopEnvironment, notificationTarget, windowFocusFor } from './desktop-policy.ts';
import type { ElectronSurface, ImageHandle, WindowHandle } from './electron-surface.ts';
import { wireIpc } from './ipc.ts';
import { applySessionPolicy, createMainWindow, denyNewWindows } from './main-window.ts';
import { applicationMenuTemplate } from './menus.ts';
import { createNativeNotifications } from './native-notifications.ts';
import { createParleyTray, type ParleyTray } from './tray.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, PACKAGED_RENDERER_URL } from './window-options.ts';
import { restoreWindowState, serializeWindowState, WINDOW_STATE_KEY } from './window-state.ts';

/** What the desktop shell uses of Parley's core (`ParleyApp` fits it; tests pass a small stand-in). */
export interface DesktopParley {
  api: Pick<ApiHandlers, 'updateSettings' | 'getKeychainStatus'>;
  dispatcher: Pick<Dispatcher, 'invoke'>;
  events: EventHub;
  services: {
    store: Pick<CacheStore, 'getValue' | 'setValue' | 'getSettings' | 'getThread'>;
    accounts: Pick<AccountService, 'state'>;
    sync: Pick<SyncEngine, 'setWindowFocus' | 'windowFocus' | 'setSuspended' | 'setOnline' | 'updateBadge'>;
  };
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ParleyFactoryInput {
  dataDir: string;
  notifier: NotificationSink;
  events: EventHub;
  demoActivityMs?: number;
}

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface DesktopOptions {
  env: Readonly<Record<string, string | undefined>>;
  argv: readonly string[];
  platform: NodeJS.Platform;
  appVersion: string;
  preloadPath: string;
  /** The built renderer folder, served as `parley-app://renderer/`. */
  rendererDir: string;
  log: Logger;
  createParley(input: ParleyFactoryInput): DesktopParley;
  timers?: IntervalTimers;
  /** How often connectivity is sampled (Electron has no online/offline event in main). */
  networkCheckMs?: number;
}

export interface Desktop {
  /** Resolves once Parley runs and its window is created; rejects if start-up failed (the app then quits). */
  ready: Promise<DesktopParley>;
  window(): WindowHandle | undefined;
}

const NETWORK_CHECK_MS = 5_000;
const defaultTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * The Electron shell: process-level hardening, single instance, deep links, the window, tray, badge,
 * menus, notifications, power and network state. Every decision is in the pure modules beside this
 * file; this only connects them to Electron. Returns null when another instance already runs.
 */
export function startDesktop<Image extends ImageHandle>(electron: ElectronSurface<Image>, options: DesktopOptions): Desktop | null {
  const { app } = electron;
  const { log } = options;
  const timers = options.timers ?? defaultTimers;
  const environment = desktopEnvironment(options.env, app.isPackaged);

  app.enableSandbox();
  electron.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  // Before the lock: the lock belongs to the profile, so a test profile runs beside the user's Parley.
  if (environment.dataDir) app.setPath('userData', environment.dataDir);
  if (!app.requestSingleInstanceLock()) {
    log.info('Parley is already running: this launch was handed over to it.');
    app.quit();
    return null;
  }

  const rendererUrl = environment.devRendererUrl ?? PACKAGED_RENDERER_URL;
  let parley: DesktopParley | undefined;
  let window: WindowHandle | undefined;
  let tray: ParleyTray | null = null;
  let pageLoaded = false;
  let quitting = false;
  let stopped = false;
  let pendingLink: DeepLink | null = deepLinkFromArgv(options.argv);
  const cleanups: Array<() => void> = [];

  function bringToFront(): void {
    if (!window || window.isDestroyed()) {
      if (parley) window = openWindow(parley);
      return;
    }
    for (const step of bringToFrontSteps({ minimized: window.isMinimized(), visible: window.isVisible() })) window[step]();
  }

  function openLink(link: DeepLink | null): void {
    if (!link) return;
    if (!parley || !pageLoaded) {
      pendingLink = link;
      // With Parley running but its window gone, the link reopens it; the page opens the thread once loaded.
      if (parley && (!window || window.isDestroyed())) bringToFront();
      return;
    }
    bringToFront();
    const { store, accounts } = parley.services;
    const state = accounts.state();
    const target = deepLinkTarget(link, {
      accountIds: state.accounts.map((account) => account.id),
      activeAccountId: state.activeAccountId,
      hasThread: (accountId, threadId) => store.getThread(accountId, threadId) !== null,
    });
    if (!target) {
      log.warn('a parley:// link named an account or thread this profile does not have; ignored');
      return;
    }
    parley.events.emit('open-thread', target);
  }

  // Registered at once: macOS delivers the launching link before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (!link) log.warn('ignored a parley:// link that is not a thread link');
    openLink(link);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkFromArgv(argv);
    if (link) openLink(link);
    else bringToFront();
  });
  app.on('web-contents-created', (_event, contents) => denyNewWindows(contents, (url) => electron.shell.openExternal(url), log));
  app.on('activate', () => bringToFront());
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Parley's stop is asynchronous (the outbox and the demo service close): quit again once it is done.
    event.preventDefault();
    stopped = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
    tray?.destroy();
    tray = null;
    (parley ? parley.stop() : Promise.resolve())
      .catch((error: unknown) => log.error('Parley did not stop cleanly', error instanceof Error ? error.message : error))
      .finally(() => app.quit());
  });

  function saveWindowState(target: WindowHandle, store: DesktopParley['services']['store']): void {
    if (target.isDestroyed()) return;
    store.setValue(WINDOW_STATE_KEY, serializeWindowState({ bounds: target.getNormalBounds(), maximized: target.isMaximized() }));
  }

  function openWindow(core: DesktopParley): WindowHandle {
    const { store, sync } = core.services;
    const displays = electron.screen.getAllDisplays();
    const primary = electron.screen.getPrimaryDisplay();
    const workAreas = [primary, ...displays.filter((display) => display.id !== primary.id)].map((display) => display.workArea);
    const created = createMainWindow(electron, {
      preloadPath: options.preloadPath,
      rendererUrl,
      state: restoreWindowState(store.getValue(WINDOW_STATE_KEY), workAreas),
      ...(options.platform === 'linux' ? { icon: electron.nativeImage.createFromBuffer(renderAppIcon(128)) } : {}),
      log,
    });
    created.webContents.on('did-finish-load', () => {
      pageLoaded = true;
      const link = pendingLink;
      pendingLink = null;
      openLink(link);
    });
    created.on('close', (event) => {
      saveWindowState(created, store);
      // With a tray to come back from, closing the window keeps Parley running (and notifying).
      if (!quitting && tray) {
        event.preventDefault();
        created.hide();
      }
    });
    created.on('closed', () => {
      if (window === created) window = undefined;
      pageLoaded = false;
    });
    const reportVisibility = () => {
      if (created.isDestroyed()) return;
      sync.setWindowFocus(windowFocusFor(sync.windowFocus(), { minimized: created.isMinimized(), visible: created.isVisible(), focused: created.isFocused() }));
    };
    for (const event of ['minimize', 'restore', 'show', 'hide'] as const) created.on(event, reportVisibility);
    return created;
  }

  function watchMachineState(core: DesktopParley): void {
    const { sync } = core.services;
    const reportOnline = changeDetector<boolean>((online) => {
      log.info(online ? 'the network is back' : 'the network is gone: polling paused');
      sync.setOnline(online);
    });
    const checkNetwork = () => reportOnline(electron.net.isOnline());
    electron.powerMonitor.on('suspend', () => sync.setSuspended(true));
    electron.powerMonitor.on('resume', () => {
      sync.setSuspended(false);
      checkNetwork();
    });
    checkNetwork();
    const timer = timers.setInterval(checkNetwork, options.networkCheckMs ?? NETWORK_CHECK_MS);
    cleanups.push(() => timers.clearInterval(timer));
  }

  function showBadge(core: DesktopParley): void {
    cleanups.push(
      core.events.subscribe((event, payload) => {
        if (event === 'badge-count') {
          const { count } = payload as { count: number };
          app.setBadgeCount(count);
          tray?.setUnreadCount(count);
        } else if (event === 'settings-changed') {
          tray?.setDoNotDisturb((payload as { doNotDisturb: boolean }).doNotDisturb);
        }
      }),
    );
  }

  async function reportKeychain(core: DesktopParley): Promise<void> {
    const notice = keychainFallbackNotice(await core.api.getKeychainStatus());
    if (notice) log.warn(notice);
  }

  async function launch(): Promise<DesktopParley> {
    await app.whenReady();
    applySessionPolicy(electron.session.defaultSession);
    electron.protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppAsset(request.url, options.rendererDir);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        return new Response(await readFile(file), { headers: appAssetHeaders(file) });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });
    // The OS learns of the scheme from the installer; registering again at run time repairs a moved app.
    // Unpackaged runs (development, tests) must not claim the user's links for a bare Electron binary.
    if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

    const events = createEventHub();
    const notifications = createNativeNotifications(electron.Notification, (notification) => {
      bringToFront();
      events.emit('open-thread', notificationTarget(notification));
    });
    const notifier: NotificationSink = {
      show: (notification) => notifications.show(notification),
      setBadgeCount: (count) => events.emit('badge-count', { count }),
    };
    const created = options.createParley({
      dataDir: app.getPath('userData'),
      notifier,
      events,
      ...(environment.demoActivityMs !== undefined ? { demoActivityMs: environment.demoActivityMs } : {}),
    });
    showBadge(created);
    await created.start();
    parley = created;
    reportKeychain(created).catch((error: unknown) => log.warn('could not check the system keychain', error instanceof Error ? error.message : error));

    cleanups.push(wireIpc(electron.ipcMain, created, rendererUrl, () => window?.webContents));
    app.setAboutPanelOptions({ applicationName: 'Parley', applicationVersion: options.appVersion, copyright: 'A desktop client for Azure Communication Services Chat' });
    electron.Menu.setApplicationMenu(
      electron.Menu.buildFromTemplate(applicationMenuTemplate({ platform: options.platform, isDev: !app.isPackaged, appName: 'Parley', onAbout: () => app.showAboutPanel() })),
    );
    tray = createParleyTray(electron, {
      platform: options.platform,
      log,
      doNotDisturb: created.services.store.getSettings().doNotDisturb,
      onOpen: bringToFront,
      onToggleDoNotDisturb: (doNotDisturb) => {
        created.api.updateSettings({ doNotDisturb }).catch((error: unknown) => log.warn('could not change do-not-disturb', error instanceof Error ? error.message : error));
      },
      onQuit: () => app.quit(),
    });
    window = openWindow(created);
    watchMachineState(created);
    created.services.sync.updateBadge();
    return created;
  }

  const ready = launch();
  ready.catch((error: unknown) => {
    log.error(`Parley could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.quit();
  });
  return { ready, window: () => window };
}
