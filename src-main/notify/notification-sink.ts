import type { NotificationPayload } from '../../src-preload/contract.ts';

/** One desktop notification, already decided on by the notification policy. */
export type DesktopNotification = NotificationPayload;

/** Implemented by each shell: Electron's Notification and badge, or the browser page. */
export interface NotificationSink {
  show(notification: DesktopNotification): void;
  setBadgeCount(count: number): void;
}
