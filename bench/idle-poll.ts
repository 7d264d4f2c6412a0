/**
 * Requests per idle poll cycle with 10,000 threads (Parley's core in this process, window focused, no
 * thread open), counted with the emulator's operation record over N cycles, against per-thread
 * polling of the same threads (one list-threads request plus one list-messages request per thread,
 * made with the SDK and counted the same way, in the same run). Then requests per minute while one
 * thread is open in a focused window (`reportWindowFocus`), by operation, against the documented
 * per-user limits. Rate limits are on once the threads exist.
 *
 *   node bench/idle-poll.ts [--quick]
 */
import { startEmulator } from '../emulator/index.ts';
import { startCoreHarness } from '../src-main/test-support/core-harness.ts';
import { POLL_INTERVALS } from '../src-main/sync/poll-schedule.ts';
import { FULL_THREAD_SCAN_MS, THREADS_CURSOR } from '../src-main/sync/sync-engine.ts';
import { accountIdFor } from '../src-main/accounts/account-service.ts';
import { openCacheDatabase, type CacheDatabase } from '../src-main/store/db.ts';
import { count, figure, note, runScript, size, sleep } from './lib/common.ts';
import { ensureManyThreadsService, person, pool } from './lib/service.ts';

/** Documented per-user (per user-thread) requests per minute, for the operations an open thread polls. */
const PER_MINUTE_LIMITS: Record<string, number> = {
  listChatThreads: 300, // 50 / 10 s per user
  listChatMessages: 200, // 200 / 60 s per user per thread
  listChatReadReceipts: 30, // 5 / 10 s per user per thread
  listChatParticipants: 60, // 10 / 10 s per user per thread
  sendChatReadReceipt: 30, // 30 / 60 s per user per thread
};

