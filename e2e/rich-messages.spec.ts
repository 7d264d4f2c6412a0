/**
 * What other ACS and Teams clients write, read through the UI: mentions in the ACS UI Library's and Teams'
 * formats, Teams emoji, Teams reply quotes and plain links; and replying, copying text and links. The other
 * side is the official SDK against the emulator; what Parley sends is checked on the service.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import {
  confirmOpensInBrowser,
  expect,
  expectNoSeriousAxeViolations,
  inEveryLanguageAndTheme,
  notificationsOf,
  openApp,
  recordNotifications,
  screenshot,
  type ServiceAndShell,
  signInWithToken,
  startServiceAndShell,
  test,
  waitForSync,
  watchForeignRequests,
} from './fixtures.ts';

test.describe.configure({ mode: 'serial' });

const ME = 'Alex Kim';
const TOPIC = 'Launch review';

let service: ServiceAndShell | undefined;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let bora: ChatUser;
let threadId = '';
let lunchId = '';
let foreignRequests: string[] = [];

test.beforeAll(async ({ browser }) => {
  service = await startServiceAndShell('parley-rich-');
  ({ emulator, shell, me } = service);
  bora = createChatUser(emulator);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write', 'notifications'], { origin: shell.origin });
  page = await context.newPage();
  await recordNotifications(page);
  foreignRequests = watchForeignRequests(page, shell.origin);
  await openApp(page, shell);
  await signInWithToken(page, { endpoint: emulator.endpoint, token: me.token, displayName: ME });
  await waitForSync(page);

  const { chatThread } = await bora.chat.createChatThread(
    { topic: TOPIC },
    {
      participants: [
        { id: { communicationUserId: me.userId }, displayName: ME },
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
      ],
    },
  );
  threadId = chatThread!.id;
  const thread = bora.chat.getChatThreadClient(threadId);
  const send = async (content: string, type: 'text' | 'html') => (await thread.sendMessage({ content }, { type, senderDisplayName: 'Bora Lee' })).id;
  lunchId = await send('Lunch at noon?', 'text');
  await send(`<p>Hi <msft-mention id="${me.userId}">${ME}</msft-mention>, the plan is at https://example.com/plan</p>`, 'html');
  await send(
    '<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">Chris Park</span> looks good <img itemscope="" itemtype="http://schema.skype.com/Emoji" itemid="smile" src="https://statics.teams.cdn.office.net/evergreen-assets/smile.png" alt="😀" title="Smile"></p>',
    'html',
  );
  await send('Mail bora@example.com or see www.example.org', 'text');
  await send(
    `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${lunchId}"><strong itemprop="mri" itemid="${bora.userId}">Bora Lee</strong><span itemprop="time" itemid="${lunchId}"></span><p itemprop="preview">Lunch at noon?</p></blockquote><p>Or 12:30 works too</p>`,
    'html',
  );
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await service?.stop();
});

function messages(): Locator {
  return page.getByRole('region', { name: 'Messages' });
}

/** A message by its text, in whatever language the page speaks. */
function article(text: string): Locator {
  return page.locator('article').filter({ hasText: text });
}

test('mentions, Teams emoji, reply quotes and plain links from other clients read as they should', async () => {
  await page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: TOPIC }).click();
  await expect(article('Or 12:30 works too')).toBeVisible();

  const mentionOfMe = article('the plan is at').locator('.mention');
  await expect(mentionOfMe).toHaveText(`@${ME}`);
  await expect(mentionOfMe).toHaveClass(/self/);
  await expect(article('the plan is at').getByRole('link', { name: 'https://example.com/plan' })).toHaveAttribute('href', 'https://example.com/plan');

  const teams = article('looks good');
  await expect(teams.locator('.mention')).toHaveText('@Chris Park');
  await expect(teams.locator('.mention')).not.toHaveClass(/self/);
  await expect(teams).toContainText('looks good 😀');
  await expect(teams.locator('img')).toHaveCount(0);
  await expect(messages().getByText('Images from the web are hidden.')).toHaveCount(0);

  const plain = article('Mail bora@example.com');
  await expect(plain.getByRole('link', { name: 'bora@example.com' })).toHaveAttribute('href', 'mailto:bora@example.com');
  await expect(plain.getByRole('link', { name: 'www.example.org' })).toHaveAttribute('href', 'http://www.example.org');

  const quote = article('Or 12:30 works too').getByRole('button', { name: /Bora Lee.*Lunch at noon\?/ });
  await expect(quote).toBeVisible();
  await quote.click();
  await expect(messages().getByRole('article', { name: /Found message/ })).toContainText('Lunch at noon?');
  expect(foreignRequests).toEqual([]);
});

