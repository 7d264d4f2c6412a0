/**
 * The rich text composer against the emulator, through the browser shell: formatting by shortcut, toolbar
 * and markdown-style input rules arrives on the service as the exact HTML; unformatted text as plain text;
 * a mention as `<msft-mention id>`; emoji from the picker and from `:shortcode:`; Up arrow edits one's last
 * message; a formatted draft survives a reload; Korean input-method composition never sends; pasted hostile
 * HTML runs nothing and fetches nothing. The other side is the official SDK.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Emulator } from '../emulator/index.ts';
import { createChatUser, type ChatUser } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { en } from '../src-renderer/src/lib/i18n/en.ts';
import { ko } from '../src-renderer/src/lib/i18n/ko.ts';
import {
  expect,
  expectNoSeriousAxeViolations,
  openApp,
  screenshot,
  type ServiceAndShell,
  signInWithToken,
  startServiceAndShell,
  test,
  waitForSync,
  watchForeignRequests,
} from './fixtures.ts';
import { ALLOWED_TAGS } from '../src-renderer/src/lib/messages/sanitize-policy.ts';
import { hostilePayloads } from './hostile-content.ts';

test.describe.configure({ mode: 'serial' });

const ME = 'Alex Kim';
const TOPIC = 'Composer checks';

let service: ServiceAndShell | undefined;
let emulator: Emulator;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;
let me: { userId: string; token: string };
let bora: ChatUser;
let threadId = '';
let foreignRequests: string[] = [];

test.beforeAll(async ({ browser }) => {
  service = await startServiceAndShell('parley-composer-');
  ({ emulator, shell, me } = service);
  bora = createChatUser(emulator);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  foreignRequests = watchForeignRequests(page, shell.origin);
  await page.addInitScript(() => {
    const executed: string[] = [];
    Object.assign(window, { __executed: executed, __canary: (id: string) => executed.push(id), alert: () => executed.push('alert') });
  });
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
  await bora.chat.getChatThreadClient(threadId).sendMessage({ content: 'Ready when you are' }, { senderDisplayName: 'Bora Lee' });
  await openThread();
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await service?.stop();
});

async function openThread(): Promise<void> {
  await page
    .getByRole('listbox', { name: /^(Conversations|대화)$/ })
    .getByRole('option', { name: TOPIC })
    .click();
  await expect(page.getByRole('heading', { name: TOPIC, level: 1 })).toBeVisible();
}

function box(label: string = en['composer.label']): Locator {
  return page.getByRole('textbox', { name: label, exact: true });
}

/** What this user's messages are on the service, oldest first: [type, content]. */
function sentByMe(): Array<[string, string]> {
  return emulator.inspect
    .messages(threadId)
    .filter((message) => message.senderId === me.userId && (message.type === 'text' || message.type === 'html') && message.deletedMs === null)
    .map((message) => [message.type, message.content.message ?? '']);
}

/**
 * What in the HTML the message allowlist does not allow, as the page's DOM parses it: elements, links and
 * attributes; in the editor's own DOM (`editor`), its bookkeeping attributes pass, but nothing active or styled.
 */
function unsafeParts(html: string, where: 'sent' | 'editor'): Promise<string[]> {
  return page.evaluate(
    ({ html, allowed, where }) => {
      const template = document.createElement('template');
      template.innerHTML = html;
      const found: string[] = [];
      for (const element of template.content.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        if (!allowed.includes(tag) || tag === 'img') found.push(tag);
        for (const { name, value } of element.attributes) {
          const allowedHere =
            name === 'href'
              ? /^(https?|mailto):/i.test(value)
              : (name === 'id' && tag === 'msft-mention') || (where === 'editor' && !name.startsWith('on') && name !== 'style' && name !== 'src');
          if (!allowedHere) found.push(`${tag}[${name}=${value}]`);
        }
      }
      return found;
    },
    { html, allowed: [...ALLOWED_TAGS, 'msft-mention'] as string[], where },
  );
}

async function sendAndExpect(expected: [string, string]): Promise<void> {
  const before = sentByMe().length;
  await box().press('Enter');
  await expect.poll(sentByMe).toHaveLength(before + 1);
  expect(sentByMe().at(-1)).toEqual(expected);
  await expect(box()).toHaveText('', { useInnerText: true });
}

