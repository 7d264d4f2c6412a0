/**
 * Every main screen against the real backend (the local demo the shell runs), in light and dark,
 * English and Korean: a screenshot of each under test-results/screens/, and axe on each with no
 * serious or critical violation.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { en } from '../src-renderer/src/lib/i18n/en.ts';
import { ko } from '../src-renderer/src/lib/i18n/ko.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { expect, expectNoSeriousAxeViolations, openApp, screenshot, startShell, tempDir, test, waitForSync } from './fixtures.ts';

test.describe.configure({ mode: 'serial' });
// Tracing records every axe injection (a large script) and would double this file's time.
test.use({ trace: 'off' });

type Language = 'en' | 'ko';
type Theme = 'light' | 'dark';
const TEXT = { en, ko } satisfies Record<Language, Record<keyof typeof en, unknown>>;
const THEMES: readonly Theme[] = ['light', 'dark'];
const THREAD = 'Launch planning — v2.0';
/** A word of the demo's history in each language, for the search screen. */
const QUERY: Record<Language, string> = { en: 'announcement', ko: '간식' };

let root: ReturnType<typeof tempDir>;
let shell: RunningShell;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  root = tempDir('parley-screens-');
  shell = await startShell(root.path);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await openApp(page, shell);
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined); // a failed trace save must not leave the shell running
  await shell?.stop();
  root?.remove();
});

/**
 * Screenshot and axe in both themes: every WCAG A/AA rule in light, and in dark the rule a theme
 * can break (colour contrast), which keeps this file's time in check.
 */
async function capture(name: string, language: Language): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await screenshot(page, `${name}-${theme}-${language}`);
    await expectNoSeriousAxeViolations(page, `${name} ${theme} ${language}`, theme === 'dark' ? ['color-contrast'] : undefined);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('welcome, in English and Korean', async () => {
  await expect(page.getByRole('heading', { name: en['welcome.title'] })).toBeVisible();
  await capture('welcome', 'en');
  await page.getByLabel(en['language.label']).selectOption('ko');
  await expect(page.getByRole('heading', { name: ko['welcome.title'] })).toBeVisible();
  await capture('welcome', 'ko');
  await page.getByLabel(ko['language.label']).selectOption('en');
  await page.getByRole('button', { name: en['welcome.demo.button'] }).click();
  await waitForSync(page);
});

for (const language of ['en', 'ko'] as const) {
  test(`the app's screens in ${language === 'en' ? 'English' : 'Korean'}`, async () => {
    const t = TEXT[language];
    // The language is a setting: chosen in the Settings dialog.
    await page
      .getByRole('button', { name: TEXT[language === 'en' ? 'ko' : 'en']['settings.open'] })
      .or(page.getByRole('button', { name: t['settings.open'] }))
      .first()
      .click();
    await page
      .getByRole('dialog')
      .getByRole('combobox', { name: /^(Language|언어)$/ })
      .selectOption(language);
    await expect(page.getByRole('dialog', { name: t['settings.title'] })).toBeVisible();
    await capture('settings', language);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Thread list and a conversation.
    await page.getByRole('listbox', { name: t['threads.label'] }).getByRole('option', { name: THREAD }).click();
    const messages = page.getByRole('region', { name: t['messages.label'] });
    await expect(messages.getByRole('article').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: THREAD, level: 1 })).toBeVisible();
    await capture('conversation', language);

    // Details.
    await page.getByRole('button', { name: t['conversation.details'] }).click();
    await expect(page.getByRole('complementary', { name: t['details.title'] }).getByRole('listitem').first()).toBeVisible();
    await capture('details', language);
    await page.getByRole('button', { name: t['details.close'] }).click();

    // Search.
    await page.keyboard.press('Control+f');
    const search = page.getByRole('dialog', { name: t['search.title'] });
    await search.getByRole('combobox', { name: t['search.input'] }).fill(QUERY[language]);
    await expect(search.getByRole('listbox', { name: t['search.results'] }).getByRole('option').first()).toBeVisible();
    await capture('search', language);
    await page.keyboard.press('Escape');

    // New conversation.
    await page.getByRole('button', { name: t['threads.new'] }).click();
    await expect(page.getByRole('dialog', { name: t['newThread.title'] })).toBeVisible();
    await capture('new-thread', language);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
}
