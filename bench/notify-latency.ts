/**
 * New message from another user (sent through the official SDK) → desktop notification emitted by
 * Parley's core (this process, against the emulator over HTTPS, rate limits on): p50 and p99 over 50
 * messages, while the window is focused on another thread. Messages rotate over 5 threads and go out
 * at random moments (uniform over one poll interval after the previous notification) so that they
 * sample every phase of the poll cycle. Measured from the moment the send is issued to the moment the
 * notifier is called. Baseline: the configured focused thread-list poll interval.
 *
 *   node bench/notify-latency.ts [--quick]
 */
import { startEmulator } from '../emulator/index.ts';
import { POLL_INTERVALS } from '../src-main/sync/poll-schedule.ts';
import { startCoreHarness } from '../src-main/test-support/core-harness.ts';
import { seededRandom } from './lib/synthetic-corpus.ts';
import { figure, ms, note, percentile, runScript, size, sleep } from './lib/common.ts';
import { createThreads, person } from './lib/service.ts';

runScript('notify-latency', async () => {
  const samples = size(50, 4);
  const emulator = await startEmulator({ rateLimits: false });
  const other = person(emulator);
  const me = person(emulator);
  const [focusedThread, ...threads] = await createThreads(other, me.userId, 6, { messages: 1, topic: (index) => (index === 0 ? 'On screen' : `Elsewhere ${index}`) });
  emulator.rateLimits.enabled = true;
  const harness = await startCoreHarness({ existingEmulator: emulator });
  const shown: Array<{ at: number; threadId: string; body: string }> = [];
  const push = harness.notifications.push.bind(harness.notifications);
  harness.notifications.push = (...items) => {
    for (const item of items) shown.push({ at: performance.now(), threadId: item.threadId, body: item.body });
    return push(...items);
  };
  try {
    const accountId = await harness.signInAs(me.userId, 'Bench Reader');
    await harness.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId: focusedThread! } });
    const store = harness.app.services.store;
    await harness.until(() => [focusedThread!, ...threads].every((threadId) => store.getCursor(accountId, threadId) !== null), 60_000, 'first sync');
    await sleep(3_000); // past the first sync's summary and the same-second re-checks
    const interval = POLL_INTERVALS.normal.threadListFocused;
    const random = seededRandom(5);
    const latencies: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      await sleep(random() * interval);
      const threadId = threads[index % threads.length]!;
      const content = `ping ${index}`;
      const from = shown.length;
      const sentAt = performance.now();
      await other.chat.getChatThreadClient(threadId).sendMessage({ content }, { senderDisplayName: 'Bench Writer' });
      const notification = await harness.until(
        () => shown.slice(from).find((entry) => entry.threadId === threadId && entry.body.includes(content)),
        15_000,
        `the notification of ${content}`,
      );
      latencies.push(notification.at - sentAt);
    }
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    const onScreen = shown.filter((entry) => entry.threadId === focusedThread).length;
    figure({
      name: `new message -> notification, ${samples} messages, window focused on another thread`,
      measured: `p50 ${ms(p50, 0)}, p99 ${ms(p99, 0)}`,
      target: 'p50 < 1500 ms, p99 < 3000 ms',
      baseline: `thread-list poll interval ${ms(interval, 0)}`,
      pass: p50 < 1500 && p99 < 3000,
    });
    note(
      `min ${ms(Math.min(...latencies), 0)}, max ${ms(Math.max(...latencies), 0)}; notifications for the thread on screen: ${onScreen}; 429s ${emulator.operations.count({ status: 429 })}`,
    );
  } finally {
    await harness.stop();
    await emulator.stop();
  }
});
