/**
 * A new user on a fresh profile clicks "Start local demo" and, through the UI only, performs every
 * chat operation against the emulator the shell runs inside itself (the test cannot reach it with
 * the SDK, so what the service did is read back through the UI: other demo users are participants,
 * their read receipts show as "Seen by").
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, openApp, screenshot, startShell, tempDir, test, waitForSync } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

let root: ReturnType<typeof tempDir>;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me = '';
let priyaId = '';
let samId = '';
/** The methods the page called over the bridge, in order. */
const bridgeCalls: string[] = [];

test.beforeAll(async ({ browser }) => {
  root = tempDir('parley-demo-');
  shell = await startShell(root.path);
  context = await browser.newContext();
  page = await context.newPage();
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const method = /"method":"(\w+)"/.exec(String(payload))?.[1];
      if (method) bridgeCalls.push(method);
    }),
  );
  await openApp(page, shell);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined); // a failed trace save must not leave the shell running
  await shell?.stop();
  root?.remove();
});

const messages = (): Locator => page.getByRole('region', { name: 'Messages' });
const details = (): Locator => page.getByRole('complementary', { name: 'Conversation details' });
const list = (): Locator => page.getByRole('listbox', { name: 'Conversations' });

/** A participant's user id, as the details panel shows it (its title). */
async function userIdOf(name: string): Promise<string> {
  const id = await details().getByRole('listitem').filter({ hasText: name }).locator('[title^="8:acs:"]').getAttribute('title');
  expect(id).toMatch(/^8:acs:/);
  return id!;
}

test('a new user starts the local demo and sees its conversations', async () => {
  await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
  await page.getByRole('button', { name: 'Start local demo' }).click();
  await expect(list().getByRole('option')).toHaveCount(5);
  await waitForSync(page);
  for (const topic of ['Launch planning — v2.0', '주말 등산 모임 🏔️', 'Design review / 디자인 리뷰', 'Sam Carter', 'Venue with Contoso / 행사장']) {
    await expect(list().getByRole('option', { name: topic })).toBeVisible();
  }
  const account = page.getByRole('button', { name: /^Account: / });
  me = ((await account.getAttribute('aria-label')) ?? '').replace('Account: ', '');
  expect(me).toBe('Alex Morgan');
});

test('the demo’s people are in the directory: New conversation finds them by name', async () => {
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  const person = dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' });
  const options = dialog.getByRole('listbox', { name: 'People you have talked with' }).getByRole('option');
  // Jiho is only in "Design review", never opened yet; Seo-yeon shares two threads, Priya one.
  for (const [typed, name] of [
    ['지호', '박지호'],
    ['서연', '이서연'],
    ['priya', 'Priya Natarajan'],
  ] as const) {
    await person.fill(typed);
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(name);
  }
  await person.press('Escape');
  await expect(person).toHaveAttribute('aria-expanded', 'false');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the demo shows what Teams and the ACS UI Library send: mentions, an emoji, a photo, a reply quote and files', async () => {
  const venue = list().getByRole('option', { name: /Venue with Contoso/ });
  await expect(venue.getByText('Unread mentions of you: 1')).toBeAttached();
  await venue.click();
  // The reply below quotes this message's text, without the mention's "@".
  const photo = messages()
    .getByRole('article')
    .filter({ hasText: `@${me}, this is the hall for Thursday` });
  await expect(photo.locator('.mention')).toHaveText(`@${me}`);
  await expect(photo).toContainText('😀');
  // Fetched by main from the demo service with the demo account's token, and handed to the page as data.
  await expect(photo.getByRole('img', { name: 'Hall.png' })).toHaveAttribute('src', /^data:image\/png;base64,/);
  const plan = messages().getByRole('article').filter({ hasText: 'the floor plan is attached' });
  await expect(plan.locator('.mention.self')).toHaveText(`@${me}`);
  await expect(plan.getByRole('list', { name: 'Attachments' })).toContainText('Floor plan.pdf');
  const reply = messages().getByRole('article').filter({ hasText: 'The signed contract is here too.' });
  await expect(reply.getByRole('button', { name: /Dana Whitfield \(Contoso\).*this is the hall/ })).toBeVisible();
  await expect(reply.getByRole('list', { name: 'Attachments' })).toContainText('Venue contract.docx');
  await screenshot(page, 'demo-other-clients-en-light');
});

test('open a demo thread: its history with system messages, and its people', async () => {
  await list().getByRole('option', { name: 'Launch planning — v2.0' }).click();
  await expect(page.getByRole('heading', { name: 'Launch planning — v2.0', level: 1 })).toBeVisible();
  await expect(messages().getByText(`${me} changed the topic to “Launch planning — v2.0”`)).toBeVisible();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await expect(details().getByText(`${me} (you)`)).toBeVisible();
  priyaId = await userIdOf('Priya Natarajan');
  samId = await userIdOf('Sam Carter');
});

