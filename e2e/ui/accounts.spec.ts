/**
 * The renderer alone (fake bridge): the conversation open when Parley last ran opens again at start-up, after the
 * thread list and never over a thread opened first; other accounts' unread counts in the account switcher, in
 * English and Korean, light and dark. Needs `electron-vite build` first.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp, pageErrors, serveRenderer, setTheme, shot } from './harness-page.ts';

serveRenderer();

const conversationTitle = (page: Page, topic: string) => page.getByRole('heading', { name: topic, level: 1 });
const answeredMethods = (page: Page) => page.evaluate(() => [...window.__fake!.answered]);

test('start-up opens the conversation that was open last, once the thread list is drawn', async ({ page }) => {
  await openApp(page, { lastOpenThread: 't-lunch' });
  await expect(conversationTitle(page, 'Lunch crew')).toBeVisible();
  await expect(page.getByRole('option', { name: /Lunch crew/ })).toHaveAttribute('aria-selected', 'true');
  const answered = await answeredMethods(page);
  expect(answered.indexOf('listThreadPage')).toBeGreaterThanOrEqual(0);
  expect(answered.indexOf('getLastOpenThread')).toBeGreaterThan(answered.indexOf('listThreadPage'));
  expect(pageErrors(page)).toEqual([]);
});

test('start-up opens nothing when the last conversation is gone (main answers null), and says nothing about it', async ({ page }) => {
  await openApp(page, { lastOpenThread: 't-removed-since' });
  await expect.poll(() => answeredMethods(page)).toContain('getLastOpenThread');
  await expect(page.getByRole('heading', { name: 'No conversation open' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(pageErrors(page)).toEqual([]);
});

test('a thread opened at launch (a deep link, a notification) wins over the restore', async ({ page }) => {
  await openApp(page, { lastOpenThread: 't-lunch', delays: { getLastOpenThread: 800 } });
  await page.evaluate(() => window.__fake!.emit('open-thread', { accountId: 'acc-demo', threadId: 't-minji' }));
  await expect(conversationTitle(page, 'Minji Kim')).toBeVisible();
  await expect.poll(() => answeredMethods(page)).toContain('getLastOpenThread');
  // The answer has reached the page (its handling is synchronous from there): the linked thread stays.
  await expect(conversationTitle(page, 'Minji Kim')).toBeVisible();
  await expect(conversationTitle(page, 'Lunch crew')).toHaveCount(0);
});

test('a thread the user picks while start-up asks wins too', async ({ page }) => {
  await openApp(page, { lastOpenThread: 't-lunch', delays: { getLastOpenThread: 800 } });
  await page.getByRole('option', { name: /Launch plan/ }).click();
  await expect(conversationTitle(page, 'Launch plan — Q3')).toBeVisible();
  await expect.poll(() => answeredMethods(page)).toContain('getLastOpenThread');
  await expect(conversationTitle(page, 'Launch plan — Q3')).toBeVisible();
});

test('other accounts’ unread counts in the account switcher, singular and plural, and after switching', async ({ page }) => {
  await openApp(page, { otherAccounts: [{ id: 'acc-work', displayName: 'Work', unread: 3 }] });
  const switcher = page.getByRole('button', { name: /^Account: Alex Morgan/ });
  await expect(switcher).toHaveAccessibleName('Account: Alex Morgan, 3 unread messages in other accounts');
  await expect(switcher).toContainText('3');
  await switcher.click();
  const menu = page.getByRole('list', { name: 'Accounts' });
  await expect(menu.getByRole('button', { name: 'Work, 3 unread messages' })).toBeVisible();
  // The active account's own unread messages are in its thread list, not here.
  await expect(menu.getByRole('button', { name: /^Alex Morgan/ })).not.toHaveAccessibleName(/unread/);
  await expectNoAxeViolations(page, 'switcher with unread');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `account-switcher-unread-${theme}-en`);
  }
  await setTheme(page, 'light');

  // Sync finds one more or fewer: the counts follow.
  await page.evaluate(() => window.__fake!.setUnread('acc-work', 1));
  await expect(menu.getByRole('button', { name: 'Work, 1 unread message' })).toBeVisible();
  await expect(switcher).toHaveAccessibleName('Account: Alex Morgan, 1 unread message in other accounts');
  await page.evaluate(() => window.__fake!.setUnread('acc-work', 0));
  await expect(menu.getByRole('button', { name: 'Work' })).toHaveAccessibleName(/^Work\b(?!.*unread)/);
  await expect(switcher).toHaveAccessibleName('Account: Alex Morgan');

  // Switched to Work: now the demo account's unread messages are the other account's.
  await page.evaluate(() => window.__fake!.setUnread('acc-work', 2));
  await menu.getByRole('button', { name: /^Work/ }).click();
  const workSwitcher = page.getByRole('button', { name: /^Account: Work/ });
  await expect(workSwitcher).toHaveAccessibleName(/^Account: Work, \d+ unread messages in other accounts$/);
  await workSwitcher.click();
  await expect(menu.getByRole('button', { name: /^Alex Morgan, \d+ unread messages$/ })).toBeVisible();
  await expect(menu.getByRole('button', { name: /^Work/ })).not.toHaveAccessibleName(/unread/);
  expect(pageErrors(page)).toEqual([]);
});

test('other accounts’ unread counts in Korean', async ({ page }) => {
  await openApp(page, { otherAccounts: [{ id: 'acc-work', displayName: '회사', unread: 12 }], settings: { language: 'ko' } });
  const switcher = page.getByRole('button', { name: /^계정: Alex Morgan/ });
  await expect(switcher).toHaveAccessibleName('계정: Alex Morgan, 다른 계정에 읽지 않은 메시지 12개');
  await switcher.click();
  await expect(page.getByRole('list', { name: '계정' }).getByRole('button', { name: '회사, 읽지 않은 메시지 12개' })).toBeVisible();
  await expectNoAxeViolations(page, 'switcher with unread, Korean');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `account-switcher-unread-${theme}-ko`);
  }
});
