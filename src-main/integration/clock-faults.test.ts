import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock as ServiceSideClock } from '../../emulator/index.ts';
import { createChatUser, type ChatUser } from '../../emulator/test-support/sdk-clients.ts';
import { MIN_RENEWAL_GAP_MS } from '../acs/credentials.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { busiestWindows } from '../test-support/request-limits.ts';
import { cachedUserMessages, sharedThread } from '../test-support/shared-threads.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/**
 * The computer's calendar (`Date.now()`, faked here, as the user or NTP would set it) moves apart
 * from the emulator's clock (real time plus an offset the test sets) and from Parley's clock that
 * never goes back (performance time, untouched, as CLOCK_MONOTONIC is by a calendar change or a
 * suspend).
 */
function apartClocks() {
  let serviceOffset = 0;
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  const service: ServiceSideClock = { now: () => Math.floor(performance.timeOrigin + performance.now()) + serviceOffset };
  return {
    service,
    setCalendar: (shiftMs: number) => vi.setSystemTime(Date.now() + shiftMs),
    passServiceTime: (ms: number) => void (serviceOffset += ms),
  };
}

let h: CoreHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.useRealTimers();
});

/** An account whose token comes from a counting refresh service, with two threads from someone else. */
async function signedInWithRefresher(clocks: ReturnType<typeof apartClocks>) {
  let me = '';
  const refreshes: number[] = [];
  const tokenService: typeof fetch = async () => {
    refreshes.push(performance.now());
    return new Response(JSON.stringify({ token: h!.emulator.issueToken(me, ['chat'], 60).token }), { headers: { 'Content-Type': 'application/json' } });
  };
  h = await startCoreHarness({ emulator: { rateLimits: false, clock: clocks.service }, fetch: tokenService });
  me = h.emulator.createUser();
  const other: ChatUser = createChatUser(h.emulator);
  const { token } = h.emulator.issueToken(me, ['chat'], 60);
  const account = await h.call('signInWithToken', { endpoint: h.emulator.endpoint, token, displayName: 'Mina', refreshUrl: 'https://tokens.example/parley' });
  const open = await sharedThread(h, account.id, me, other, 'Open');
  const elsewhere = await sharedThread(h, account.id, me, other, 'Elsewhere');
  const third = await sharedThread(h, account.id, me, other, 'Third');
  await h.call('saveDraft', { accountId: account.id, threadId: open, text: 'draft across the jump', format: 'text' });
  await h.call('updateSettings', { pollSpeed: 'fast' });
  return { me, other, accountId: account.id, open, elsewhere, third, refreshes };
}

/** Parley's state as the user reads it against the calendar: "synced n s ago" must be seconds, not days. */
async function syncedSecondsAgo(harness: CoreHarness, accountId: string): Promise<number> {
  const state = await harness.call('getSyncState', { accountId });
  return (Date.now() - (state.lastSyncedAt ?? Number.NaN)) / 1000;
}

