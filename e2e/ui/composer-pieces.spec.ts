/**
 * The composer on its own against the fake bridge: the formatting toolbar, the mention list, `:shortcode:`
 * completion and the emoji picker, in English and Korean, light and dark, with axe and screenshots.
 * What reaches the service is checked against the emulator in e2e/composer.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { en } from '../../src-renderer/src/lib/i18n/en.ts';
import { ko } from '../../src-renderer/src/lib/i18n/ko.ts';
import { expectNoAxeViolations, openApp, pageErrors, serveRenderer, setTheme, shot } from './harness-page.ts';

serveRenderer();
// Each step is checked with axe in two themes: slow on a shared machine, not a measure of anything.
test.describe.configure({ timeout: 300_000 });

const STRINGS = { en, ko } as const;

async function shoot(page: Page, name: string, language: 'en' | 'ko'): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await expectNoAxeViolations(page, `${name} ${theme} ${language}`);
    await shot(page, `composer-${name}-${theme}-${language}`);
  }
  await setTheme(page, 'light');
}

function lastSend(page: Page): Promise<{ content: string; type: string } | undefined> {
  return page.evaluate(() => window.__fake!.calls.filter((call) => call.method === 'sendMessage').at(-1)?.input as { content: string; type: string } | undefined);
}

for (const language of ['en', 'ko'] as const) {
  test(`composer pieces in ${language}: toolbar, mentions, shortcodes, emoji picker`, async ({ page }) => {
    const t = STRINGS[language];
    await openApp(page, { settings: { language } });
    await page.getByRole('option', { name: 'Design review' }).click();
    const box = page.getByRole('textbox', { name: t['composer.label'] });
    await expect(box).toBeFocused();
    const toolbar = page.getByRole('toolbar', { name: t['composer.toolbar'] });
    const bold = toolbar.getByRole('button', { name: t['composer.bold'], exact: true });

    // The toolbar shows the format at the caret; its titles name the shortcut.
    await expect(bold).toHaveAttribute('title', `${t['composer.bold']} (Ctrl+B)`);
    await box.pressSequentially(language === 'ko' ? '계획: ' : 'Plan: ');
    await bold.click();
    await expect(bold).toHaveAttribute('aria-pressed', 'true');
    await box.pressSequentially(language === 'ko' ? '금요일 출시' : 'ship Friday');
    await box.press('Shift+Enter');
    await box.pressSequentially('- ');
    await expect(toolbar.getByRole('button', { name: t['composer.bulletList'] })).toHaveAttribute('aria-pressed', 'true');
    await box.pressSequentially(language === 'ko' ? '체크리스트 검토' : 'review the checklist');
    await shoot(page, 'toolbar', language);

    // The toolbar is one Tab stop; arrow keys move along it.
    await bold.focus();
    await page.keyboard.press('ArrowRight');
    await expect(toolbar.getByRole('button', { name: t['composer.italic'] })).toBeFocused();
    await box.click();
    await box.press('Control+a');
    await box.press('Delete');

    // @ opens the thread's people; the editor points at the highlighted one.
    await box.pressSequentially('@Min');
    const people = page.getByRole('listbox', { name: t['composer.mentions'] });
    await expect(people.getByRole('option')).toHaveCount(1);
    await expect(people.getByRole('option', { name: 'Minji Kim', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', /mentions-0$/);
    await shoot(page, 'mention-list', language);
    await box.press('Enter');
    await expect(people).toHaveCount(0);
    await expect(box.locator('[data-type="mention"]')).toHaveText('@Minji Kim');

    // :shortcode completion.
    await box.pressSequentially(':tad');
    const matches = page.getByRole('listbox', { name: t['composer.shortcodes'] });
    await expect(matches.getByRole('option').first()).toHaveText(/🎉\s*:tada:/);
    await shoot(page, 'shortcodes', language);
    await box.press('Tab');
    await expect(matches).toHaveCount(0);
    await expect(box).toContainText('🎉');

    // The emoji picker: the everyday emoji first, then a search; Enter picks and gives the focus back.
    const emojiButton = toolbar.getByRole('button', { name: t['composer.emoji'] });
    await emojiButton.click();
    await expect(emojiButton).toHaveAttribute('aria-expanded', 'true');
    const picker = page.getByRole('dialog', { name: t['composer.emoji'] });
    const search = picker.getByRole('combobox', { name: t['composer.emojiSearch'] });
    await expect(search).toBeFocused();
    await expect(picker.getByRole('option', { name: 'Thumbs Up' })).toHaveAttribute('aria-selected', 'true');
    await shoot(page, 'emoji-picker', language);
    await search.fill('rocket');
    await expect(picker.getByRole('option').first()).toHaveAccessibleName('Rocket');
    await search.fill('zzzz');
    await expect(picker.getByText(t['composer.emojiNone'].replace('{query}', 'zzzz'))).toBeVisible();
    await search.fill('thumbsup');
    await search.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(box).toBeFocused();
    await expect(box).toContainText('👍');
    // Escape closes it with nothing picked.
    await emojiButton.click();
    await expect(picker).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(picker).toHaveCount(0);
    await expect(box).toBeFocused();

    await box.press('Enter');
    await expect
      .poll(() => lastSend(page))
      .toEqual({
        accountId: expect.any(String),
        threadId: 't-design',
        type: 'html',
        content: '<p><msft-mention id="8:acs:minji">Minji Kim</msft-mention> 🎉👍</p>',
        senderDisplayName: 'Alex Morgan',
      });
    await expect(box).toHaveText('', { useInnerText: true });
    // The thread's hostile sample message is refused by the page's CSP, as it should be (harness.spec.ts reads it).
    expect(pageErrors(page).filter((error) => !error.includes('Content Security Policy'))).toEqual([]);
  });
}
