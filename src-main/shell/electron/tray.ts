import type { Logger } from '../../base/logger.ts';
import { renderAppIcon } from './app-icon.ts';
import type { ElectronSurface, ImageHandle, TrayHandle } from './electron-surface.ts';
import { trayMenuTemplate, type TrayMenuOptions } from './menus.ts';
import { trayTooltip, type ShellTexts } from './shell-texts.ts';

export interface ParleyTray {
  setUnreadCount(count: number): void;
  setDoNotDisturb(enabled: boolean): void;
  /** Adds "Restart to update" for a downloaded version. */
  setUpdateReady(version: string): void;
  /** The user changed Parley's language. */
  setTexts(texts: ShellTexts): void;
  destroy(): void;
}

/** macOS menu-bar icons are smaller than other platforms' tray icons. */
const traySize = (platform: NodeJS.Platform) => (platform === 'darwin' ? 22 : 32);

/** The tray icon: a dot while anything is unread, the count in the tooltip, and a small menu. */
export function createParleyTray<Image extends ImageHandle>(
  electron: Pick<ElectronSurface<Image>, 'Tray' | 'Menu' | 'nativeImage'>,
  options: Omit<TrayMenuOptions, 'updateVersion'> & { platform: NodeJS.Platform; log: Logger },
): ParleyTray | null {
  const size = traySize(options.platform);
  const images = {
    read: electron.nativeImage.createFromBuffer(renderAppIcon(size)),
    unread: electron.nativeImage.createFromBuffer(renderAppIcon(size, { unreadDot: true })),
  };
  let tray: TrayHandle<Image>;
  try {
    tray = new electron.Tray(images.read);
  } catch (error) {
    options.log.warn('no tray icon on this desktop', error instanceof Error ? error.message : error);
    return null;
  }
  let doNotDisturb = options.doNotDisturb;
  let updateVersion: string | null = null;
  let unread = 0;
  let texts = options.texts;
  const rebuildMenu = () => tray.setContextMenu(electron.Menu.buildFromTemplate(trayMenuTemplate({ ...options, doNotDisturb, updateVersion, texts })));
  rebuildMenu();
  tray.setToolTip(trayTooltip(texts, unread));
  tray.on('click', () => options.onOpen());
  return {
    setUnreadCount(count) {
      if (count === unread) return;
      if (count > 0 !== unread > 0) tray.setImage(count > 0 ? images.unread : images.read);
      unread = count;
      tray.setToolTip(trayTooltip(texts, count));
    },
    setDoNotDisturb(enabled) {
      if (enabled === doNotDisturb) return;
      doNotDisturb = enabled;
      rebuildMenu();
    },
    setUpdateReady(version) {
      updateVersion = version;
      rebuildMenu();
    },
    setTexts(changed) {
      if (changed === texts) return;
      texts = changed;
      rebuildMenu();
      tray.setToolTip(trayTooltip(texts, unread));
    },
    destroy: () => tray.destroy(),
  };
}
