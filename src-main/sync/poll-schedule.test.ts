import { describe, expect, it } from 'vitest';
import type { WindowFocus } from '../../src-preload/contract.ts';
import { POLL_INTERVALS, PollSchedule, selectRescanThreads, type PollIntervals, type PollTask } from './poll-schedule.ts';

const ACCOUNT = 'account-1';
const T0 = 1_000_000;
const HIDDEN: WindowFocus = { focused: false, visible: false, open: null };
const FOCUSED: WindowFocus = { focused: true, visible: true, open: null };
const openIn = (focus: WindowFocus, threadId: string, accountId = ACCOUNT): WindowFocus => ({ ...focus, open: { accountId, threadId } });
const VISIBLE_UNFOCUSED: WindowFocus = { focused: false, visible: true, open: null };

/** A schedule past its start-up poll: everything has just run at `now`. */
function settled(focus: WindowFocus, now = T0): PollSchedule {
  const schedule = new PollSchedule({ accountId: ACCOUNT, now });
  schedule.setWindowFocus(focus, now);
  for (const task of schedule.due(now)) schedule.completed(task, now);
  return schedule;
}

function completeAll(schedule: PollSchedule, tasks: readonly PollTask[], now: number): void {
  for (const task of tasks) schedule.completed(task, now);
}

describe('PollSchedule: start-up', () => {
  it('polls the thread list at once, and nothing else before its interval', () => {
    const schedule = new PollSchedule({ accountId: ACCOUNT, now: T0 });
    expect(schedule.due(T0)).toEqual(['thread-list']);
    schedule.completed('thread-list', T0);
    expect(schedule.nextDueAt()).toBe(T0 + POLL_INTERVALS.normal.threadListHidden);
  });
});

describe('PollSchedule: the thread list', () => {
  it('polls every 2 s in a focused window, 10 s visible, 30 s hidden', () => {
    expect(settled(FOCUSED).dueAt('thread-list')).toBe(T0 + 2_000);
    expect(settled(VISIBLE_UNFOCUSED).dueAt('thread-list')).toBe(T0 + 10_000);
    expect(settled(HIDDEN).dueAt('thread-list')).toBe(T0 + 30_000);
  });

  it('runs again an interval after it last completed', () => {
    const schedule = settled(FOCUSED);
    expect(schedule.due(T0 + 1_999)).toEqual([]);
    expect(schedule.due(T0 + 2_000)).toEqual(['thread-list']);
    schedule.completed('thread-list', T0 + 2_300);
    expect(schedule.dueAt('thread-list')).toBe(T0 + 4_300);
  });

  it('slows down on blur without re-arming anything', () => {
    const schedule = settled(FOCUSED);
    expect(schedule.setWindowFocus(HIDDEN, T0 + 1_000)).toEqual([]);
    expect(schedule.dueAt('thread-list')).toBe(T0 + 30_000);
  });
});

describe('PollSchedule: the open thread', () => {
  it('reads the recent window at once when a thread comes on screen', () => {
    const schedule = settled(FOCUSED);
    expect(schedule.setWindowFocus(openIn(FOCUSED, 't1'), T0 + 500)).toEqual(['open-thread-window']);
  });

  it('then polls its delta every 1.5 s and re-reads its window every 15 s', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    expect(schedule.dueAt('open-thread')).toBe(T0 + 1_500);
    expect(schedule.dueAt('open-thread-window')).toBe(T0 + 15_000);
    expect(schedule.due(T0 + 1_500)).toEqual(['open-thread']);
  });

  it('lets a due window re-read stand in for the delta, and counts it as one', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.completed('open-thread', T0 + 13_000);
    schedule.completed('thread-list', T0 + 14_000);
    expect(schedule.dueAt('open-thread')).toBeLessThan(T0 + 15_000);
    expect(schedule.due(T0 + 15_000)).toEqual(['open-thread-window']);
    schedule.completed('open-thread-window', T0 + 15_000);
    expect(schedule.dueAt('open-thread')).toBe(T0 + 16_500);
  });

  it('polls the open thread of a visible but unfocused window more slowly', () => {
    const schedule = settled(openIn(VISIBLE_UNFOCUSED, 't1'));
    expect(schedule.dueAt('open-thread')).toBe(T0 + 5_000);
    expect(schedule.openThreadId).toBe('t1');
  });

  it('stops polling the open thread when the window hides, and leaves it to the thread list', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.setWindowFocus(openIn(HIDDEN, 't1'), T0 + 100);
    expect(schedule.openThreadId).toBeNull();
    expect(schedule.dueAt('open-thread')).toBeNull();
    expect(schedule.dueAt('open-thread-window')).toBeNull();
  });

  it('stops polling a thread once it is closed', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    expect(schedule.setWindowFocus(FOCUSED, T0 + 100)).toEqual([]);
    expect(schedule.dueAt('open-thread')).toBeNull();
  });

  it('re-reads the window again when another thread is opened', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    expect(schedule.setWindowFocus(openIn(FOCUSED, 't2'), T0 + 100)).toEqual(['open-thread-window']);
  });

  it('ignores a thread open under another account', () => {
    const schedule = settled(openIn(FOCUSED, 't1', 'account-2'));
    expect(schedule.openThreadId).toBeNull();
    expect(schedule.dueAt('open-thread')).toBeNull();
  });
});

