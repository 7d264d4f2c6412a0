/**
 * The scroll figures' input, shared by the bench (`bench/scroll.ts`) and its study
 * (`bench/studies/scroll-profile.ts`): one input event per animation frame, so that the input rate
 * is the display's.
 */
import type { Page } from '@playwright/test';

export const nextFrame = (page: Page) => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))');

/** A mouse wheel spun steadily back through history: `events` notches of 240 px up. */
export async function wheel(page: Page, events: number): Promise<void> {
  const list = page.getByRole('region', { name: 'Messages' });
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let event = 0; event < events; event += 1) {
    await page.mouse.wheel(0, -240);
    await nextFrame(page);
  }
}

/** Focus on the newest message, then `arrows` presses of ArrowUp and `pages` of PageUp. */
export async function keyboard(page: Page, arrows: number, pages: number): Promise<void> {
  await page.getByRole('region', { name: 'Messages' }).getByRole('article').last().focus();
  for (let press = 0; press < arrows + pages; press += 1) {
    await page.keyboard.press(press < arrows ? 'ArrowUp' : 'PageUp');
    await nextFrame(page);
  }
}
