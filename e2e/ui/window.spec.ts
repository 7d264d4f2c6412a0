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
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      await shot(page, `frame-${width}-details-${theme}-en`);
    }
    await setTheme(page, 'light');
  }
  await expectNoAxeViolations(page, 'details over the conversation');
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
  await details.getByRole('textbox', { name: 'User ID (Person 1)' }).fill('8:acs:dahye');
  await details.getByRole('textbox', { name: 'Display name (Person 1)' }).fill('이다혜');
  await details.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.locator('aside.details li:has-text("이다혜") .avatar')).toHaveText('이');
  await expect(page.locator('aside.details li:has-text("Joon Park") .avatar')).toHaveText('JP');
});
