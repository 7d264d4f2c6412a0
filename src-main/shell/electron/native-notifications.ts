import type { Logger } from '../../base/logger.ts';
import type { DesktopNotification } from '../../notify/notification-sink.ts';
import type { ElectronSurface, NotificationHandle } from './electron-surface.ts';

/** Notifications not yet clicked or closed stay referenced, or a collected one would lose its click. */
const MAX_LIVE_NOTIFICATIONS = 20;

/** Native notifications whose click is handed to `onClick` (the shell focuses and opens the thread). */
export function createNativeNotifications(Notification: ElectronSurface['Notification'], onClick: (notification: DesktopNotification) => void, log: Pick<Logger, 'warn'>) {
  const live = new Set<NotificationHandle>();
  return {
    show(notification: DesktopNotification): void {
      if (!Notification.isSupported()) return;
      const native = new Notification({ title: notification.title, body: notification.body });
      live.add(native);
      // Some platforms never report a close: the oldest ones are let go.
      for (const old of live) {
        if (live.size <= MAX_LIVE_NOTIFICATIONS) break;
        live.delete(old);
      }
      native.on('click', () => {
        live.delete(native);
        onClick(notification);
      });
      native.on('close', () => live.delete(native));
      // The only sign of an unsigned macOS build or notifications turned off for Parley in the OS.
      native.on('failed', (_event, error) => {
        live.delete(native);
        log.warn(`the system did not show a notification: ${error}`);
      });
      native.show();
    },
    liveCount: () => live.size,
  };
}
