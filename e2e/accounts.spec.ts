/**
 * Two accounts on one emulator, in the real browser shell: a message for the account that is not active shows as
 * its unread count in the account switcher; the conversation open last (and the active account) comes back after
 * the page is reloaded and after the app process is restarted on the same profile.
 */
import type { Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, screenshot, signInWithToken, startShell, startTestEmulator, tempDir, test, waitForSync } from './fixtures.ts';

/** A profile and an emulator of their own, removed with whatever shell still runs on them. */
const running: { root?: ReturnType<typeof tempDir>; emulator?: Emulator; shell?: RunningShell } = {};
test.afterEach(async () => {
  await running.shell?.stop();
  await running.emulator?.stop();
  running.root?.remove();
});

const conversationTitle = (page: Page, topic: string) => page.getByRole('heading', { name: topic, level: 1 });
const accountsMenu = (page: Page) => page.getByRole('list', { name: 'Accounts' });

test('a message for the other account shows in the switcher; the last conversation and account come back after a reload and a restart', async ({ browser }) => {
  test.setTimeout(180_000);
  const root = (running.root = tempDir('parley-accounts-'));
  const emulatorDir = `${root.path}/emulator`;
  const profileDir = `${root.path}/profile`;
  const emulator = (running.emulator = await startTestEmulator({ dataDir: emulatorDir }));
  const home = emulator.createUserWithToken(['chat']);
  const work = emulator.createUserWithToken(['chat']);
  const bora = createChatUser(emulator);
  const threadWith = async (topic: string, userId: string) =>
    (
      await bora.chat.createChatThread(
        { topic },
        {
          participants: [
            { id: { communicationUserId: userId }, displayName: 'Alex' },
            { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
          ],
        },
      )
    ).chatThread!.id;
  await threadWith('Garden plans', home.userId);
  await threadWith('Allotment', home.userId);
  const rota = await threadWith('Weekend rota', work.userId);

  let shell = (running.shell = await startShell(profileDir, emulatorDir));
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, shell);
  await signInWithToken(page, { endpoint: emulator.endpoint, token: home.token, displayName: 'Alex Home' });
  await waitForSync(page);
  await page.getByRole('button', { name: /^Account: Alex Home/ }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  await signInWithToken(page, { endpoint: emulator.endpoint, token: work.token, displayName: 'Alex Work' });
  await expect(page.getByRole('option', { name: /Weekend rota/ })).toBeVisible();

  // Back to the home account, a conversation open there.
  await page.getByRole('button', { name: /^Account: Alex Work/ }).click();
  await accountsMenu(page)
    .getByRole('button', { name: /^Alex Home/ })
    .click();
  await page.getByRole('option', { name: /Garden plans/ }).click();
  await expect(conversationTitle(page, 'Garden plans')).toBeVisible();

  // A message for the work account, which is not active: its count shows in the switcher.
  await bora.chat.getChatThreadClient(rota).sendMessage({ content: 'Can you take Sunday?' }, { senderDisplayName: 'Bora Lee' });
  const switcher = page.getByRole('button', { name: /^Account: Alex Home/ });
  await expect(switcher).toHaveAccessibleName('Account: Alex Home, 1 unread message in other accounts', { timeout: 45_000 });
  await switcher.click();
  await expect(accountsMenu(page).getByRole('button', { name: 'Alex Work, 1 unread message' })).toBeVisible();
  await screenshot(page, 'accounts-switcher-unread-light-en');
  await page.keyboard.press('Escape');

  // Reloaded: the same account, the same conversation.
  await page.reload();
  await expect(conversationTitle(page, 'Garden plans')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Account: Alex Home/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Garden plans/ })).toHaveAttribute('aria-selected', 'true');

  // The app process restarted on the same profile (a new address and access key): the same again.
  await shell.stop();
  shell = running.shell = await startShell(profileDir, emulatorDir);
  await page.goto(shell.url);
  await expect(conversationTitle(page, 'Garden plans')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account: Alex Home, 1 unread message in other accounts' })).toBeVisible();

  // The work account read: the count goes.
  await page.getByRole('button', { name: /^Account: Alex Home/ }).click();
  await accountsMenu(page)
    .getByRole('button', { name: /^Alex Work/ })
    .click();
  await page.getByRole('option', { name: /Weekend rota/ }).click();
  await expect(page.getByRole('region', { name: 'Messages' }).getByText('Can you take Sunday?')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Account: Alex Work/ })).toHaveAccessibleName('Account: Alex Work');
  await page.getByRole('button', { name: /^Account: Alex Work/ }).click();
  await expect(accountsMenu(page).getByRole('button', { name: /^Alex Home/ })).not.toHaveAccessibleName(/unread/);
  await context.close();
});
