import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ApiHandlers, Settings } from '../../../src-preload/contract.ts';
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
import {
  APP_USER_MODEL_ID,
  bringToFrontSteps,
  changeDetector,
  closeKeepsRunning,
  deepLinkTarget,
  desktopEnvironment,
  legacyProfileDir,
  notificationTarget,
  windowFocusFor,
} from './desktop-policy.ts';
import type { ElectronSurface, ImageHandle, NotificationHandle, UpdaterHandle, WindowHandle } from './electron-surface.ts';
import { wireIpc } from './ipc.ts';
import { applySessionPolicy, createMainWindow, denyNewWindows } from './main-window.ts';
import { applicationMenuTemplate } from './menus.ts';
import { createNativeNotifications } from './native-notifications.ts';
import { shellTextsFor, type ShellTexts } from './shell-texts.ts';
import { createParleyTray, type ParleyTray } from './tray.ts';
import { startUpdates, type ShellTimers, type Updates } from './updates.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, PACKAGED_RENDERER_URL } from './window-options.ts';
import { restoreWindowState, serializeWindowState, WINDOW_STATE_KEY } from './window-state.ts';

/** What the desktop shell uses of Parley's core (`ParleyApp` fits it; tests pass a small stand-in). */
export interface DesktopParley {
  api: Pick<ApiHandlers, 'updateSettings' | 'getKeychainStatus'>;
  dispatcher: Pick<Dispatcher, 'invoke'>;
  events: EventHub;
  services: {
    store: Pick<CacheStore, 'getValue' | 'setValue' | 'getSettings' | 'getThread' | 'pendingOutbox'>;
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
  timers?: ShellTimers;
  /** How often connectivity is sampled (Electron has no online/offline event in main). */
  networkCheckMs?: number;
  /** electron-updater's `autoUpdater` (absent: no updates, as in the tests that do not need them). */
  updater?: UpdaterHandle;
  now?: () => number;
}

export interface Desktop {
  /** Resolves once Parley runs and its window is created; rejects if start-up failed (the app then quits). */
  ready: Promise<DesktopParley>;
  window(): WindowHandle | undefined;
}

const NETWORK_CHECK_MS = 5_000;
/** How long quitting waits for Parley to stop (the outbox finishing a send) before quitting anyway. */
export const STOP_TIME_LIMIT_MS = 10_000;
const defaultTimers: ShellTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
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
  const environment = desktopEnvironment(options.env, app.isPackaged, options.platform);

