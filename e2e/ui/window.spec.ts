/**
 * The window as a person sizes and reads it (issue 13): the frame at four widths, the message list
 * across a resize, and the everyday touches of the thread list and the conversation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp, serveRenderer, setTheme, shot } from './harness-page.ts';

serveRenderer();
// The fixed time of the harness (Thursday, 12 June 2025, 14:30) read in one zone, so the day names hold on any machine.
test.use({ timezoneId: 'UTC' });

const WIDTHS = [640, 800, 1280, 1920] as const;

async function box(page: Page, selector: string): Promise<{ x: number; width: number }> {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
}

/** The screenshot set (test-results/screens/): light and dark, back to light after. */
async function screensAtWidth(page: Page, name: string, language: 'en' | 'ko'): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `${name}-${theme}-${language}`, 'screens');
  }
  await setTheme(page, 'light');
}

test('the frame at 640, 800, 1280 and 1920 px: the details panel never squeezes the conversation', async ({ page }) => {
  await openApp(page);
  await page.getByRole('option', { name: 'Launch plan — Q3' }).click();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  const details = page.getByRole('complementary', { name: 'Conversation details' });
  const title = page.getByRole('heading', { name: 'Launch plan — Q3', level: 1 });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(details).toBeVisible();
    const conversation = await box(page, 'main.conversation');
    const panel = await box(page, 'aside.details');
    // Readable: the whole topic fits, and the conversation keeps at least 320 px.
    expect(conversation.width, `conversation at ${width}px`).toBeGreaterThanOrEqual(320);
    expect(await title.evaluate((heading) => heading.scrollWidth <= heading.clientWidth), `topic at ${width}px`).toBe(true);
    expect(panel.x + panel.width, `details inside the window at ${width}px`).toBeLessThanOrEqual(width);
    if (width >= 1100) expect(panel.x, `details beside the conversation at ${width}px`).toBeGreaterThanOrEqual(conversation.x + conversation.width - 1);
    else expect(panel.x, `details over the conversation at ${width}px`).toBeLessThan(conversation.x + conversation.width);
    await screensAtWidth(page, `frame-${width}-details`, 'en');
  }
  await expectNoAxeViolations(page, 'details over the conversation');
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await expect(details).toHaveCount(0);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    // The composer's hint ("Message <topic>") keeps to its one line, never a second one cut in half.
    const composer = page.getByRole('textbox', { name: 'Message' });
    expect(await composer.evaluate((box) => box.scrollHeight <= box.clientHeight), `composer hint at ${width}px`).toBe(true);
    const rows = await page
      .getByRole('toolbar', { name: 'Formatting' })
      .getByRole('button')
      .evaluateAll((buttons) => new Set(buttons.map((button) => Math.round(button.getBoundingClientRect().top))).size);
    expect(rows, `composer toolbar on one line at ${width}px`).toBe(1);
    await screensAtWidth(page, `frame-${width}-thread`, 'en');
  }
});

test('the frame in Korean, whose labels run to other lengths, at the four widths', async ({ page }) => {
  await openApp(page, { settings: { language: 'ko' } });
  await page.getByRole('option', { name: 'Launch plan — Q3' }).click();
  await page.getByRole('button', { name: '대화 정보' }).click();
  await expect(page.getByRole('complementary', { name: '대화 정보' })).toBeVisible();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    expect((await box(page, 'main.conversation')).width, `conversation at ${width}px in Korean`).toBeGreaterThanOrEqual(320);
    await screensAtWidth(page, `frame-${width}-details`, 'ko');
  }
  await page.getByRole('button', { name: '대화 정보', exact: true }).click();
  await expect(page.getByRole('complementary', { name: '대화 정보' })).toHaveCount(0);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await screensAtWidth(page, `frame-${width}-thread`, 'ko');
  }
});

test('a narrow window folds the sidebar away and back; Escape closes the details over the conversation', async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 640, height: 800 });
  await page.getByRole('option', { name: 'Design review' }).click();
  const toggle = page.getByRole('button', { name: 'Conversation list' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  expect((await box(page, 'main.conversation')).width).toBe(640);
  await setTheme(page, 'dark');
  await shot(page, 'frame-640-folded-dark-en');
  await setTheme(page, 'light');
  await toggle.click();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();

  await page.getByRole('button', { name: 'Conversation details' }).click();
  const details = page.getByRole('complementary', { name: 'Conversation details' });
  await details.getByRole('textbox', { name: 'Topic' }).focus();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  // A wide window shows everything and offers no fold.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(toggle).toHaveCount(0);
});

