/**
 * First sync of a 100,000-message history with the emulator's rate limits ON: Parley's core (in this
 * process, against the emulator over HTTPS) signs in and backfills the thread. Measured from the first
 * list-messages request of that thread to the last (the emulator's operation record), against the
 * bound the documented limits allow in that same duration: list messages per user per thread 50 / 10 s
 * and 200 / 60 s (the thread-wide 250 / 10 s and 400 / 60 s are looser for one reader), pages of 200.
 * The bound is what a client sending each request the instant the sliding windows admit it could
 * fetch in the measured duration (capped at the history's size). 429s received must be 0.
 *
 *   node bench/first-sync.ts [--quick]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import { startCoreHarness } from '../src-main/test-support/core-harness.ts';
import { count, figure, ms, note, percentile, runScript, seconds, size } from './lib/common.ts';
import { admittedRequests, shortestTime } from './lib/rate-bound.ts';
import { ensureHistoryService } from './lib/service.ts';

const PAGE = 200;

runScript('first-sync', async () => {
  const messages = size(100_000, 5_000);
  const history = await ensureHistoryService(messages);
  const emulator = await startEmulator({ dataDir: history.dataDir, rateLimits: true });
  const harness = await startCoreHarness({ existingEmulator: emulator });
  try {
    const fromSeq = emulator.operations.lastSeq;
    const started = performance.now();
    const accountId = await harness.signInAs(history.meUserId, 'Bench Reader');
    const store = harness.app.services.store;
    await harness.until(() => store.getCursor(accountId, history.threadId) !== null, 30 * 60_000, 'the history to be synced');
    const wallMs = performance.now() - started;

    const requests = emulator.operations.list({ route: 'listChatMessages', threadId: history.threadId, sinceSeq: fromSeq });
    const throttled = emulator.operations.count({ status: 429, sinceSeq: fromSeq });
    const durationMs = requests.at(-1)!.timeMs - requests[0]!.timeMs;
    const onService = emulator.inspect.messages(history.threadId).length;
    const db = new Database(join(harness.dataDir, 'cache.sqlite'), { readonly: true });
    const cached = db.prepare('SELECT count(*) FROM messages m JOIN threads t ON t.local_id = m.thread_local_id WHERE t.id = ?').pluck().get(history.threadId) as number;
    db.close();

    // The bound for the measured duration: what the windows admit in it, times the page size (not capped
    // at the history's size, so that a client slower than the limits shows as below 100%).
    const boundMessages = admittedRequests(durationMs) * PAGE;
    const share = cached / boundMessages;
    const fastestMs = shortestTime(Math.ceil(onService / PAGE));
    figure({
      name: `first sync of a ${count(messages)}-message thread, rate limits on`,
      measured: `${count(cached)} messages in ${seconds(durationMs, 1)} = ${(Math.min(1, share) * 100).toFixed(0)}% of bound, ${throttled} x 429`,
      target: '>= 95% of bound, 0 x 429',
      baseline: `bound ${count(boundMessages)} messages in ${seconds(durationMs, 1)} (50/10 s, 200/60 s, ${PAGE}/page)`,
      pass: share >= 0.95 && throttled === 0 && cached === onService,
    });
    // Where the time goes: a gap under a second between consecutive requests is the serial cycle (request,
    // page, store); a longer one is the budget holding the next request until a window has room.
    const gaps = requests.slice(1).map((request, index) => request.timeMs - requests[index]!.timeMs);
    const cycles = gaps.filter((gap) => gap < 1000);
    const held = gaps.filter((gap) => gap >= 1000);
    note(
      `gaps between requests: ${cycles.length} serial cycles p50 ${ms(percentile(cycles, 0.5), 0)}, p90 ${ms(percentile(cycles, 0.9), 0)}, ${seconds(cycles.reduce((sum, gap) => sum + gap, 0), 1)} in all; ${held.length} waits for the budget, ${seconds(held.reduce((sum, gap) => sum + gap, 0), 1)} in all`,
    );
    note(
      `${requests.length} list-messages requests; the limits allow this whole history in ${seconds(fastestMs, 1)} at best: measured ${((fastestMs / durationMs) * 100).toFixed(0)}% of the best throughput; sign-in to cursor ${seconds(wallMs, 1)}; cache ${count(cached)} / service ${count(onService)}`,
    );
  } finally {
    await harness.stop();
    await emulator.stop();
  }
});
