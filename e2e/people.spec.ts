/**
 * The people directory end to end: others (driven through the official SDK) put the user in a
 * conversation; Parley syncs it, and in New conversation the user finds a person by typing part of a
 * Korean name, keyboard only, and creates a thread. What reached the service is checked with the
 * emulator's `inspect`.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, expectNoSeriousAxeViolations, openApp, type ServiceAndShell, signInWithToken, startServiceAndShell, test, waitForSync } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const ME = 'Alex Kim';
const SHARED_TOPIC = '주말 계획';
const NEW_TOPIC = 'Coffee with Jimin';

let service: ServiceAndShell | undefined;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let jimin: ChatUser;
let jimmy: ChatUser;

test.beforeAll(async ({ browser }) => {
  service = await startServiceAndShell('parley-people-');
  ({ emulator, shell, me } = service);
  jimin = createChatUser(emulator);
  jimmy = createChatUser(emulator);
  // Jimin starts a conversation with the user and Jimmy: the user has never opened it in Parley.
  await jimin.chat.createChatThread(
    { topic: SHARED_TOPIC },
    {
      participants: [
        { id: { communicationUserId: jimin.userId }, displayName: '박지민' },
        { id: { communicationUserId: me.userId }, displayName: ME },
        { id: { communicationUserId: jimmy.userId }, displayName: 'Jimmy Park' },
      ],
    },
  );
  context = await browser.newContext();
  page = await context.newPage();
  await openApp(page, shell);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined); // a failed trace save must not leave the shell running
  await service?.stop();
});

test('pick a person by typing part of a Korean name in New conversation, keyboard only; the service gets that user', async () => {
  await signInWithToken(page, { endpoint: emulator.endpoint, token: me.token, displayName: ME });
  await waitForSync(page);
  await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: SHARED_TOPIC })).toBeVisible();

  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await expect(dialog.getByRole('textbox', { name: 'Topic' })).toBeFocused();
  await page.keyboard.type(NEW_TOPIC);
  await page.keyboard.press('Tab');
  const person = dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' });
  await expect(person).toBeFocused();
  await page.keyboard.type('지민');
  const options = dialog.getByRole('listbox', { name: 'People you have talked with' }).getByRole('option');
  // Only 박지민: neither Jimmy nor the user themself.
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText(`박지민 ${jimin.userId} 1 shared conversation: ${SHARED_TOPIC}`);
  await page.keyboard.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expectNoSeriousAxeViolations(page, 'people picker');
  await page.keyboard.press('Enter');
  await expect(person).toHaveValue(jimin.userId);
  await expect(dialog.getByRole('textbox', { name: 'Display name (Person 1)' })).toHaveValue('박지민');
  // With the list closed, Enter submits the form.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: NEW_TOPIC, level: 1 })).toBeVisible();

  const created = emulator.inspect.threads().find((thread) => thread.topic === NEW_TOPIC);
  expect(created).toBeDefined();
  const people = emulator.inspect.participants(created!.id);
  expect(people.map((participant) => participant.userId).sort()).toEqual([me.userId, jimin.userId].sort());
  expect(people.find((participant) => participant.userId === jimin.userId)?.displayName).toBe('박지민');
});

test('a raw user id typed in full is still taken and validated as before', async () => {
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('textbox', { name: 'Topic' }).fill('By id');
  const person = dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' });
  await person.fill('not-an-id');
  await expect(person).toHaveAttribute('aria-expanded', 'false');
  await dialog.getByRole('button', { name: 'Create conversation' }).click();
  // As before the directory: the service refuses the malformed id, and what was typed stays.
  await expect(dialog.getByRole('alert')).toContainText('Identifier format is invalid (not-an-id)');
  await expect(person).toHaveValue('not-an-id');
  expect(emulator.inspect.threads().map((thread) => thread.topic)).not.toContain('By id');
});
