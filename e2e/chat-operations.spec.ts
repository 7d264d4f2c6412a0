/**
 * Every chat operation through the UI only, against an ACS emulator started in this process: the
 * shell trusts its CA through NODE_EXTRA_CA_CERTS, the user signs in with the token form, and the
 * other people are driven through the official SDK. What the UI shows is checked, and what reached
 * the service is checked with the emulator's `inspect`.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, type ServiceAndShell, signInWithToken, startServiceAndShell, test, waitForSync } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const ME = 'Alex Kim';
const TOPIC = 'Quarterly plan';
const NEW_TOPIC = 'Quarterly plan 2026';

let service: ServiceAndShell | undefined;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let bora: ChatUser;
let chris: ChatUser;
let threadId = '';

test.beforeAll(async ({ browser }) => {
  service = await startServiceAndShell('parley-ops-');
  ({ emulator, shell, me } = service);
  bora = createChatUser(emulator);
  chris = createChatUser(emulator);
  context = await browser.newContext();
  page = await context.newPage();
  await openApp(page, shell);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined); // a failed trace save must not leave the shell running
  await service?.stop();
});

function messages(): Locator {
  return page.getByRole('region', { name: 'Messages' });
}

function details(): Locator {
  return page.getByRole('complementary', { name: 'Conversation details' });
}

test('sign in with the token form', async () => {
  await signInWithToken(page, { endpoint: emulator.endpoint, token: me.token, displayName: ME });
  await waitForSync(page);
  await expect(page.getByText('No conversations yet.', { exact: false })).toBeVisible();
});

test('create a conversation: topic, people with display names, no history to share; an unknown user fails on its own', async () => {
  // Well formed, but nobody: the service answers 201 with this one user refused.
  const ghost = emulator.createUser();
  emulator.deleteUser(ghost);

  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('textbox', { name: 'Topic' }).fill(TOPIC);
  await dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(bora.userId);
  await dialog.getByRole('textbox', { name: 'Display name (Person 1)' }).fill('Bora Lee');
  await dialog.getByRole('button', { name: 'Add another person' }).click();
  await dialog.getByRole('combobox', { name: 'Name or user ID (Person 2)' }).fill(ghost);
  await dialog.getByRole('textbox', { name: 'Display name (Person 2)' }).fill('Ghost');
  // A new conversation has no history to share.
  await expect(dialog.getByRole('group', { name: 'Share earlier messages' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create conversation' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Ghost (${ghost}):`);
  // Who could not be added, and why in words, not the service's bare "Permissions check failed".
  await expect(dialog.getByRole('alert')).toContainText(`Ghost (${ghost}): No user with this id in this Communication Services resource`);
  await expect(dialog.getByRole('alert')).not.toContainText('Permissions check failed');
  await expect(dialog.getByRole('alert')).not.toContainText(bora.userId);
  await dialog.getByRole('button', { name: 'Open the conversation' }).click();
  await expect(page.getByRole('heading', { name: TOPIC, level: 1 })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: TOPIC })).toBeVisible();

  const created = emulator.inspect.threads().find((thread) => thread.topic === TOPIC);
  expect(created).toBeDefined();
  threadId = created!.id;
  const people = emulator.inspect.participants(threadId);
  expect(people.map((person) => person.userId).sort()).toEqual([me.userId, bora.userId].sort());
  expect(people.find((person) => person.userId === bora.userId)?.displayName).toBe('Bora Lee');
});

test('the thread list opens a conversation; the other user sees it through the SDK', async () => {
  await page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: TOPIC }).click();
  await expect(page.getByRole('heading', { name: TOPIC, level: 1 })).toBeVisible();
  const seen: string[] = [];
  for await (const thread of bora.chat.listChatThreads()) seen.push(thread.topic);
  expect(seen).toContain(TOPIC);
});

test('change the topic: the heading, the list and a system message follow', async () => {
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await details().getByRole('textbox', { name: 'Topic' }).fill(NEW_TOPIC);
  await details().getByRole('button', { name: 'Save topic' }).click();
  await expect(page.getByRole('heading', { name: NEW_TOPIC, level: 1 })).toBeVisible();
  await expect(page.getByRole('option', { name: NEW_TOPIC })).toBeVisible();
  await expect(messages().getByText(`${ME} changed the topic to “${NEW_TOPIC}”`)).toBeVisible();
  expect(emulator.inspect.thread(threadId)?.topic).toBe(NEW_TOPIC);
  await page.getByRole('button', { name: 'Close details' }).click();
});

test('send a text message and a formatted (HTML) message, with the display name; typing reaches the service', async () => {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('Hello Bora');
  await expect.poll(() => emulator.inspect.typing(threadId).map((record) => record.userId)).toContain(me.userId);
  await box.press('Enter');
  await expect(messages().getByText('Hello Bora')).toBeVisible();
  await expect(messages().getByText('Sending…')).toHaveCount(0);

  // Formatting makes it HTML: Ctrl+B around a word.
  await box.pressSequentially('The ');
  await box.press('Control+b');
  await box.pressSequentially('plan');
  await box.press('Control+b');
  await box.pressSequentially(' is ready');
  await box.press('Enter');
  await expect(messages().locator('strong', { hasText: 'plan' })).toBeVisible();
  await expect(messages().getByText('Sending…')).toHaveCount(0);

  const sent = emulator.inspect.messages(threadId).filter((message) => message.senderId === me.userId);
  expect(sent.map((message) => [message.type, message.content.message, message.senderDisplayName])).toEqual([
    ['text', 'Hello Bora', ME],
    ['html', '<p>The <strong>plan</strong> is ready</p>', ME],
  ]);
});

test('edit and delete one’s own messages: shown as edited and as deleted', async () => {
  const first = messages().getByRole('article').filter({ hasText: 'Hello Bora' });
  await first.hover();
  await first.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('textbox', { name: 'Edit message' });
  await editor.fill('Hello Bora, edited');
  await editor.press('Enter');
  const edited = messages().getByRole('article').filter({ hasText: 'Hello Bora, edited' });
  await expect(edited.getByText('(edited)')).toBeVisible();

  const html = messages().getByRole('article').filter({ hasText: 'The plan is ready' });
  await html.hover();
  await html.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(messages().getByText('This message was deleted.')).toBeVisible();
  await expect(messages().getByText('The plan is ready')).toHaveCount(0);

  const sent = emulator.inspect.messages(threadId).filter((message) => message.senderId === me.userId);
  expect(sent[0]).toMatchObject({ content: { message: 'Hello Bora, edited' } });
  expect(sent[0]!.editedMs).toBeTruthy();
  expect(sent[1]!.deletedMs).toBeTruthy();
});

test('read receipts: viewing sends one; "Seen by" shows when the other user reads', async () => {
  const thread = bora.chat.getChatThreadClient(threadId);
  const { id: boraMessage } = await thread.sendMessage({ content: 'Morning! Looks good.' }, { senderDisplayName: 'Bora Lee' });
  await expect(messages().getByText('Morning! Looks good.')).toBeVisible();
  // The open conversation in a focused window is read: a receipt for the newest message goes out.
  await expect.poll(() => emulator.inspect.readReceipts(threadId).find((receipt) => receipt.userId === me.userId)?.messageId).toBe(boraMessage);

  await thread.sendReadReceipt({ chatMessageId: boraMessage });
  await expect(messages().getByText('Seen by Bora Lee')).toBeVisible();
});

test('participants: listed, added with a display name and shared history, removed', async () => {
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await expect(details().getByText('Bora Lee')).toBeVisible();
  await expect(details().getByText(`${ME} (you)`)).toBeVisible();

  await details().getByRole('button', { name: 'Add people' }).click();
  await details().getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(chris.userId);
  await details().getByRole('textbox', { name: 'Display name (Person 1)' }).fill('Chris Park');
  await details().getByRole('radio', { name: 'All history' }).check();
  await details().getByRole('button', { name: 'Add', exact: true }).click();
  await expect(details().getByText('Added 1 person.')).toBeVisible();
  await expect(details().getByText('Chris Park')).toBeVisible();
  await expect(messages().getByText(`${ME} added Chris Park`)).toBeVisible();
  const added = emulator.inspect.participants(threadId).find((person) => person.userId === chris.userId);
  expect(added?.displayName).toBe('Chris Park');
  // Chris sees the history from before being added.
  const history: string[] = [];
  for await (const message of chris.chat.getChatThreadClient(threadId).listMessages()) if (message.type === 'text') history.push(message.content?.message ?? '');
  expect(history).toContain('Morning! Looks good.');

  await details().getByRole('button', { name: 'Remove Chris Park' }).click();
  await page.getByRole('dialog', { name: 'Remove Chris Park?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(details().getByText('Chris Park')).toHaveCount(0);
  await expect(messages().getByText(`${ME} removed Chris Park`)).toBeVisible();
  expect(emulator.inspect.participants(threadId).map((person) => person.userId)).not.toContain(chris.userId);
});

test('leave a conversation someone else made', async () => {
  const { chatThread } = await bora.chat.createChatThread({ topic: 'Coffee run' }, { participants: [{ id: { communicationUserId: me.userId }, displayName: ME }] });
  const coffee = page.getByRole('option', { name: 'Coffee run' });
  await expect(coffee).toBeVisible();
  await coffee.click();
  await expect(page.getByRole('heading', { name: 'Coffee run', level: 1 })).toBeVisible();
  await details().getByRole('button', { name: 'Leave conversation' }).click();
  await page.getByRole('dialog', { name: 'Leave this conversation?' }).getByRole('button', { name: 'Leave conversation' }).click();
  await expect(page.getByRole('option', { name: 'Coffee run' })).toHaveCount(0);
  expect(emulator.inspect.participants(chatThread!.id).map((person) => person.userId)).not.toContain(me.userId);
});

test('delete a conversation, after confirming', async () => {
  await page.getByRole('option', { name: NEW_TOPIC }).click();
  await details().getByRole('button', { name: 'Delete conversation' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete “${NEW_TOPIC}”?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(emulator.inspect.thread(threadId)?.deletedMs).toBeNull();
  await details().getByRole('button', { name: 'Delete conversation' }).click();
  await confirm.getByRole('button', { name: 'Delete conversation' }).click();
  await expect(page.getByRole('option', { name: NEW_TOPIC })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No conversation open' })).toBeVisible();
  expect(emulator.inspect.thread(threadId)?.deletedMs).toBeTruthy();
});