test('unformatted text goes as text; shortcuts and input rules go as the exact HTML', async () => {
  await box().pressSequentially('Plain words, <b>not</b> markup');
  await sendAndExpect(['text', 'Plain words, <b>not</b> markup']);

  await box().pressSequentially('line one');
  await box().press('Shift+Enter');
  await box().pressSequentially('line two');
  await sendAndExpect(['text', 'line one\nline two']);

  await box().pressSequentially('Ship ');
  for (const [keys, word] of [
    ['Control+b', 'it'],
    ['Control+i', 'now'],
    ['Control+Shift+x', 'later'],
    ['Control+e', 'npm test'],
  ] as const) {
    await box().press(keys);
    await box().pressSequentially(word);
    await box().press(keys);
    await box().pressSequentially(' ');
  }
  await sendAndExpect(['html', '<p>Ship <strong>it</strong> <em>now</em> <s>later</s> <code>npm test</code> </p>']);

  await box().pressSequentially('**bold** and *italic* and `code` and ~~gone~~');
  await sendAndExpect(['html', '<p><strong>bold</strong> and <em>italic</em> and <code>code</code> and <s>gone</s></p>']);

  await box().pressSequentially('- one');
  await box().press('Shift+Enter');
  await box().pressSequentially('two');
  await box().press('Shift+Enter');
  await box().press('Shift+Enter'); // an empty item ends the list
  await box().pressSequentially('1. first');
  await box().press('Shift+Enter');
  await box().press('Shift+Enter');
  await box().pressSequentially('> quoted');
  await sendAndExpect(['html', '<ul><li><p>one</p></li><li><p>two</p></li></ul><ol><li><p>first</p></li></ol><blockquote><p>quoted</p></blockquote>']);

  await box().pressSequentially('``` let x = 1');
  await box().press('Shift+Enter');
  await box().pressSequentially('x += 1');
  await sendAndExpect(['html', '<pre><code>let x = 1\nx += 1</code></pre>']);

  // Ctrl+K over selected text asks for the address; a bare host is taken as https.
  await box().pressSequentially('read the docs');
  for (let step = 0; step < 4; step += 1) await box().press('Shift+ArrowLeft');
  await box().press('Control+k');
  const address = page.getByRole('textbox', { name: en['composer.linkAddress'] });
  await expect(address).toBeFocused();
  await address.fill('javascript:alert(1)');
  await address.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: en['composer.linkInvalid'] })).toBeVisible();
  await address.fill('example.com/docs');
  await address.press('Enter');
  await expect(box()).toBeFocused();
  await sendAndExpect(['html', '<p>read the <a href="https://example.com/docs">docs</a></p>']);

  // What was sent reads back formatted.
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(messages.locator('pre code')).toHaveText('let x = 1\nx += 1');
  await expect(messages.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/docs');
  // Ctrl+K with nothing selected is still the quick switcher.
  await box().press('Control+k');
  await expect(page.getByRole('dialog').getByRole('combobox')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a mention picked after @ reaches the service as <msft-mention id> and reads as @Name', async () => {
  await box().click();
  await box().pressSequentially('Thanks @Bo');
  const people = page.getByRole('listbox', { name: en['composer.mentions'] });
  await expect(people.getByRole('option', { name: 'Bora Lee', exact: true })).toBeVisible();
  await expect(people.getByRole('option', { name: ME })).toHaveCount(0); // not oneself
  await box().press('Enter');
  await box().pressSequentially('see you');
  await sendAndExpect(['html', `<p>Thanks <msft-mention id="${bora.userId}">Bora Lee</msft-mention> see you</p>`]);
  await expect(page.getByRole('region', { name: 'Messages' }).locator('.mention', { hasText: '@Bora Lee' })).toBeVisible();
  // The other side, through the official SDK, gets the same markup.
  const seen: string[] = [];
  for await (const message of bora.chat.getChatThreadClient(threadId).listMessages()) if (message.senderDisplayName === ME) seen.push(message.content?.message ?? '');
  expect(seen).toContain(`<p>Thanks <msft-mention id="${bora.userId}">Bora Lee</msft-mention> see you</p>`);
});

test('emoji from :shortcode: and from the picker, with nothing fetched from elsewhere', async () => {
  await box().pressSequentially(':tada');
  const matches = page.getByRole('listbox', { name: en['composer.shortcodes'] });
  await expect(matches.getByRole('option').first()).toContainText(':tada:');
  await box().press('Enter');
  await expect(matches).toHaveCount(0);
  await page.getByRole('button', { name: en['composer.emoji'] }).click();
  const picker = page.getByRole('dialog', { name: en['composer.emoji'] });
  await picker.getByRole('combobox', { name: en['composer.emojiSearch'] }).fill('thumbsup');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(box()).toBeFocused();
  await sendAndExpect(['text', '🎉👍']);
  expect(foreignRequests).toEqual([]);
});

test('Up arrow in the empty composer edits my last message; Escape cancels the edit', async () => {
  await box().click();
  await box().press('ArrowUp');
  const editor = page.getByRole('textbox', { name: en['messages.editLabel'] });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('🎉👍');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await box().click();
  await box().press('ArrowUp');
  await editor.fill('🎉 done');
  await editor.press('Enter');
  await expect.poll(() => sentByMe().at(-1)).toEqual(['text', '🎉 done']);
  // With text in the box, Up arrow stays in the text.
  await box().click();
  await box().pressSequentially('a');
  await box().press('ArrowUp');
  await expect(editor).toHaveCount(0);
  await box().press('Control+a');
  await box().press('Delete');
  await expect(box()).toHaveText('', { useInnerText: true });
});