describe('PollSchedule: catch-up triggers', () => {
  it('catches up at once when the window gains focus', () => {
    const schedule = settled(openIn(VISIBLE_UNFOCUSED, 't1'));
    expect(schedule.setWindowFocus(openIn(FOCUSED, 't1'), T0 + 300)).toEqual(['open-thread', 'thread-list']);
  });

  it('does not trigger again while the focus stays', () => {
    const schedule = settled(FOCUSED);
    expect(schedule.setWindowFocus(FOCUSED, T0 + 300)).toEqual([]);
  });

  it('makes a trigger due once: completing the task clears it', () => {
    const schedule = settled(HIDDEN);
    completeAll(schedule, schedule.setWindowFocus(FOCUSED, T0 + 300), T0 + 300);
    expect(schedule.due(T0 + 301)).toEqual([]);
    expect(schedule.dueAt('thread-list')).toBe(T0 + 2_300);
  });

  it('"sync now" runs the list and re-reads the open thread', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    expect(schedule.requestNow(T0 + 10)).toEqual(['open-thread-window', 'thread-list']);
  });
});

describe('PollSchedule: suspend and resume', () => {
  it('pauses everything while suspended', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    expect(schedule.setSuspended(true, T0 + 100)).toEqual([]);
    expect(schedule.nextDueAt()).toBeNull();
    expect(schedule.due(T0 + 3_600_000)).toEqual([]);
  });

  it('catches up at once on resume', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.setSuspended(true, T0 + 100);
    expect(schedule.setSuspended(false, T0 + 200)).toEqual(['open-thread', 'thread-list']);
  });

  it('brings overdue slow tasks back on resume', () => {
    const schedule = settled(HIDDEN);
    schedule.setSuspended(true, T0 + 100);
    const tasks = schedule.setSuspended(false, T0 + 3_600_000);
    expect(tasks).toEqual(['thread-list', 'recent-threads-rescan']);
  });
});

describe('PollSchedule: connectivity', () => {
  it('only probes the thread list now and then while offline', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.setOnline(false, T0 + 100);
    expect(schedule.dueAt('open-thread')).toBeNull();
    expect(schedule.dueAt('recent-threads-rescan')).toBeNull();
    expect(schedule.dueAt('thread-list')).toBe(T0 + 30_000);
  });

  it('catches up at once when the network returns', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.setOnline(false, T0 + 100);
    expect(schedule.setOnline(true, T0 + 200)).toEqual(['open-thread', 'thread-list']);
  });

  it('starts offline when told so', () => {
    const schedule = new PollSchedule({ accountId: ACCOUNT, now: T0, online: false });
    schedule.setWindowFocus(FOCUSED, T0);
    schedule.completed('thread-list', T0);
    expect(schedule.dueAt('thread-list')).toBe(T0 + 30_000);
  });
});