test('resizing at the bottom of a thread keeps the newest message in view; elsewhere "Jump to newest" shows', async ({ page }) => {
  await openApp(page);
  await page.getByRole('option', { name: 'Design review' }).click();
  const messages = page.getByRole('region', { name: 'Messages' });
  const newest = messages.getByText('This message was deleted.');
  await expect(newest).toBeInViewport();
  for (const [width, height] of [
    [640, 480],
    [1920, 1000],
    [800, 420],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(newest, `${width}×${height}`).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Jump to newest' })).toHaveCount(0);
  }

  await messages.evaluate((list) => list.scrollBy(0, -400));
  await expect(page.getByRole('button', { name: 'Jump to newest' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 600 });
  await expect(newest).not.toBeInViewport();
  await expect(page.getByRole('button', { name: 'Jump to newest' })).toBeVisible();
});

test('names and structure: "(optional)" apart from its label, day separators under the h1 in order, ArrowUp from the newest message', async ({ page }) => {
  await openApp(page, { signedIn: false });
  await expect(page.getByRole('textbox', { name: 'Token refresh URL (optional)', exact: true })).toBeAttached();

  await page.getByRole('button', { name: 'Start local demo' }).click();
  await page.getByRole('option', { name: 'Launch plan — Q3' }).click();
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByRole('heading', { level: 2 }).first()).toBeVisible();
  const order = await new AxeBuilder({ page }).withRules(['heading-order']).analyze();
  expect(order.violations.map((violation) => violation.nodes.map((node) => node.target.join(' ')))).toEqual([]);

  await messages.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveAttribute('data-message-id', 't-launch-m3');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(':focus')).toHaveAttribute('data-message-id', 't-launch-m2');
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveAttribute('data-message-id', 't-launch-m1');
});

test('times: Today / Yesterday / weekday / date above messages; a compact time, weekday or short date in the thread list', async ({ page }) => {
  await openApp(page);
  const list = page.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option', { name: 'Design review' }).locator('time')).toHaveText('2:25 PM');
  await expect(list.getByRole('option', { name: 'Lunch crew' }).locator('time')).toHaveText('Mon');
  await expect(list.getByRole('option', { name: 'Minji Kim' }).locator('time')).toHaveText('Jun 3');

  await list.getByRole('option', { name: 'Design review' }).click();
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
  await messages.evaluate((region) => region.scrollTo(0, 0));
  await expect(messages.getByRole('heading', { name: 'Yesterday', level: 2 })).toBeVisible();

  await list.getByRole('option', { name: 'Minji Kim' }).click();
  await expect(messages.getByRole('heading', { name: 'Tuesday, June 3, 2025', level: 2 })).toBeVisible();
  await list.getByRole('option', { name: 'Lunch crew' }).click();
  await expect(messages.getByRole('heading', { name: 'Monday', level: 2 })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: '메시지' }).getByRole('heading', { name: '월요일', level: 2 })).toBeVisible();
  await expect(page.getByRole('listbox', { name: '대화' }).getByRole('option', { name: 'Design review' }).locator('time')).toHaveText('오후 2:25');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `times-${theme}-ko`);
  }
});

test('avatars: a person has one colour everywhere; a Hangul name shows one syllable', async ({ page }) => {
  await openApp(page);
  await page.getByRole('option', { name: 'Design review' }).click();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  const background = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
  const inMessages = await background('article[aria-label^="Minji Kim"] .avatar');
  const inDetails = await background('aside.details li:has-text("Minji Kim") .avatar');
  expect(inDetails).toBe(inMessages);
  expect(await background('article[aria-label^="Alex Morgan"] .avatar')).toBe(await background('aside.details li:has-text("Alex Morgan") .avatar'));
  expect(await background('article[aria-label^="Alex Morgan"] .avatar')).not.toBe(inMessages);

  const details = page.getByRole('complementary', { name: 'Conversation details' });
  await details.getByRole('button', { name: 'Add people' }).click();
  await details.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill('8:acs:dahye');
  await details.getByRole('textbox', { name: 'Display name (Person 1)' }).fill('이다혜');
  await details.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('aside.details li:has-text("이다혜") .avatar')).toHaveText('이');
  await expect(page.locator('aside.details li:has-text("Joon Park") .avatar')).toHaveText('JP');
});

test('adding someone already in the conversation says so, and adds nobody', async ({ page }) => {
  await openApp(page);
  await page.getByRole('option', { name: 'Design review' }).click();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  const details = page.getByRole('complementary', { name: 'Conversation details' });
  await details.getByRole('button', { name: 'Add people' }).click();
  await details.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill('8:acs:minji');
  await details.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(details.getByRole('status')).toHaveText('Minji Kim is already in this conversation.');
  await expect(details.getByText(/^Added/)).toHaveCount(0);
  expect(await page.evaluate(() => window.__fake!.calls.some((call) => call.method === 'addParticipants'))).toBe(false);

  await details.getByRole('combobox', { name: 'Name or user ID (Person 1)' }).fill('8:acs:priya');
  await details.getByRole('button', { name: 'Add another person' }).click();
  await details.getByRole('combobox', { name: 'Name or user ID (Person 2)' }).fill('8:acs:joon');
  await details.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(details.getByRole('status')).toContainText('Added 1 person.');
  await expect(details.getByRole('status')).toContainText('Joon Park is already in this conversation.');
});