  app.enableSandbox();
  // Before any window or notification: the identity the installer gave the Start menu shortcut, so that
  // notifications are attributed to it (and do not rewrite it).
  if (options.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  electron.protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  // Before the lock: the lock belongs to the profile, so a test profile runs beside the user's Parley.
  if (environment.dataDir) app.setPath('userData', environment.dataDir);
  else {
    const legacy = legacyProfileDir(app.getPath('userData'), options.platform);
    if (legacy && !existsSync(app.getPath('userData')) && existsSync(legacy)) app.setPath('userData', legacy);
  }
  if (!app.requestSingleInstanceLock()) {
    log.info('Parley is already running: this launch was handed over to it.');
    app.quit();
    return null;
  }

  const rendererUrl = environment.devRendererUrl ?? PACKAGED_RENDERER_URL;
  let parley: DesktopParley | undefined;
  let window: WindowHandle | undefined;
  let tray: ParleyTray | null = null;
  let updates: Updates | null = null;
  // Kept referenced until clicked or closed, or a collected notification would lose its click.
  const updateNotices = new Set<NotificationHandle>();
  let pageLoaded = false;
  let quitting = false;
  let stopped = false;
  let pendingLink: DeepLink | null = deepLinkFromArgv(options.argv);
  const cleanups: Array<() => void> = [];
  let texts: ShellTexts = shellTextsFor('system', app.getPreferredSystemLanguages());

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
    // A stop that hangs (a send that never answers) must not keep Parley from quitting.
    let limit: unknown;
    const overdue = new Promise<void>((resolve) => {
      limit = timers.setTimeout(() => {
        log.error(`Parley did not stop within ${STOP_TIME_LIMIT_MS / 1000} s: quitting anyway`);
        resolve();
      }, STOP_TIME_LIMIT_MS);
    });
    const stopping = (parley ? parley.stop() : Promise.resolve()).catch((error: unknown) =>
      log.error('Parley did not stop cleanly', error instanceof Error ? error.message : error),
    );
    void Promise.race([stopping, overdue]).finally(() => {
      timers.clearTimeout(limit);
      app.quit();
    });
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
      texts: () => texts,
    });
    created.webContents.on('did-finish-load', () => {
      pageLoaded = true;
      const link = pendingLink;
      pendingLink = null;
      openLink(link);
    });
    created.on('close', (event) => {
      saveWindowState(created, store);
      // With a tray to come back from (on Linux: and the user's say-so), closing keeps Parley running and notifying.
      if (!quitting && closeKeepsRunning({ platform: options.platform, hasTray: tray !== null, keepRunningInTray: store.getSettings().keepRunningInTray })) {
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
          const settings = payload as Settings;
          tray?.setDoNotDisturb(settings.doNotDisturb);
          useLanguage(settings);
          updates?.settingsChanged();
        }
      }),
    );
  }

  function setApplicationMenu(): void {
    const template = applicationMenuTemplate({ platform: options.platform, isDev: !app.isPackaged, appName: 'Parley', texts, onAbout: () => app.showAboutPanel() });
    electron.Menu.setApplicationMenu(electron.Menu.buildFromTemplate(template));
  }

  /** Menus, tray and notices speak the language the user chose for Parley (or the system's). */
  function useLanguage(settings: Pick<Settings, 'language'>): void {
    const chosen = shellTextsFor(settings.language, app.getPreferredSystemLanguages());
    if (chosen === texts) return;
    texts = chosen;
    if (!parley) return;
    setApplicationMenu();
    tray?.setTexts(texts);
  }

  async function reportKeychain(core: DesktopParley): Promise<void> {
    const notice = keychainFallbackNotice(await core.api.getKeychainStatus());
    if (notice) log.warn(notice);
  }

  /** Updates in the background; "Restart to update" in the tray and as a notification once downloaded. */
  function startUpdating(core: DesktopParley, updater: UpdaterHandle): void {
    const { store } = core.services;
    const running = startUpdates({
      updater,
      isPackaged: app.isPackaged,
      enabled: () => store.getSettings().autoUpdate,
      sendInFlight: () => store.pendingOutbox().some((item) => item.state === 'sending'),
      now: options.now ?? Date.now,
      timers,
      log,
      onReady(version) {
        tray?.setUpdateReady(version);
        if (!electron.Notification.isSupported()) return;
        const notice = new electron.Notification({ title: texts.updateReadyTitle(version), body: texts.updateReadyBody });
        updateNotices.clear();
        updateNotices.add(notice);
        notice.on('click', () => running.restart());
        notice.on('close', () => updateNotices.delete(notice));
        notice.show();
      },
    });
    updates = running;
    cleanups.push(() => {
      running.stop();
      updates = null;
    });
    running.checkIfDue();
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
    // The installers declare the scheme (the .desktop entry, Info.plist, build/installer.nsh for NSIS);
    // registering again at run time repairs a moved app.
    // Unpackaged runs (development, tests) must not claim the user's links for a bare Electron binary.
    if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

    const events = createEventHub();
    const notifications = createNativeNotifications(
      electron.Notification,
      (notification) => {
        bringToFront();
        events.emit('open-thread', notificationTarget(notification));
      },
      log,
    );
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
    useLanguage(created.services.store.getSettings());
    parley = created;
    reportKeychain(created).catch((error: unknown) => log.warn('could not check the system keychain', error instanceof Error ? error.message : error));

    cleanups.push(wireIpc(electron.ipcMain, created, rendererUrl, () => window?.webContents));
    app.setAboutPanelOptions({ applicationName: 'Parley', applicationVersion: options.appVersion, copyright: 'A desktop client for Azure Communication Services Chat' });
    setApplicationMenu();
    tray = createParleyTray(electron, {
      platform: options.platform,
      log,
      texts,
      doNotDisturb: created.services.store.getSettings().doNotDisturb,
      onOpen: bringToFront,
      onToggleDoNotDisturb: (doNotDisturb) => {
        created.api.updateSettings({ doNotDisturb }).catch((error: unknown) => log.warn('could not change do-not-disturb', error instanceof Error ? error.message : error));
      },
      onQuit: () => app.quit(),
      onRestartToUpdate: () => updates?.restart(),
    });
    window = openWindow(created);
    watchMachineState(created);
    if (options.updater) startUpdating(created, options.updater);
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