runScript('idle-poll', async () => {
  const threads = size(10_000, 200);
  const cycles = size(10, 2);
  const activeMs = size(60_000, 6_000);
  const service = await ensureManyThreadsService(threads);
  const emulator = await startEmulator({ dataDir: service.dataDir, rateLimits: true });
  const other = person(emulator, service.otherUserId);
  const me = person(emulator, service.meUserId);
  const threadIds = service.threadIds;
  let cacheDatabase: CacheDatabase | undefined;
  const harness = await startCoreHarness({ existingEmulator: emulator, openDatabase: (path, options) => (cacheDatabase = openCacheDatabase(path, options)) });
  // A returning user: the cache already holds what a first sync of these threads leaves behind (the
  // threads, each one's cursor, the thread-list cursor), so the cycles measured are the idle ones and
  // the bench does not wait for a first sync of 10,000 threads (one list-messages request each).
  const seededAccountId = accountIdFor(emulator.endpoint, me.userId);
  const now = Date.now();
  const benchThreads = new Set(threadIds);
  const listed = emulator.inspect.threads().filter((thread) => benchThreads.has(thread.id));
  const store = harness.app.services.store;
  // One transaction: 10,000 cursor writes committed one by one took minutes on this shared disk.
  cacheDatabase!.transaction(() => {
    store.upsertThreads(
      seededAccountId,
      listed.map((thread) => ({ id: thread.id, topic: thread.topic, createdOn: thread.createdMs, createdBy: thread.createdBy, lastMessageAt: thread.lastMessageMs })),
    );
    for (const thread of listed) store.setCursor(seededAccountId, thread.id, { syncedUntil: thread.lastMessageMs, lastFullScanAt: now });
    store.setCursor(seededAccountId, THREADS_CURSOR, { syncedUntil: Math.max(...listed.map((thread) => thread.lastMessageMs)), lastFullScanAt: now });
  })();
  try {
    const accountId = await harness.signInAs(me.userId, 'Bench Reader');
    if (accountId !== seededAccountId) throw new Error(`signed in as ${accountId}, seeded ${seededAccountId}`);
    await harness.call('reportWindowFocus', { focused: true, visible: true, open: null });
    // Checked from the first thread not yet seen synced on, so that each check stays cheap at 10,000 threads.
    let synced = 0;
    await harness.until(
      () => {
        while (synced < threadIds.length && store.getCursor(accountId, threadIds[synced]!) !== null) synced += 1;
        return synced === threadIds.length;
      },
      15 * 60_000,
      'every thread synced',
    );
    // Let the cycles that re-check threads active in the last second (same-second rule) pass.
    const mine = (sinceSeq: number) => emulator.operations.list({ userId: me.userId, sinceSeq });
    for (let quiet = 0; quiet < 60; quiet += 1) {
      const seq = emulator.operations.lastSeq;
      await harness.nextEvent('sync-state', (state) => state.accountId === accountId, 10_000);
      if (mine(seq).every((entry) => entry.route === 'listChatThreads')) break;
    }

    // Idle cycles: each one ends with a sync-state event (its lastSyncedAt moves).
    const perCycle: number[] = [];
    let seq = emulator.operations.lastSeq;
    const idleStart = seq;
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      await harness.nextEvent('sync-state', (state) => state.accountId === accountId && state.state === 'online', 10_000);
      const next = emulator.operations.lastSeq;
      perCycle.push(mine(seq).length);
      seq = next;
    }
    const idleRoutes = [...new Set(mine(idleStart).map((entry) => entry.route))];

    // Baseline: per-thread polling, one cycle, through the SDK, counted by the same record.
    const baselineFrom = emulator.operations.lastSeq;
    const since = new Date(Date.now() - 5_000);
    const listed = me.chat.listChatThreads({ maxPageSize: 200, startTime: since }).byPage();
    await listed.next();
    await pool(threadIds, 16, async (threadId) => {
      const pages = me.chat.getChatThreadClient(threadId).listMessages({ maxPageSize: 200, startTime: since }).byPage();
      await pages.next();
    });
    const baseline = mine(baselineFrom).length;
    const throttled = emulator.operations.count({ userId: me.userId, status: 429 });

    const average = perCycle.reduce((sum, value) => sum + value, 0) / perCycle.length;
    figure({
      name: `requests per idle poll cycle, ${threads} threads`,
      measured: `${average.toFixed(2)} (cycles: ${perCycle.join(', ')}; ${idleRoutes.join(', ') || 'none'})`,
      target: '1',
      baseline: `per-thread polling ${count(baseline)}`,
      pass: perCycle.every((value) => value <= 1),
    });
    note(
      `every ${POLL_INTERVALS.normal.recentThreadsRescan / 60_000} min the recent-threads rescan adds 10 list-messages requests (edits/deletions), every ${FULL_THREAD_SCAN_MS / 60_000} min a full thread-list scan ${Math.ceil(threads / 200)} pages; focused cycle = ${POLL_INTERVALS.normal.threadListFocused / 1000} s; 429s ${throttled}; the cache was seeded as a first sync leaves it (a first sync of ${count(threads)} threads is ${count(threads)} list-messages requests, not measured here)`,
    );

    // One thread active: open in a focused window.
    const active = threadIds[0]!;
    await harness.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId: active } });
    const activeFrom = emulator.operations.lastSeq;
    const writer = other.chat.getChatThreadClient(active);
    const started = performance.now();
    // Someone writes now and then (every 6 s), as in a live conversation.
    while (performance.now() - started < activeMs) {
      await writer.sendMessage({ content: `live ${Math.round(performance.now() - started)}` }, { senderDisplayName: 'Bench Writer' });
      await sleep(6_000);
    }
    const elapsedMin = (performance.now() - started) / 60_000;
    const entries = mine(activeFrom);
    const byRoute = new Map<string, number>();
    for (const entry of entries) byRoute.set(entry.route, (byRoute.get(entry.route) ?? 0) + 1);
    const perMinute = [...byRoute].map(([route, n]) => [route, n / elapsedMin] as const);
    const over = perMinute.filter(([route, rate]) => rate > (PER_MINUTE_LIMITS[route] ?? Infinity) * 0.6);
    const activeThrottled = emulator.operations.count({ userId: me.userId, status: 429, sinceSeq: activeFrom });
    figure({
      name: 'requests per minute, one thread open in a focused window',
      measured: `${(entries.length / elapsedMin).toFixed(0)}/min (${perMinute.map(([route, rate]) => `${route.replace(/^(list|send)Chat/, '$1 ')} ${rate.toFixed(0)}`).join(', ')}); ${activeThrottled} x 429`,
      target: 'each operation <= 60% of its documented per-user limit, 0 x 429',
      baseline: `per-thread polling at the same ${POLL_INTERVALS.normal.threadListFocused / 1000} s cycle ${count(Math.round((baseline * 60_000) / POLL_INTERVALS.normal.threadListFocused))}/min`,
      pass: over.length === 0 && activeThrottled === 0,
    });
    if (over.length > 0) note(`over 60% of the limit: ${over.map(([route]) => route).join(', ')}`);
  } finally {
    await harness.stop();
    await emulator.stop();
  }
});
