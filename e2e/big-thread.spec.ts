/**
 * A thread of 100,000 cached messages opens and scrolls without visible stalls. The cache is built
 * directly (the store, into the profile's cache.sqlite) for a token account whose secret is in the
 * keychain, and whose thread exists on an emulator in this process. Frame times are measured in the
 * page and printed, never asserted; what is asserted is that rows render and that the DOM stays
 * small (virtualization).
 */
import { userMessageRecord } from '../src-main/test-support/message-records.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/index.ts';
import { chatClientFor } from '../emulator/test-support/sdk-clients.ts';
import type { RunningShell } from '../src-main/test-support/browser-shell-process.ts';
import { createKeytarSecretStore } from '../src-main/secrets/keytar-store.ts';
import { openCacheDatabase } from '../src-main/store/db.ts';
import { createCacheStore, type MessageRecord } from '../src-main/store/cache-store.ts';
import { expect, openApp, startShell, startTestEmulator, tempDir, test } from './fixtures.ts';

const SIZE = 100_000;
const ACCOUNT_ID = 'acct-e2e-big-thread';
const TOPIC = 'Load test — 100k messages';
const WORDS = ['harbour', 'signal', 'ledger', 'orchard', 'lantern', 'meadow', 'copper', 'granite', '바다', '등대', '항구', '기록'];

// Tracing snapshots the DOM around every action: 180 scroll actions would measure the tracer, not the list.
test.use({ trace: 'off' });

let root: ReturnType<typeof tempDir>;
let emulator: Emulator | undefined;
let shell: RunningShell | undefined;
const keychain = createKeytarSecretStore();

test.afterEach(async () => {
  await shell?.stop();
  await emulator?.stop();
  await keychain.delete(ACCOUNT_ID);
  root?.remove();
});

function text(n: number): string {
  return `#${n}: ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} report number ${n}${n % 5 === 0 ? ' — with a longer line that wraps onto a second row of text in a narrower window, to vary the heights' : ''}`;
}

interface FrameStats {
  frames: number;
  median: number;
  p95: number;
  max: number;
  maxRows: number;
}

test('100,000 cached messages: opens, scrolls by wheel and keyboard, and keeps a small DOM', async ({ browser }) => {
  test.setTimeout(120_000);
  root = tempDir('parley-big-');
  const emulatorDir = join(root.path, 'emulator');
  const profileDir = join(root.path, 'profile');
  emulator = await startTestEmulator({ dataDir: emulatorDir });
  const me = emulator.createUserWithToken(['chat']);
  const { chatThread } = await chatClientFor(emulator, me.token).createChatThread({ topic: TOPIC });
  const threadId = chatThread!.id;

  // The cache, built directly: the account (its secret in the keychain), the thread, and its history.
  let started = performance.now();
  mkdirSync(profileDir, { recursive: true });
  const store = createCacheStore(openCacheDatabase(join(profileDir, 'cache.sqlite')));
  const now = Date.now();
  store.upsertAccount({ id: ACCOUNT_ID, kind: 'token', displayName: 'Alex Kim', endpoint: emulator.endpoint, userId: me.userId, createdAt: now });
  store.setValue('activeAccountId', ACCOUNT_ID);
  store.upsertThreads(ACCOUNT_ID, [{ id: threadId, topic: TOPIC, createdOn: now - SIZE * 60_000, createdBy: me.userId, deletedOn: null, lastMessageAt: now - 60_000 }]);
  const other = 'Bora Lee';
  const BATCH = 5_000;
  for (let first = 1; first <= SIZE; first += BATCH) {
    const batch: MessageRecord[] = [];
    for (let n = first; n < first + BATCH && n <= SIZE; n++) {
      // Sequence ids after the service's own two system messages (participants, topic).
      const createdOn = now - (SIZE - n + 1) * 60_000;
      const own = n % 4 === 0;
      batch.push(
        userMessageRecord({
          sequenceId: n + 2,
          createdOn,
          senderId: own ? me.userId : '8:acs:00000000-0000-0000-0000-000000000000_00000000-0000-0000-0000-0000000000b0',
          senderDisplayName: own ? 'Alex Kim' : other,
          content: text(n),
        }),
      );
    }
    store.upsertMessages(ACCOUNT_ID, threadId, batch);
  }
  store.setReadMarker(ACCOUNT_ID, threadId, SIZE + 2);
  store.close();
  await keychain.set(ACCOUNT_ID, JSON.stringify({ kind: 'token', token: me.token }));
  console.log(`big thread: cache of ${SIZE} messages built in ${Math.round(performance.now() - started)} ms`);

  shell = await startShell(profileDir, emulatorDir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, shell);
  await expect(page.getByRole('button', { name: 'Account: Alex Kim' })).toBeVisible();

  started = performance.now();
  await page.getByRole('option', { name: TOPIC }).click();
  const messages = page.getByRole('region', { name: 'Messages' });
  await expect(messages.getByText(`#${SIZE}: `)).toBeVisible();
  console.log(`big thread: first screen in ${Math.round(performance.now() - started)} ms (click to the newest message visible)`);

  // Frame times and the number of rows in the DOM, sampled every frame while scrolling.
  const startRecording = () =>
    page.evaluate(() => {
      const state = { deltas: [] as number[], maxRows: 0, running: true };
      (window as unknown as { __frames: typeof state }).__frames = state;
      let last = performance.now();
      const tick = (time: number) => {
        state.deltas.push(time - last);
        last = time;
        state.maxRows = Math.max(state.maxRows, document.querySelectorAll('.message-list [data-index]').length);
        if (state.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  const stopRecording = () =>
    page.evaluate((): FrameStats => {
      const state = (window as unknown as { __frames: { deltas: number[]; maxRows: number; running: boolean } }).__frames;
      state.running = false;
      const sorted = state.deltas.slice(1).sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      return { frames: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0, maxRows: state.maxRows };
    });
  const report = (label: string, stats: FrameStats) =>
    console.log(
      `big thread: ${label}: ${stats.frames} frames, median ${stats.median.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms; at most ${stats.maxRows} rows in the DOM`,
    );
  const oldestShown = async () => Number(/#(\d+):/.exec((await messages.getByRole('article').first().textContent()) ?? '')?.[1]);

  // Wheel: up through history, pages of older messages load as the top comes near.
  const box = (await messages.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await startRecording();
  for (let step = 0; step < 120; step++) await page.mouse.wheel(0, -600);
  const wheel = await stopRecording();
  report('wheel up, 120 × 600 px', wheel);
  await expect.poll(oldestShown).toBeLessThan(SIZE - 500);
  await expect(messages.getByRole('article').first()).toBeVisible();

  // Keyboard: Page Up / Page Down on the focused list.
  await messages.focus();
  await startRecording();
  for (let step = 0; step < 40; step++) await page.keyboard.press('PageUp');
  for (let step = 0; step < 20; step++) await page.keyboard.press('PageDown');
  const keys = await stopRecording();
  report('keyboard, 40 × Page Up + 20 × Page Down', keys);
  await expect(messages.getByRole('article').first()).toBeVisible();

  // Virtualized: a screenful plus a buffer, whatever the thread's length.
  expect(wheel.maxRows).toBeGreaterThan(5);
  expect(Math.max(wheel.maxRows, keys.maxRows)).toBeLessThan(200);

  await page.getByRole('button', { name: 'Jump to newest' }).click();
  await expect(messages.getByText(`#${SIZE}: `)).toBeVisible();
  expect(await page.evaluate(() => document.querySelectorAll('.message-list [data-index]').length)).toBeLessThan(200);
  await context.close();
});