test('a formatted draft survives a reload', async () => {
  await box().click();
  await box().pressSequentially('Draft with ');
  await box().press('Control+b');
  await box().pressSequentially('bold');
  await box().press('Control+b');
  const accountId = await page.evaluate(async () => {
    const state = await window.parley!.getAccountState();
    return state.ok ? state.value.activeAccountId : null;
  });
  await expect
    .poll(() => page.evaluate(async (ref) => JSON.stringify(await window.parley!.getDraft(ref)), { accountId: accountId!, threadId }))
    .toBe(JSON.stringify({ ok: true, value: { text: '<p>Draft with <strong>bold</strong></p>', format: 'html' } }));
  await page.reload();
  await openThread();
  await expect(box().locator('strong')).toHaveText('bold');
  await expect(box()).toHaveText('Draft with bold');
  await sendAndExpect(['html', '<p>Draft with <strong>bold</strong></p>']);
});

test('Korean: the composer speaks Korean, and input-method composition never sends', async () => {
  await page.evaluate(() => window.parley!.updateSettings({ language: 'ko' }));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  const korean = box(ko['composer.label']);
  await expect(page.getByRole('toolbar', { name: ko['composer.toolbar'] }).getByRole('button', { name: ko['composer.bold'], exact: true })).toBeVisible();
  await korean.click();
  const cdp = await context.newCDPSession(page);
  const before = sentByMe().length;
  await cdp.send('Input.imeSetComposition', { text: 'ㅇ', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '안', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '안녕', selectionStart: 2, selectionEnd: 2 });
  // The Enter that ends a syllable belongs to the input method.
  await korean.evaluate((element) =>
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true })),
  );
  await cdp.send('Input.insertText', { text: '안녕' });
  await expect(korean).toHaveText('안녕');
  await korean.pressSequentially('하세요 @보');
  expect(sentByMe()).toHaveLength(before);
  // Korean names are found by their syllables too (none here is Korean: the list stays closed, Enter sends).
  await expect(page.getByRole('listbox', { name: ko['composer.mentions'] })).toHaveCount(0);
  await korean.press('Backspace');
  await korean.press('Backspace');
  await korean.press('Backspace');
  await korean.press('Enter');
  await expect.poll(sentByMe).toHaveLength(before + 1);
  expect(sentByMe().at(-1)).toEqual(['text', '안녕하세요']);
  await expect(page.getByText(ko['composer.hint'])).toBeVisible();
});

test('screens: the composer with formatting and a mention list, light and dark, English and Korean; axe clean', async () => {
  for (const language of ['en', 'ko'] as const) {
    const strings = language === 'ko' ? ko : en;
    await page.evaluate((language) => window.parley!.updateSettings({ language }), language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const composer = box(strings['composer.label']);
    await composer.click();
    await composer.pressSequentially(language === 'ko' ? '**중요** 확인 부탁해요 @Bo' : '**Important** please check @Bo');
    await expect(page.getByRole('listbox', { name: strings['composer.mentions'] })).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((theme) => window.parley!.updateSettings({ theme }), theme);
      await screenshot(page, `composer-${language}-${theme}`);
      await expectNoSeriousAxeViolations(page, `composer, ${language}, ${theme}`);
    }
    await composer.press('Escape');
    await composer.press('Control+a');
    await composer.press('Delete');
  }
  await page.evaluate(() => window.parley!.updateSettings({ language: 'en', theme: 'system' }));
});

test('pasted hostile HTML keeps safe formatting only: nothing runs, nothing is fetched, nothing unsafe is sent', async () => {
  const payloads = hostilePayloads();
  expect(payloads.length).toBeGreaterThanOrEqual(100);
  await box().click();
  const before = sentByMe().length;
  for (const payload of payloads) {
    await box().evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', `<b>safe</b> ${html}`);
      data.setData('text/plain', 'safe');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, payload.text);
  }
  await expect(box().locator('strong').first()).toContainText('safe');
  expect(await unsafeParts(await box().innerHTML(), 'editor')).toEqual([]);
  await box().press('Enter');
  await expect.poll(sentByMe).toHaveLength(before + 1);
  const [type, content] = sentByMe().at(-1)!;
  expect(type).toBe('html');
  expect(await unsafeParts(content, 'sent')).toEqual([]);
  // The message shows (read back through the reading sanitiser) with its safe part.
  await expect(page.getByRole('region', { name: 'Messages' }).locator('article').last()).toContainText('safe');
  expect(await page.evaluate(() => (window as unknown as { __executed: string[] }).__executed)).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