test('reply to a message from its actions: sent as a Teams reply quote with the quoted id in metadata', async () => {
  const lunch = article('Lunch at noon?').first();
  await lunch.hover();
  await lunch.getByRole('button', { name: 'Reply' }).click();
  await expect(page.getByRole('group', { name: 'Replying to Bora Lee' })).toContainText('Lunch at noon?');
  const box = page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();
  await box.fill('Noon is <perfect> & fine');
  await box.press('Enter');
  await expect(page.getByRole('group', { name: 'Replying to Bora Lee' })).toHaveCount(0);
  const mine = article('Noon is <perfect> & fine');
  await expect(mine.getByRole('button', { name: /Bora Lee.*Lunch at noon\?/ })).toBeVisible();
  await expect(messages().getByText('Sending…')).toHaveCount(0);

  const sent = emulator.inspect.messages(threadId).filter((message) => message.senderId === me.userId);
  const reply = sent.at(-1)!;
  expect(reply.type).toBe('html');
  expect(reply.content.message).toContain(`<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${lunchId}">`);
  expect(reply.content.message).toContain('<p>Noon is &lt;perfect&gt; &amp; fine</p>');
  expect(reply.metadata).toMatchObject({ parleyReplyTo: lunchId });

  // Escape drops a reply that was started by mistake.
  await lunch.hover();
  await lunch.getByRole('button', { name: 'Reply' }).click();
  await box.press('Escape');
  await expect(page.getByRole('group', { name: 'Replying to Bora Lee' })).toHaveCount(0);
});

test('copy text and copy link', async () => {
  const mention = article('the plan is at');
  await mention.hover();
  await mention.getByRole('button', { name: 'Copy text' }).click();
  await expect(mention.getByRole('status')).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`Hi @${ME}, the plan is at https://example.com/plan`);

  await mention.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^parley://thread/[^/]+/${encodeURIComponent(threadId).replace(/[.]/g, '\\.')}/message/\\d+$`));
});

