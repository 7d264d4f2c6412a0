/**
 * A burst of 10,000 incoming messages while the app shows the thread: the browser shell (signed in
 * against the in-process emulator, keychain under with-keyring.sh) shows the thread in Chromium;
 * another user sends 10,000 messages through the official SDK (16 in flight; rate limits off, the
 * write limit would spread them over hours). Measured: the longest renderer main-thread block during
 * the burst and its catch-up (Long Tasks API, observer installed with addInitScript), and messages
 * lost (the cache, read from its SQLite file, against `emulator.inspect.messages`). Baseline: the
 * longest block over the same length of time with the thread open and no traffic.
 *
 *   node bench/burst.ts [--quick]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startEmulator } from '../emulator/index.ts';
import { connectBridge } from '../src-main/test-support/bridge-client.ts';
import { count, figure, ms, note, runScript, size, sleep, waitFor } from './lib/common.ts';
import { createThreads, person, pool } from './lib/service.ts';
import { ensureBuilt, launchChromium, LONG_TASK_OBSERVER, newPage, startShell } from './lib/shell.ts';

interface LongTask {
  start: number;
  duration: number;
}

runScript('burst', async () => {
  ensureBuilt();
  const total = size(10_000, 300);
  const emulator = await startEmulator({ rateLimits: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-burst-'));
  const caPath = join(dataDir, 'emulator-ca.pem');
  writeFileSync(caPath, emulator.caPem);
  const other = person(emulator);
  const meUserId = emulator.createUser();
  const [threadId, quietThread] = await createThreads(other, meUserId, 2, { messages: 1, topic: (index) => (index === 0 ? 'Burst' : 'Quiet') });
  const browser = await launchChromium();
  const shell = await startShell(join(dataDir, 'profile'), { NODE_EXTRA_CA_CERTS: caPath });
  const bridge = await connectBridge(new URL(shell.url).origin, new URL(shell.url).searchParams.get('token') ?? '');
  try {
    const { token } = emulator.issueToken(meUserId, ['chat'], 1440);
    await bridge.call('signInWithToken', { endpoint: emulator.endpoint, token, displayName: 'Bench Reader' });
    const page = await newPage(browser, LONG_TASK_OBSERVER);
    await page.goto(shell.url);
    await page.getByRole('option', { name: 'Burst' }).click({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Messages' }).getByRole('article').first().waitFor({ state: 'visible', timeout: 30_000 });
    await sleep(2_000);

    const longTasksSince = async (from: number) => ((await page.evaluate('window.__benchLongTasks')) as LongTask[]).filter((task) => task.start >= from);
    const pageNow = async () => (await page.evaluate('performance.now()')) as number;

    // Baseline: the thread open, nothing arriving.
    const quietFrom = await pageNow();
    const sendStarted = performance.now();
    const contents = Array.from({ length: total }, (_, index) => `burst message ${index} of ${total}`);
    const writer = other.chat.getChatThreadClient(threadId!);

    // The burst.
    const burstFrom = await pageNow();
    const quietTasks = await longTasksSince(quietFrom);
    await pool(contents, 16, (content) => writer.sendMessage({ content }, { senderDisplayName: 'Bench Writer' }));
    const sentMs = performance.now() - sendStarted;
    const onService = emulator.inspect.messages(threadId!);
    const newest = onService.at(-1)!;
    const cache = new Database(join(dataDir, 'profile', 'cache.sqlite'), { readonly: true, fileMustExist: true });
    const cachedIds = cache.prepare('SELECT m.id FROM messages m JOIN threads t ON t.local_id = m.thread_local_id WHERE t.id = ?').pluck();
    // Pages arrive newest first: the newest message in the cache does not mean the rest is there yet.
    const serviceIds = onService.map((message) => message.id);
    const caughtUp = await waitFor(
      'the cache to hold the whole burst',
      () => {
        const cachedNow = new Set(cachedIds.all(threadId) as string[]);
        return serviceIds.every((id) => cachedNow.has(id)) ? true : undefined;
      },
      300_000,
      250,
    ).catch(() => false);
    const syncedMs = performance.now() - sendStarted;
    await page
      .locator(`[data-message-id="${newest.id}"]`)
      .waitFor({ state: 'visible', timeout: 120_000 })
      .catch(() => undefined);
    const shownMs = performance.now() - sendStarted;
    await sleep(2_000);
    const cached = new Set(cachedIds.all(threadId) as string[]);
    cache.close();
    const lost = onService.filter((message) => !cached.has(message.id)).length;
    const burstTasks = await longTasksSince(burstFrom);
    // Baseline over a quiet stretch of the same length (capped at 20 s).
    const quietLength = Math.min(size(20_000, 3_000), shownMs);
    await page.getByRole('option', { name: 'Quiet' }).click();
    const quietAgainFrom = await pageNow();
    await sleep(quietLength);
    const quietAgain = [...quietTasks, ...(await longTasksSince(quietAgainFrom))];
    const longest = Math.max(0, ...burstTasks.map((task) => task.duration));
    const over = burstTasks.filter((task) => task.duration > 50).length;
    const error = (await page.evaluate('window.__benchLongTasksError ?? null')) as string | null;
    figure({
      name: `burst of ${count(total)} incoming messages, thread on screen: longest renderer block`,
      measured: `${ms(longest, 0)} (${over} long tasks > 50 ms)`,
      target: 'never > 50 ms',
      baseline: `no traffic ${ms(Math.max(0, ...quietAgain.map((task) => task.duration)), 0)}`,
      pass: longest <= 50 && error === null,
    });
    figure({
      name: `burst of ${count(total)} incoming messages: messages lost`,
      measured: `${lost} (cache ${count(cached.size)} / service ${count(onService.length)})`,
      target: '0',
      baseline: `${count(onService.length)} on the service`,
      pass: lost === 0 && caughtUp === true,
    });
    note(
      `sent in ${(sentMs / 1000).toFixed(1)} s; cache complete after ${(syncedMs / 1000).toFixed(1)} s, newest row shown after ${(shownMs / 1000).toFixed(1)} s${error ? `; long task observer failed: ${error}` : ''}; quiet thread ${quietThread ? 'used for the baseline' : ''}`,
    );
  } finally {
    bridge.close();
    await browser.close();
    await shell.stop();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
