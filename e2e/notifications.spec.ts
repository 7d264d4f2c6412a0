/**
 * Another user posts (through the SDK, against an emulator in this process): the thread's unread
 * count rises in the list, the page raises a Web Notification, and clicking it opens the thread.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import {
  expect,
  notificationsOf,
  notifyingContext,
  openApp,
  recordNotifications,
  type ServiceAndShell,
  signInWithToken,
  startServiceAndShell,
  test,
  waitForSync,
} from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

let service: ServiceAndShell | undefined;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let bora: ChatUser;

test.beforeAll(async ({ browser }) => {
  service = await startServiceAndShell('parley-notify-');
  ({ emulator, shell, me } = service);
  bora = createChatUser(emulator);
  context = await notifyingContext(browser, shell);
  page = await context.newPage();
  await recordNotifications(page);
  await openApp(page, shell);
  await signInWithToken(page, { endpoint: emulator.endpoint, token: me.token, displayName: 'Alex Kim' });
  await waitForSync(page);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined); // a failed trace save must not leave the shell running
  await service?.stop();
});

test('another user posts: the unread count rises, a notification is raised, and clicking it opens the thread', async () => {
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  const { chatThread } = await bora.chat.createChatThread(
    { topic: 'Weekend hike' },
    {
      participants: [
        { id: { communicationUserId: me.userId }, displayName: 'Alex Kim' },
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
      ],
    },
  );
  const thread = bora.chat.getChatThreadClient(chatThread!.id);
  await thread.sendMessage({ content: 'Anyone up for Saturday?' }, { senderDisplayName: 'Bora Lee' });

  const option = page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: 'Weekend hike' });
  await expect(option).toHaveAccessibleDescription(/1 unread/);
  await expect.poll(() => notificationsOf(page)).toEqual([{ title: 'Weekend hike', body: 'Bora Lee: Anyone up for Saturday?', tag: chatThread!.id }]);

  await thread.sendMessage({ content: 'Leaving at 8.' }, { senderDisplayName: 'Bora Lee' });
  await expect(option).toHaveAccessibleDescription(/2 unread/);
  await expect(page).toHaveTitle('(2) Parley');
  await expect.poll(async () => (await notificationsOf(page)).length).toBe(2);
  const latest = (await notificationsOf(page))[1]!;
  expect(latest.tag).toBe(chatThread!.id);
  expect(latest.body).toContain('Leaving at 8.');

  await expect(page.getByRole('heading', { name: 'No conversation open' })).toBeVisible();
  await page.evaluate(() => window.__notifications!.click(1));
  await expect(page.getByRole('heading', { name: 'Weekend hike', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Messages' }).getByText('Leaving at 8.')).toBeVisible();
  // Read now: the count clears, and the service gets a receipt for the newest message.
  await expect(option).not.toHaveAccessibleDescription(/unread/);
  await expect(page).toHaveTitle('Parley');
  await expect.poll(() => emulator.inspect.readReceipts(chatThread!.id).some((receipt) => receipt.userId === me.userId)).toBe(true);
});
