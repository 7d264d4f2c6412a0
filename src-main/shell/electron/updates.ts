import type { Logger } from '../../base/logger.ts';
import type { UpdaterHandle } from './electron-surface.ts';
import { isRestartOffered, isUpdateCheckDue, RESTART_RETRY_MS, restartStep, UPDATE_TICK_MS } from './update-policy.ts';

/** The timers the shell schedules with (tests pass manual ones). */
export interface ShellTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdatesOptions {
  updater: UpdaterHandle;
  isPackaged: boolean;
  /** The user's `autoUpdate` setting, read when needed (it may change at any time). */
  enabled(): boolean;
  /** Whether a message is being sent right now: a restart would cut it off mid-request. */
  sendInFlight(): boolean;
  now(): number;
  timers: ShellTimers;
  log: Logger;
  /** A newer version is downloaded: the shell offers "Restart to update". */
  onReady(version: string): void;
}

export interface Updates {
  /** Asks the feed when a check is due (at start, daily, after the setting is turned on). */
  checkIfDue(): void;
  /** The user chose "Restart to update": install now, or as soon as no message is being sent. */
  restart(): void;
  settingsChanged(): void;
  stop(): void;
}

/**
 * electron-updater behind the `autoUpdate` setting: it downloads in the background (its own version
 * check decides what is newer) and installs on the next quit; the shell offers a restart sooner.
 */
export function startUpdates(options: UpdatesOptions): Updates {
  const { updater, log, timers } = options;
  let checking = false;
  let lastCheckAt: number | null = null;
  let offeredVersion: string | null = null;
  let restartTimer: unknown = null;

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = options.enabled();
  // Every failure (feed, download, signature) arrives here, also those that reject checkForUpdates().
  updater.on('error', (error) => log.warn(`updating did not succeed: ${error.message.split('\n')[0]}`));
  updater.on('update-downloaded', ({ version }) => {
    if (!isRestartOffered({ enabled: options.enabled(), downloadedVersion: version, offeredVersion })) return;
    offeredVersion = version;
    log.info(`Parley ${version} is downloaded and installs on restart`);
    options.onReady(version);
  });

  function checkIfDue(): void {
    const now = options.now();
    if (!isUpdateCheckDue({ enabled: options.enabled(), isPackaged: options.isPackaged, checking, lastCheckAt, now })) return;
    checking = true;
    lastCheckAt = now;
    updater
      .checkForUpdates()
      .catch(() => undefined) // already reported through the 'error' event
      .finally(() => {
        checking = false;
      });
  }

  function restart(): void {
    if (restartTimer !== null) return;
    if (restartStep(options.sendInFlight()) === 'wait') {
      log.info('restarting to update once the message being sent is out');
      restartTimer = timers.setTimeout(() => {
        restartTimer = null;
        restart();
      }, RESTART_RETRY_MS);
      return;
    }
    updater.quitAndInstall(false, true);
  }

  const tick = timers.setInterval(checkIfDue, UPDATE_TICK_MS);
  return {
    checkIfDue,
    restart,
    settingsChanged() {
      updater.autoInstallOnAppQuit = options.enabled();
      checkIfDue();
    },
    stop() {
      timers.clearInterval(tick);
      if (restartTimer !== null) timers.clearTimeout(restartTimer);
      restartTimer = null;
    },
  };
}