describe('PollSchedule: speeds', () => {
  it('uses the fast intervals: open thread every second', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.setSpeed('fast', T0);
    expect(schedule.dueAt('open-thread')).toBe(T0 + 1_000);
    expect(schedule.dueAt('open-thread-window')).toBe(T0 + 10_000);
  });

  it('uses the battery-saver intervals: open thread every 5 s, background list every 2 min', () => {
    const focused = settled(openIn(FOCUSED, 't1'));
    focused.setSpeed('battery-saver', T0);
    expect(focused.dueAt('open-thread')).toBe(T0 + 5_000);
    const hidden = new PollSchedule({ accountId: ACCOUNT, now: T0, speed: 'battery-saver' });
    hidden.completed('thread-list', T0);
    expect(hidden.dueAt('thread-list')).toBe(T0 + 120_000);
  });

  it('makes a task due at once when a faster speed makes it overdue', () => {
    const schedule = settled(HIDDEN);
    schedule.setSpeed('battery-saver', T0);
    expect(schedule.setSpeed('fast', T0 + 25_000)).toEqual(['thread-list']);
  });

  it('orders every speed from fastest to slowest for every poll', () => {
    for (const interval of Object.keys(POLL_INTERVALS.fast) as Array<keyof PollIntervals>) {
      expect(POLL_INTERVALS.fast[interval]).toBeLessThanOrEqual(POLL_INTERVALS.normal[interval]);
      expect(POLL_INTERVALS.normal[interval]).toBeLessThanOrEqual(POLL_INTERVALS['battery-saver'][interval]);
    }
  });
});

describe('PollSchedule: the recent-threads rescan', () => {
  it('runs every few minutes whatever the window', () => {
    expect(settled(HIDDEN).dueAt('recent-threads-rescan')).toBe(T0 + 180_000);
    expect(settled(FOCUSED).dueAt('recent-threads-rescan')).toBe(T0 + 180_000);
  });
});

describe('PollSchedule: holds', () => {
  it('runs nothing during a backoff, then resumes where it was', () => {
    const schedule = settled(FOCUSED);
    schedule.holdUntil(T0 + 8_000, 'backoff');
    expect(schedule.due(T0 + 7_999)).toEqual([]);
    expect(schedule.nextDueAt()).toBe(T0 + 8_000);
    expect(schedule.due(T0 + 8_000)).toEqual(['thread-list']);
  });

  it('lifts a backoff when the network returns', () => {
    const schedule = settled(FOCUSED);
    schedule.holdUntil(T0 + 60_000, 'backoff');
    schedule.setOnline(false, T0 + 100);
    expect(schedule.setOnline(true, T0 + 200)).toEqual(['thread-list']);
    expect(schedule.heldUntil).toBeNull();
  });

  it('keeps a throttle hold through every trigger', () => {
    const schedule = settled(openIn(FOCUSED, 't1'));
    schedule.holdUntil(T0 + 30_000, 'throttled');
    schedule.holdUntil(T0 + 40_000, 'backoff');
    schedule.setSuspended(true, T0 + 100);
    expect(schedule.setSuspended(false, T0 + 200)).toEqual([]);
    expect(schedule.requestNow(T0 + 300)).toEqual([]);
    expect(schedule.heldUntil).toBe(T0 + 30_000);
    expect(schedule.due(T0 + 30_000)).toEqual(['open-thread-window', 'thread-list']);
  });

  it('never shortens a hold', () => {
    const schedule = settled(FOCUSED);
    schedule.holdUntil(T0 + 20_000, 'throttled');
    schedule.holdUntil(T0 + 5_000, 'throttled');
    expect(schedule.heldUntil).toBe(T0 + 20_000);
  });

  it('forgets a backoff on success', () => {
    const schedule = settled(FOCUSED);
    schedule.holdUntil(T0 + 5_000, 'backoff');
    schedule.completed('thread-list', T0 + 5_000);
    expect(schedule.heldUntil).toBeNull();
  });
});

describe('selectRescanThreads', () => {
  const threads = [
    { id: 'old', lastActivityAt: 1, deletedOn: null },
    { id: 'newest', lastActivityAt: 5, deletedOn: null },
    { id: 'open', lastActivityAt: 4, deletedOn: null },
    { id: 'deleted', lastActivityAt: 6, deletedOn: 7 },
    { id: 'empty', lastActivityAt: null, deletedOn: null },
    { id: 'middle', lastActivityAt: 3, deletedOn: null },
  ];

  it('picks the most recently active threads, newest first, the open one and deleted ones aside', () => {
    expect(selectRescanThreads(threads, { count: 2, excludeThreadId: 'open' })).toEqual(['newest', 'middle']);
    expect(selectRescanThreads(threads)).toEqual(['newest', 'open', 'middle', 'old']);
  });
});
