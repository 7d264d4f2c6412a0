import type { EventHub } from '../../base/events.ts';
import type { NotificationSink } from '../../notify/notification-sink.ts';

/** In the browser shell the page itself raises notifications (Web Notification API) and shows the badge. */
export function createPageNotificationSink(events: EventHub): NotificationSink {
  return {
    show: (notification) => events.emit('notification', notification),
    setBadgeCount: (count) => events.emit('badge-count', { count }),
  };
}