test('create a conversation with demo people; an unknown but well-formed id fails on its own', async () => {
  const stranger = '8:acs:11111111-2222-3333-4444-555555555555_00000000-0000-0000-0000-000000000001';
  await page.getByRole('button', { name: 'New conversation' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('textbox', { name: 'Topic' }).fill('Demo day');
  await dialog.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(priyaId);
  await dialog.getByRole('textbox', { name: 'Display name (Person 1)' }).fill('Priya N.');
  await dialog.getByRole('button', { name: 'Add another person' }).click();
  await dialog.getByRole('combobox', { name: 'Name or user ID (Person 2)' }).fill(stranger);
  await expect(dialog.getByRole('group', { name: 'Share earlier messages' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create conversation' }).click();
  await expect(dialog.getByRole('alert')).toContainText(`${stranger}:`);
  await dialog.getByRole('button', { name: 'Open the conversation' }).click();
  await expect(page.getByRole('heading', { name: 'Demo day', level: 1 })).toBeVisible();
  await expect(list().getByRole('option', { name: 'Demo day' })).toBeVisible();
  await expect(messages().getByText(`${me} and Priya N. joined the conversation`)).toBeVisible();
  await expect(details().getByText('Priya N.')).toBeVisible();
});

test('change the topic', async () => {
  await details().getByRole('textbox', { name: 'Topic' }).fill('Demo day — Friday');
  await details().getByRole('button', { name: 'Save topic' }).click();
  await expect(page.getByRole('heading', { name: 'Demo day — Friday', level: 1 })).toBeVisible();
  await expect(messages().getByText(`${me} changed the topic to “Demo day — Friday”`)).toBeVisible();
});

test('send text and HTML, edit one, delete the other', async () => {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Slides are due Thursday');
  await box.press('Enter');
  // Markdown-style input rules format as one types.
  await box.pressSequentially('Agenda: *demos* then **lunch**');
  await box.press('Enter');
  await expect(messages().locator('strong', { hasText: 'lunch' })).toBeVisible();
  await expect(messages().getByText('Sending…')).toHaveCount(0);
  // Sent with the display name.
  await expect(
    messages()
      .getByRole('article', { name: new RegExp(`^${me}, `) })
      .first(),
  ).toBeVisible();

  const text = messages().getByRole('article').filter({ hasText: 'Slides are due Thursday' });
  await text.hover();
  await text.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Edit message' }).fill('Slides are due Wednesday');
  await page.getByRole('textbox', { name: 'Edit message' }).press('Enter');
  await expect(messages().getByRole('article').filter({ hasText: 'Slides are due Wednesday' }).getByText('(edited)')).toBeVisible();

  const html = messages().getByRole('article').filter({ hasText: 'Agenda:' });
  await html.hover();
  await html.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete this message?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(messages().getByText('This message was deleted.')).toBeVisible();
  await expect(messages().getByText('Agenda:')).toHaveCount(0);
});

test('participants: add with a display name and shared history, then remove', async () => {
  await details().getByRole('button', { name: 'Add people' }).click();
  await details().getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill(samId);
  await details().getByRole('textbox', { name: 'Display name (Person 1)' }).fill('Sam C.');
  await details().getByRole('radio', { name: 'All history' }).check();
  await details().getByRole('button', { name: 'Add', exact: true }).click();
  await expect(details().getByText('Added 1 person.')).toBeVisible();
  await expect(details().getByText('Sam C.')).toBeVisible();
  await expect(messages().getByText(`${me} added Sam C.`)).toBeVisible();
  await details().getByRole('button', { name: 'Remove Sam C.' }).click();
  await page.getByRole('dialog', { name: 'Remove Sam C.?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(details().getByText('Sam C.')).toHaveCount(0);
  await expect(messages().getByText(`${me} removed Sam C.`)).toBeVisible();
});

test('delete the conversation, after confirming', async () => {
  await details().getByRole('button', { name: 'Delete conversation' }).click();
  await page.getByRole('dialog', { name: 'Delete “Demo day — Friday”?' }).getByRole('button', { name: 'Delete conversation' }).click();
  await expect(list().getByRole('option', { name: 'Demo day — Friday' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No conversation open' })).toBeVisible();
});

test('read receipts: viewing marks read, "Seen by" shows the demo users\' receipts; typing is sent while writing', async () => {
  // Unread messages from demo users: viewing them marks them read, and the count goes.
  const design = list().getByRole('option', { name: 'Design review / 디자인 리뷰' });
  await expect(design).toHaveAccessibleDescription(/unread/);
  const marked = bridgeCalls.filter((call) => call === 'markRead').length;
  await design.click();
  await expect(page.getByRole('heading', { name: 'Design review / 디자인 리뷰', level: 1 })).toBeVisible();
  await expect.poll(() => bridgeCalls.filter((call) => call === 'markRead').length).toBeGreaterThan(marked);
  await expect(design).not.toHaveAccessibleDescription(/unread/);
  // A demo user read Alex's last message in the launch thread.
  await list().getByRole('option', { name: 'Launch planning — v2.0' }).click();
  await expect(messages().getByText('Seen by Sam Carter')).toBeVisible();
  // Typing goes to main as one writes (what reaches the service is checked in chat-operations.spec.ts).
  const before = bridgeCalls.filter((call) => call === 'sendTyping').length;
  await page.getByRole('textbox', { name: 'Message' }).pressSequentially('draft');
  await expect.poll(() => bridgeCalls.filter((call) => call === 'sendTyping').length).toBeGreaterThan(before);
  await page.getByRole('textbox', { name: 'Message' }).fill('');
});

test('leave a conversation', async () => {
  await list().getByRole('option', { name: 'Sam Carter' }).click();
  await expect(page.getByRole('heading', { name: 'Sam Carter', level: 1 })).toBeVisible();
  await details().getByRole('button', { name: 'Leave conversation' }).click();
  await page.getByRole('dialog', { name: 'Leave this conversation?' }).getByRole('button', { name: 'Leave conversation' }).click();
  await expect(list().getByRole('option', { name: 'Sam Carter' })).toHaveCount(0);
  await expect(list().getByRole('option')).toHaveCount(4);
});