test('the actions are reachable by keyboard', async () => {
  const lunch = article('Lunch at noon?').first();
  await lunch.focus();
  await page.keyboard.press('Tab');
  await expect(lunch.getByRole('button', { name: 'Reply' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(lunch.getByRole('button', { name: 'Copy text' })).toBeFocused();
});

test('your own id is in the account menu, with a Copy button', async () => {
  await page.getByRole('button', { name: `Account: ${ME}` }).click();
  await expect(page.getByLabel('Your ID (others add you with it)')).toHaveText(me.userId);
  await page.getByRole('button', { name: 'Copy your ID' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(me.userId);
  await screenshot(page, 'account-menu-own-id-en-light');
  await page.keyboard.press('Escape');
});

test('a mention of you in a muted conversation notifies and is counted apart; other messages there stay quiet', async () => {
  const { chatThread } = await bora.chat.createChatThread(
    { topic: 'Muted room' },
    {
      participants: [
        { id: { communicationUserId: me.userId }, displayName: ME },
        { id: { communicationUserId: bora.userId }, displayName: 'Bora Lee' },
      ],
    },
  );
  const muted = chatThread!.id;
  const room = page.getByRole('listbox', { name: 'Conversations' }).getByRole('option', { name: /Muted room/ });
  await expect(room).toBeVisible();
  const accountId = await page.evaluate(async () => {
    const state = await window.parley!.getAccountState();
    return state.ok ? state.value.activeAccountId! : '';
  });
  await page.evaluate(({ accountId, threadId }) => window.parley!.setThreadMuted({ accountId, threadId, muted: true }), { accountId, threadId: muted });
  await expect(room.getByText('Muted', { exact: true })).toBeAttached();
  const before = (await notificationsOf(page)).length;

  const thread = bora.chat.getChatThreadClient(muted);
  await thread.sendMessage({ content: 'Nothing for you here' }, { senderDisplayName: 'Bora Lee' });
  await thread.sendMessage({ content: `<p>Can you check this, <msft-mention id="${me.userId}">${ME}</msft-mention>?</p>` }, { type: 'html', senderDisplayName: 'Bora Lee' });
  await expect.poll(async () => (await notificationsOf(page)).slice(before)).toEqual([{ title: 'Muted room', body: `Bora Lee: Can you check this, @${ME}?`, tag: muted }]);
  await expect(room.getByText('Unread mentions of you: 1')).toBeAttached();
  await expect(room.getByText('@1')).toBeVisible();
  await expect(room.getByText('2 unread')).toBeAttached();

  // With the setting off, a muted conversation stays silent even for mentions.
  await page.evaluate(() => window.parley!.updateSettings({ notifyMentionsWhenMuted: false }));
  await thread.sendMessage({ content: `<p><msft-mention id="${me.userId}">${ME}</msft-mention> again</p>` }, { type: 'html', senderDisplayName: 'Bora Lee' });
  await expect(room.getByText('Unread mentions of you: 2')).toBeAttached();
  expect((await notificationsOf(page)).slice(before)).toHaveLength(1);
  await page.evaluate(() => window.parley!.updateSettings({ notifyMentionsWhenMuted: true }));
  await screenshot(page, 'thread-list-mention-badge-en-light');
});

test('files shared by the UI Library show as cards, open in the browser after a confirmation, and are found by name', async () => {
  await page
    .getByRole('listbox', { name: 'Conversations' })
    .getByRole('option', { name: /Launch review/ })
    .click();
  const fileSharingMetadata = JSON.stringify([
    { id: 'f-1', name: 'Launch checklist.pdf', extension: 'pdf', url: 'https://files.example/launch-checklist.pdf' },
    { name: '<img src=x onerror=alert(1)>.txt', url: 'javascript:alert(1)' },
  ]);
  await bora.chat.getChatThreadClient(threadId).sendMessage({ content: 'Here is the checklist' }, { senderDisplayName: 'Bora Lee', metadata: { fileSharingMetadata } });
  const files = article('Here is the checklist').getByRole('list', { name: 'Attachments' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files).toContainText('Launch checklist.pdf');
  await expect(files).toContainText('files.example');

  await files.getByRole('button', { name: 'Open Launch checklist.pdf' }).click();
  const confirm = page.getByRole('dialog', { name: 'Open “Launch checklist.pdf”?' });
  await expect(confirm).toContainText('files.example');
  await screenshot(page, 'attachment-open-confirm-en-light');
  await confirmOpensInBrowser(page, confirm, 'Open in browser', 'https://files.example/launch-checklist.pdf', { contentType: 'application/pdf', body: '%PDF-1.4' });

  await page.keyboard.press('Control+f');
  await page.getByRole('combobox', { name: 'Search messages' }).fill('checklist.pdf');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toContainText('Here is the checklist');
  await page.keyboard.press('Escape');
});

test('screens: light and dark, English and Korean; axe clean', async () => {
  await inEveryLanguageAndTheme(page, async (language, theme) => {
    await article('Or 12:30').hover();
    await screenshot(page, `rich-messages-${language}-${theme}`);
    await expectNoSeriousAxeViolations(page, `rich messages, ${language}, ${theme}`);
  });
  await page.evaluate(() => window.parley!.updateSettings({ language: 'ko', theme: 'light' }));
  const lunch = article('Lunch at noon?').first();
  await lunch.hover();
  await lunch.getByRole('button', { name: '답장' }).click();
  await expect(page.getByRole('group', { name: 'Bora Lee님에게 답장' })).toBeVisible();
  await screenshot(page, 'rich-messages-reply-ko');
  await page.getByRole('button', { name: '답장 취소' }).click();
  await page.evaluate(() => window.parley!.updateSettings({ language: 'en', theme: 'system' }));
});
