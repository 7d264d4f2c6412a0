/**
 * Offline: the emulator stops and the shell restarts on the same profile (the account comes back
 * from the keychain). Cached threads open, read and search; a message written meanwhile is queued;
 * when the emulator returns (same data dir, port and access key) it is delivered exactly once.
 */
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, signInWithToken, startShell, startTestEmulator, tempDir, test, waitForSync } from './fixtures.ts';

let root: ReturnType<typeof tempDir>;
let emulator: Emulator | undefined;
let shell: RunningShell | undefined;

test.afterEach(async () => {
  await shell?.stop();
  await emulator?.stop();
  root?.remove();
});

test('offline: cached threads open, read and search; a queued message is delivered exactly once when the service returns', async ({ browser }) => {
  root = tempDir('parley-offline-');
  const emulatorDir = `${root.path}/emulator`;
  const profileDir = `${root.path}/profile`;
  emulator = await startTestEmulator({ dataDir: emulatorDir });
  const { port, accessKey, endpoint } = emulator;
  const me = emulator.createUserWithToken(['chat']);
  const bora: ChatUser = createChatUser(emulator);
  const { chatThread } = await bora.chat.createChatThread(
    { topic: 'Field notes' },
    {
      participants: [
        { id: { communicationUserId: me.userId }, displayName: 'Alex Kim' },
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
      ],
    },
  );
  const threadId = chatThread!.id;
  const thread = bora.chat.getChatThreadClient(threadId);
  await thread.sendMessage({ content: 'The lighthouse keeper logged three ships.' }, { senderDisplayName: 'Bora Lee' });
  await thread.sendMessage({ content: 'Tide tables are in the shared folder.' }, { senderDisplayName: 'Bora Lee' });

  // Online: sign in through the UI; the thread and its messages reach the cache.
  shell = await startShell(profileDir, emulatorDir);
  const context = await browser.newContext();
  let page = await context.newPage();
  await openApp(page, shell);
  await signInWithToken(page, { endpoint, token: me.token, displayName: 'Alex Kim' });
  await waitForSync(page);
  await page.getByRole('option', { name: 'Field notes' }).click();
  await expect(page.getByRole('region', { name: 'Messages' }).getByText('Tide tables are in the shared folder.')).toBeVisible();
  await page.close();

  // The service goes away, and the app restarts on the same profile.
  await shell.stop();
  await emulator.stop();
  emulator = undefined;
  shell = await startShell(profileDir, emulatorDir);
  page = await context.newPage();
  await openApp(page, shell);
  await expect(page.getByRole('button', { name: 'Account: Alex Kim' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline — showing cached data' })).toBeVisible();

  // Cached threads open and read.
  await page.getByRole('option', { name: 'Field notes' }).click();
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByText('The lighthouse keeper logged three ships.')).toBeVisible();
  await expect(page.getByText('You are offline.', { exact: false })).toBeVisible();

  // Search (Ctrl+F) finds cached messages and opens the thread at the hit.
  await page.getByRole('button', { name: 'Conversation details' }).focus();
  await page.keyboard.press('Control+f');
  const search = page.getByRole('dialog', { name: 'Search messages' });
  await search.getByRole('combobox', { name: 'Search messages' }).fill('lighthouse');
  const results = search.getByRole('listbox', { name: 'Results' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.locator('mark')).toHaveText('lighthouse');
  await search.getByRole('combobox', { name: 'Search messages' }).press('Enter');
  await expect(search).toHaveCount(0);
  await expect(page.getByRole('article', { name: /Found message/ })).toContainText('lighthouse keeper');

  // Written meanwhile: queued.
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Written while offline');
  await box.press('Enter');
  const pending = messages.getByRole('article').filter({ hasText: 'Written while offline' });
  await expect(pending.getByText('Queued — will send when online')).toBeVisible();

  // The service returns on the same address with the same data; "Sync now" tries at once.
  emulator = await startTestEmulator({ dataDir: emulatorDir, port, accessKey });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Synced/ })).toBeVisible();
  await expect(messages.getByText('Written while offline')).toBeVisible();
  await expect(messages.getByText('Queued — will send when online')).toHaveCount(0);
  await expect(messages.getByText('Sending…')).toHaveCount(0);
  await expect(page.getByText('You are offline.', { exact: false })).toHaveCount(0);
  const delivered = emulator.inspect.messages(threadId).filter((message) => message.content.message === 'Written while offline');
  expect(delivered).toHaveLength(1);
  expect(delivered[0]).toMatchObject({ senderId: me.userId, senderDisplayName: 'Alex Kim' });
  // One send request reached the returned service: nothing was sent twice.
  expect(emulator.operations.count({ route: 'sendChatMessage' })).toBe(1);
  // Sent now: it carries the actions of one's own message, not an outbox status.
  await expect(messages.getByRole('article', { name: /^Alex Kim, / }).filter({ hasText: 'Written while offline' })).toHaveCount(1);
  await context.close();
});
