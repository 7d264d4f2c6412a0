import { app, Notification, type BrowserWindow } from 'electron';
import type { NotificationSink } from '../../notify/notification-sink.ts';

export function createNativeNotificationSink(
  window: () => BrowserWindow | undefined,
  openThread: (accountId: string, threadId: string) => void,
): NotificationSink {
  return {
    show(notification) {
      if (!Notification.isSupported()) return;
      const native = new Notification({ title: notification.title, body: notification.body });
      native.on('click', () => {
        const target = window();
        if (target) {
          if (target.isMinimized()) target.restore();
          target.show();
          target.focus();
        }
        openThread(notification.accountId, notification.threadId);
      });
      native.show();
    },
    setBadgeCount(count) {
      app.setBadgeCount(count);
    },
  };
}