test('one’s own name on older messages stays after another account with another name is added', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Account: Alex Morgan/ }).click();
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('textbox', { name: 'User access token' }).fill('good-token');
  await page.getByRole('textbox', { name: 'Endpoint' }).fill('https://contoso.example');
  await page.getByRole('textbox', { name: 'Your display name' }).fill('Sasha Work');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: /Account: Sasha Work/ })).toBeVisible();
  // A notification opens a conversation of the first account while the second is active.
  await page.evaluate(() => window.__fake!.emit('open-thread', { accountId: 'acc-demo', threadId: 't-design' }));
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByRole('article', { name: /^Alex Morgan, / }).first()).toBeVisible();
  await expect(messages.getByRole('article', { name: /^Sasha Work, / })).toHaveCount(0);
});

test('a topic change offline says once that it needs the service, and keeps the new topic', async ({ page }) => {
  await openApp(page);
  await page.getByRole('option', { name: 'Design review' }).click();
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await page.evaluate(() => window.__fake!.setOffline(true));
  const details = page.getByRole('complementary', { name: 'Conversation details' });
  await details.getByRole('textbox', { name: 'Topic' }).fill('Design review — final');
  await details.getByRole('button', { name: 'Save topic' }).click();
  const alerts = details.getByRole('alert');
  await expect(alerts).toHaveCount(1);
  await expect(alerts).toHaveText('Changing the topic needs the service, which cannot be reached now. Your new topic stays here: save it again once you are back online.');
  await expect(details.getByText(/keep trying/)).toHaveCount(0);
  await expect(details.getByRole('textbox', { name: 'Topic' })).toHaveValue('Design review — final');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `topic-offline-${theme}-en`);
  }
});

test('message text: "(edited)" after the last line, emoji-only messages larger, lines of a readable length on a wide window', async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1920, height: 1000 });
  await page.getByRole('option', { name: 'Design review' }).click();
  const edited = page.locator('article', { hasText: 'Edited the copy on the empty states' });
  const bodyBox = await edited.locator('.body').boundingBox();
  const markBox = await edited.locator('.edited').boundingBox();
  if (!bodyBox || !markBox) throw new Error('the edited message is not on screen');
  // On the text's last line, not below it.
  expect(markBox.y + markBox.height / 2).toBeLessThan(bodyBox.y + bodyBox.height);
  expect(markBox.x).toBeGreaterThan(bodyBox.x);

  await page.evaluate(() => window.__fake!.receive('t-design', '🎉'));
  const fontSize = (locator: ReturnType<Page['locator']>) => locator.evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  const emoji = page.locator('article', { hasText: '🎉' }).locator('.body');
  await expect(emoji).toBeVisible();
  expect(await fontSize(emoji)).toBeGreaterThan(1.8 * (await fontSize(edited.locator('.body'))));
  expect(await fontSize(page.locator('article', { hasText: 'Otherwise ready to ship' }).locator('.body'))).toBe(await fontSize(edited.locator('.body')));

  // About 80 characters a line at most, however wide the window.
  const longest = await page.locator('article .content').evaluateAll((elements) => Math.max(...elements.map((element) => element.getBoundingClientRect().width)));
  expect(longest).toBeLessThanOrEqual(48 * 15);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `messages-1920-${theme}-en`);
  }
});

test('starting the demo shows its progress until the conversations are there', async ({ page }) => {
  await openApp(page, { signedIn: false, delays: { startLocalDemo: 4000 } });
  await page.getByRole('button', { name: 'Start local demo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Starting the local demo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start local demo' })).toBeDisabled();
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await shot(page, `demo-starting-${theme}-en`);
  }
  await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option')).toHaveCount(6);
});

test('thread previews: "You: …" for one’s own last message, the writer’s name for others', async ({ page }) => {
  await openApp(page);
  const list = page.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option', { name: 'Lunch crew' })).toHaveAccessibleDescription(/^You: Yes please/);
  await expect(list.getByRole('option', { name: 'Launch plan — Q3' })).toHaveAccessibleDescription(/^Priya: Can someone confirm the deploy window\?/);
  await page.evaluate(() => window.__fake!.receive('t-lunch', 'Ramen then', '8:acs:sam'));
  await expect(list.getByRole('option', { name: 'Lunch crew' })).toHaveAccessibleDescription(/^Sam: Ramen then/);
});
