import type { NotificationPayload, ParleyBridge, ShellKind, ThreadRef } from '$contract';

export type PermissionState = NotificationPermission | 'unsupported';

export interface NotificationsOptions {
  shell: () => ShellKind | null;
  openThread: (ref: ThreadRef) => void;
}

function currentPermission(): PermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * The unread badge, and notifications: Electron shows native ones and sends `open-thread` on a
 * click; the browser shell sends `notification` events that the page raises as Web Notifications.
 */
export class NotificationsState {
  badge = $state(0);
  permission = $state<PermissionState>(currentPermission());
  readonly #options: NotificationsOptions;
  #asked = false;

  constructor(bridge: ParleyBridge, options: NotificationsOptions) {
    this.#options = options;
    bridge.on('badge-count', ({ count }) => (this.badge = count));
    bridge.on('open-thread', (ref) => options.openThread(ref));
    bridge.on('notification', (payload) => this.#show(payload));
  }

  get needsPermission(): boolean {
    return this.#options.shell() === 'browser' && this.permission === 'default';
  }

  /** Must run inside a user gesture (a click or a send); asks at most once per run. */
  async requestPermission(): Promise<PermissionState> {
    if (typeof Notification === 'undefined' || this.#asked || Notification.permission !== 'default') return (this.permission = currentPermission());
    this.#asked = true;
    this.permission = await Notification.requestPermission();
    return this.permission;
  }

  #show(payload: NotificationPayload): void {
    if (this.#options.shell() !== 'browser' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const notification = new Notification(payload.title, { body: payload.body, tag: payload.threadId });
    notification.onclick = () => {
      window.focus();
      this.#options.openThread({ accountId: payload.accountId, threadId: payload.threadId });
      notification.close();
    };
  }
}
