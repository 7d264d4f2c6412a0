/**
 * SDK 1.6 through the UI, against the emulator, with the official SDK on the other side: a thread's
 * metadata and retention policy (shown, edited, sent as a merge patch of the changed keys only, so a
 * key another app wrote meanwhile survives), participant kinds and metadata, people of kinds the
 * service refuses failing one by one, a new thread with "delete after N days", and all of it read
 * from the cache when the service is gone, in English and Korean.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, screenshot, signInWithToken, startShell, startTestEmulator, tempDir, test, waitForSync } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const TOPIC = 'Partner onboarding';
const TEAMS_USER = '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130';
const PHONE = '4:+14255550123';

let root: ReturnType<typeof tempDir>;
let emulatorDir: string;
let profileDir: string;
let emulator: Emulator | undefined;
let shell: RunningShell | undefined;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let bora: ChatUser;
let chris: ChatUser;
let threadId = '';

test.beforeAll(async ({ browser }) => {
  root = tempDir('parley-properties-');
  emulatorDir = `${root.path}/emulator`;
  profileDir = `${root.path}/profile`;
  emulator = await startTestEmulator({ dataDir: emulatorDir });
  me = emulator.createUserWithToken(['chat']);
  bora = createChatUser(emulator);
  chris = createChatUser(emulator);
  // Another app made the thread: its own metadata key, and metadata on its participant.
  const { chatThread } = await bora.chat.createChatThread(
    { topic: TOPIC },
    {
      participants: [
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee', metadata: { role: 'host' } },
        { id: { communicationUserId: me.userId }, displayName: 'Alex Kim' },
      ],
      metadata: { crm: 'lead-1', otherApp: 'keep-me' },
    },
  );
  threadId = chatThread!.id;
  shell = await startShell(profileDir, emulatorDir);
  context = await browser.newContext();
  page = await context.newPage();
  await openApp(page, shell);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await shell?.stop();
  await emulator?.stop();
  root?.remove();
});

const details = (name = 'Conversation details'): Locator => page.getByRole('complementary', { name });
const personItem = (name: string): Locator => details().getByRole('listitem').filter({ hasText: name });

test('a thread made elsewhere shows its metadata, no retention, and each participant with kind and metadata', async () => {
  await signInWithToken(page, { endpoint: emulator!.endpoint, token: me.token, displayName: 'Alex Kim' });
  await waitForSync(page);
  await page.getByRole('option', { name: TOPIC }).click();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await expect(details().getByTestId('retention-status')).toHaveText('Kept until someone deletes it.');
  await expect(details().getByRole('textbox', { name: 'Key 1' })).toHaveValue('crm');
  await expect(details().getByRole('textbox', { name: 'Value 2' })).toHaveValue('keep-me');
  await expect(personItem('Bora Lee').getByTestId('participant-kind')).toHaveText('ACS user');
  await expect(personItem('Bora Lee').getByRole('definition')).toHaveText('host');
});

test('metadata edits send only the changed keys: a key another app wrote meanwhile survives', async () => {
  await details().getByRole('textbox', { name: 'Value 1' }).fill('lead-2');
  await details().getByRole('textbox', { name: 'Key 3' }).fill('stage');
  await details().getByRole('textbox', { name: 'Value 3' }).fill('customer');
  // Meanwhile, through the official SDK, another app adds its own key.
  await bora.chat.getChatThreadClient(threadId).updateProperties({ metadata: { late: 'written-elsewhere' } });
  await details().getByRole('button', { name: 'Save metadata' }).click();
  await expect(details().getByRole('status').filter({ hasText: 'Metadata saved.' })).toBeVisible();
  const seen = await bora.chat.getChatThreadClient(threadId).getProperties();
  expect(seen.metadata).toEqual({ crm: 'lead-2', otherApp: 'keep-me', late: 'written-elsewhere', stage: 'customer' });
  // The read-back brings the other app's key into the form.
  await expect(details().getByRole('textbox', { name: 'Key 2' })).toHaveValue('late');

  // Removing a key removes that one only.
  await details().getByRole('button', { name: 'Remove key 3' }).click();
  await details().getByRole('button', { name: 'Save metadata' }).click();
  await expect
    .poll(async () => (await bora.chat.getChatThreadClient(threadId).getProperties()).metadata)
    .toEqual({
      crm: 'lead-2',
      late: 'written-elsewhere',
      stage: 'customer',
    });
});

test('retention: "delete after 45 days" reaches the service and the date is shown', async () => {
  await details().getByRole('radio', { name: 'Delete it after a number of days' }).check();
  await details().getByRole('textbox', { name: 'Days after creation (30–90)' }).fill('45');
  await details().getByRole('button', { name: 'Save retention' }).click();
  await expect(details().getByTestId('retention-status')).toHaveText(/^Will be deleted on .+ \(45 days after creation\)\.$/);
  const seen = await bora.chat.getChatThreadClient(threadId).getProperties();
  expect(seen.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 45 });
});

test('people of every kind: ids built from raw ids; those the service refuses fail alone, with their kind', async () => {
  await details().getByRole('button', { name: 'Add people' }).click();
  await details().getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(chris.userId);
  await details().getByRole('textbox', { name: 'Display name (Person 1)' }).fill('Chris Park');
  await details().getByRole('button', { name: 'Add another person' }).click();
  await details().getByRole('combobox', { name: 'Name or user ID (Person 2)' }).fill(TEAMS_USER);
  await details().getByRole('button', { name: 'Add another person' }).click();
  await details().getByRole('combobox', { name: 'Name or user ID (Person 3)' }).fill(PHONE);
  await details().getByRole('button', { name: 'Add', exact: true }).click();
  const alert = details().getByRole('alert');
  await expect(alert).toContainText(`${TEAMS_USER} (Teams user): the service does not accept this kind of participant in this conversation.`);
  await expect(alert).toContainText(`${PHONE} (Phone number): the service does not accept this kind of participant in this conversation.`);
  await expect(alert).not.toContainText(chris.userId);
  await expect(personItem('Chris Park').getByTestId('participant-kind')).toHaveText('ACS user');
  expect(emulator!.inspect.participants(threadId).map((person) => person.userId)).toContain(chris.userId);
  await screenshot(page, 'thread-properties-people-light-en');
});

test('a new conversation with "delete after 30 days"', async () => {
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('textbox', { name: 'Topic' }).fill('Short-lived');
  await dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(bora.userId);
  await dialog.getByRole('radio', { name: 'Delete it after a number of days' }).check();
  await dialog.getByRole('textbox', { name: 'Days after creation (30–90)' }).fill('30');
  await dialog.getByRole('button', { name: 'Create conversation' }).click();
  await expect(page.getByRole('heading', { name: 'Short-lived', level: 1 })).toBeVisible();
  const created = emulator!.inspect.threads().find((thread) => thread.topic === 'Short-lived');
  expect(created?.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 30 });
  await expect(details().getByTestId('retention-status')).toHaveText(/\(30 days after creation\)\.$/);
});

test('offline, in Korean: retention, metadata and participant kinds come from the cache', async () => {
  await page.close();
  await shell!.stop();
  await emulator!.stop();
  emulator = undefined;
  shell = await startShell(profileDir, emulatorDir);
  page = await context.newPage();
  await openApp(page, shell);
  await expect(page.getByRole('status').filter({ hasText: 'Offline — showing cached data' })).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await page.keyboard.press('Escape');
  await page.getByRole('option', { name: TOPIC }).click();
  if ((await page.getByRole('complementary', { name: '대화 정보' }).count()) === 0) await page.getByRole('button', { name: '대화 정보' }).click();
  const detailsKo = details('대화 정보');
  await expect(detailsKo.getByTestId('retention-status')).toHaveText(/^.+에 삭제됩니다 \(생성 후 45일\)\.$/);
  await expect(detailsKo.getByRole('textbox', { name: '키 1' })).toHaveValue('crm');
  await expect(detailsKo.getByRole('textbox', { name: '값 1' })).toHaveValue('lead-2');
  await expect(detailsKo.getByRole('listitem').filter({ hasText: 'Bora Lee' }).getByTestId('participant-kind')).toHaveText('ACS 사용자');
  await expect(detailsKo.getByRole('listitem').filter({ hasText: 'Bora Lee' }).getByRole('definition')).toHaveText('host');
  await screenshot(page, 'thread-properties-offline-light-ko');
});