describe('the clock jumps', () => {
  it('keeps polling, backoff, token refresh, "synced n s ago" and notifications right when the calendar is set 2 days ahead, then 3 hours back', async () => {
    const clocks = apartClocks();
    const { me, other, accountId, open, elsewhere, refreshes } = await signedInWithRefresher(clocks);
    await h!.call('reportWindowFocus', { focused: true, visible: true, open: { accountId, threadId: open } });
    const firstSeq = h!.emulator.operations.lastSeq;
    const refreshesBefore = refreshes.length;
    let sent = 0;

    for (const [label, shift] of [
      ['2 days ahead', 2 * DAY],
      ['3 hours back', -5 * DAY - 3 * HOUR],
    ] as const) {
      clocks.setCalendar(shift);
      const notificationsBefore = h!.notifications.length;
      await other.chat.getChatThreadClient(elsewhere).sendMessage({ content: `news after ${label}` }, { senderDisplayName: 'Oskar' });
      // No "sync now": the schedule alone must bring it.
      await h!.until(async () => (await cachedUserMessages(h!, accountId, elsewhere)).some((message) => message.content === `news after ${label}`), 20_000, `news after ${label}`);
      await h!.until(() => h!.notifications.length > notificationsBefore, 10_000, `a notification after ${label}`);
      expect(await syncedSecondsAgo(h!, accountId)).toBeLessThan(15);

      await h!.call('sendMessage', { accountId, threadId: open, content: `sent after ${label}`, type: 'text' });
      sent += 1;
      await h!.until(() => h!.emulator.inspect.messages(open).some((message) => message.content.message === `sent after ${label}`), 20_000, `sent after ${label}`);

      const outage = h!.emulator.faults.add({ route: 'listChatThreads', status: 503, count: 2 });
      const offline = await h!.nextEvent('sync-state', (state) => state.accountId === accountId && state.state === 'offline', 20_000);
      const retryInSeconds = ((offline.nextAttemptAt ?? Number.NaN) - Date.now()) / 1000;
      expect(retryInSeconds, `retry time shown after ${label}`).toBeGreaterThan(-2);
      expect(retryInSeconds, `retry time shown after ${label}`).toBeLessThan(61);
      await h!.nextEvent('sync-state', (state) => state.accountId === accountId && state.state === 'online', 90_000);
      expect(outage.hits).toBe(2);
      expect(h!.notifications.length - notificationsBefore, `notifications after ${label}`).toBe(1);
    }

    for (const { what, busiest, max } of busiestWindows(h!.emulator, me, firstSeq)) expect(busiest, what).toBeLessThanOrEqual(max);
    const renewals = refreshes.length - refreshesBefore;
    expect(renewals).toBeLessThanOrEqual(2);
    expect((await h!.call('getDraft', { accountId, threadId: open })).text).toBe('draft across the jump');
    expect((await h!.call('getSettings')).pollSpeed).toBe('fast');
    expect(await h!.call('listOutbox', { accountId, threadId: open })).toEqual([]);
    console.log(
      `faults: calendar set 2 days ahead then 3 hours back (service clock untouched); ${renewals} token renewals, 1 notification per arrival, requests within the per-user limits; ` +
        `kept: outbox ${sent}/${sent} delivered, drafts 1/1, settings, accounts 1/1`,
    );
  }, 240_000);

  it('after 8 hours suspended: one summary, a renewed token, no catch-up storm', async () => {
    const clocks = apartClocks();
    const { me, other, accountId, open, elsewhere, third, refreshes } = await signedInWithRefresher(clocks);
    await h!.call('reportWindowFocus', { focused: false, visible: false, open: null });
    await h!.call('sendMessage', { accountId, threadId: open, content: 'queued before the lid closed', type: 'text' });
    await h!.until(() => h!.emulator.inspect.messages(open).some((message) => message.content.message === 'queued before the lid closed'), 20_000, 'the send before suspend');
    h!.app.services.sync.setSuspended(true);
    const firstSeq = h!.emulator.operations.lastSeq;
    const notificationsBefore = h!.notifications.length;
    const refreshesBefore = refreshes.length;

    // 8 hours pass for the service and the calendar; Parley's clock that never goes back stands still.
    clocks.passServiceTime(8 * HOUR);
    clocks.setCalendar(8 * HOUR);
    for (const threadId of [open, elsewhere, third]) {
      for (let index = 0; index < 4; index += 1) await other.chat.getChatThreadClient(threadId).sendMessage({ content: `overnight #${index}` }, { senderDisplayName: 'Oskar' });
    }
    h!.app.services.sync.setSuspended(false);

    for (const threadId of [open, elsewhere, third]) {
      await h!.until(
        async () => (await cachedUserMessages(h!, accountId, threadId)).filter((message) => message.content.startsWith('overnight')).length === 4,
        30_000,
        'overnight messages',
      );
    }
    await h!.until(() => h!.notifications.length > notificationsBefore, 10_000, 'the summary');
    const shown = h!.notifications.slice(notificationsBefore);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toMatch(/12 new messages in 3 conversations/);
    expect(refreshes.length - refreshesBefore).toBeGreaterThanOrEqual(1);
    expect(refreshes.length - refreshesBefore).toBeLessThanOrEqual(2);
    expect(await syncedSecondsAgo(h!, accountId)).toBeLessThan(15);
    const afterResume = h!.emulator.operations.list({ userId: me, sinceSeq: firstSeq });
    expect(afterResume.filter((entry) => entry.status === 401).length).toBeLessThanOrEqual(1);
    for (const { what, busiest, max } of busiestWindows(h!.emulator, me, firstSeq)) expect(busiest, what).toBeLessThanOrEqual(max);
    expect((await h!.call('getDraft', { accountId, threadId: open })).text).toBe('draft across the jump');
    console.log(
      `faults: suspended 8 h (service and calendar +8 h, monotonic clock still); 1 summary for 12 messages, ${refreshes.length - refreshesBefore} token renewal after resume (renewals Parley starts itself are ${MIN_RENEWAL_GAP_MS / 1000} s apart or more); ` +
        `kept: outbox 1/1 delivered, drafts 1/1, settings, accounts 1/1`,
    );
  }, 240_000);
});
