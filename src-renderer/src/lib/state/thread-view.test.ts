import { describe, expect, it } from 'vitest';
import { messageHistoryBridge } from '../../../test-support/message-history.ts';
import type { ChatMessage } from '$contract';
import { MAX_WINDOW_MESSAGES, PAGE_SIZE, ThreadViewState, type WindowChange } from './thread-view.svelte.ts';

const ref = { accountId: 'a', threadId: 't' };
const HISTORY = 10_000;

interface WindowSeen {
  change: WindowChange;
  first: number;
  last: number;
}

/**
 * Every window the view sets, as its first and last sequence id and the change that made it (the
 * change is set first). Unit tests run Svelte's server build, where a `$state` field is a plain one.
 */
function recordWindows(view: ThreadViewState): WindowSeen[] {
  const seen: WindowSeen[] = [];
  let messages = view.messages;
  Object.defineProperty(view, 'messages', {
    get: () => messages,
    set: (next: ChatMessage[]) => {
      messages = next;
      seen.push({ change: view.lastChange, first: next[0]?.sequenceId ?? 0, last: next.at(-1)?.sequenceId ?? 0 });
    },
  });
  return seen;
}

const span = (view: ThreadViewState) => ({ first: view.messages[0]!.sequenceId, last: view.messages.at(-1)!.sequenceId, count: view.messages.length });

async function openedView(unreadCount = 0) {
  const history = messageHistoryBridge(HISTORY);
  const view = new ThreadViewState(history.bridge, ref, { ownUserId: 'u:me', unreadCount });
  const windows = recordWindows(view);
  await view.open();
  return { view, windows, ...history };
}

/** Pages back until the window has dropped its newest messages once. */
async function scrollUpPastTheCap(view: ThreadViewState): Promise<void> {
  for (let page = 0; page * PAGE_SIZE < MAX_WINDOW_MESSAGES; page++) await view.loadOlder();
}

describe('ThreadViewState window', () => {
  it('draws the first screen from one call: the newest page', async () => {
    const { view, pages } = await openedView();
    expect(pages).toHaveLength(1);
    expect(span(view)).toEqual({ first: HISTORY - PAGE_SIZE + 1, last: HISTORY, count: PAGE_SIZE });
    expect(view.hasOlder).toBe(true);
    expect(view.hasNewer).toBe(false);
    expect(view.scrollRequest?.target).toEqual({ kind: 'newest' });
  });

  it('drops the newest messages beyond its size when an older page is prepended, in a change of their own', async () => {
    const { view, windows } = await openedView();
    await scrollUpPastTheCap(view);
    expect(span(view)).toEqual({ first: HISTORY - 5 * PAGE_SIZE + 1, last: HISTORY - PAGE_SIZE, count: MAX_WINDOW_MESSAGES });
    expect(view.hasNewer).toBe(true);
    expect(view.newest).toBeNull();
    expect(windows.slice(-2)).toEqual([
      { change: 'prepend', first: HISTORY - 5 * PAGE_SIZE + 1, last: HISTORY },
      { change: 'drop-newer', first: HISTORY - 5 * PAGE_SIZE + 1, last: HISTORY - PAGE_SIZE },
    ]);
    // The list is told about one end per change: a change at the start keeps the end, and the other way round.
    for (const [index, window] of windows.entries()) {
      const before = windows[index - 1];
      if (!before || window.change === 'replace') continue;
      const atStart = window.change === 'prepend' || window.change === 'drop-older';
      expect(atStart ? window.last : window.first).toBe(atStart ? before.last : before.first);
      expect(view.changedAtStart).toBe(view.lastChange === 'prepend' || view.lastChange === 'drop-older');
    }
  });

  it('stays the same size however far back the user scrolls', async () => {
    const { view } = await openedView();
    for (let page = 0; page < 20; page++) await view.loadOlder();
    expect(span(view)).toEqual({ first: HISTORY - 21 * PAGE_SIZE + 1, last: HISTORY - 17 * PAGE_SIZE, count: MAX_WINDOW_MESSAGES });
  });

  it('re-fetches the dropped messages on the way back down, dropping the oldest instead', async () => {
    const { view, pages, windows } = await openedView();
    await scrollUpPastTheCap(view);
    await view.loadNewer();
    expect(pages.at(-1)).toEqual({ ...ref, afterSequenceId: HISTORY - PAGE_SIZE, limit: PAGE_SIZE });
    expect(span(view)).toEqual({ first: HISTORY - MAX_WINDOW_MESSAGES + 1, last: HISTORY, count: MAX_WINDOW_MESSAGES });
    expect(view.hasNewer).toBe(false);
    expect(view.hasOlder).toBe(true);
    expect(view.newest?.sequenceId).toBe(HISTORY);
    expect(windows.slice(-2).map((window) => window.change)).toEqual(['append', 'drop-older']);
  });

  it('leaves new messages out of a window scrolled away from the newest, and announces them', async () => {
    const { view, add } = await openedView();
    await scrollUpPastTheCap(view);
    const before = span(view);
    add(3);
    await view.refreshMessages();
    expect(span(view)).toEqual(before);
    expect(view.hasNewer).toBe(true);
    expect(view.arrivals.map((message) => message.sequenceId)).toEqual([HISTORY + 1, HISTORY + 2, HISTORY + 3]);
    add(2);
    await view.refreshMessages();
    expect(view.arrivals.map((message) => message.sequenceId)).toEqual([HISTORY + 4, HISTORY + 5]);
    expect(span(view)).toEqual(before);
  });

  it('appends new messages while following the newest and keeps its size', async () => {
    const { view, add, windows } = await openedView();
    for (let page = 0; page < 3; page++) await view.loadOlder();
    expect(view.messages).toHaveLength(MAX_WINDOW_MESSAGES);
    add(5);
    await view.refreshMessages();
    expect(span(view)).toEqual({ first: HISTORY + 5 - MAX_WINDOW_MESSAGES + 1, last: HISTORY + 5, count: MAX_WINDOW_MESSAGES });
    expect(view.hasOlder).toBe(true);
    expect(windows.slice(-2).map((window) => window.change)).toEqual(['append', 'drop-older']);
  });

  it('jumps to the newest page from far back', async () => {
    const { view, add } = await openedView();
    for (let page = 0; page < 10; page++) await view.loadOlder();
    add(2);
    await view.jumpToNewest();
    expect(span(view)).toEqual({ first: HISTORY + 2 - PAGE_SIZE + 1, last: HISTORY + 2, count: PAGE_SIZE });
    expect(view.hasNewer).toBe(false);
    expect(view.lastChange).toBe('replace');
    expect(view.scrollRequest?.target).toEqual({ kind: 'newest' });
  });

  it('shows a quoted message outside the window by loading the page around it', async () => {
    const { view, pages } = await openedView();
    await view.jumpToMessage('m500');
    expect(pages.at(-1)).toEqual({ ...ref, aroundMessageId: 'm500', limit: PAGE_SIZE });
    expect(view.messages.some((message) => message.id === 'm500')).toBe(true);
    expect(view.hasOlder && view.hasNewer).toBe(true);
    expect(view.lastChange).toBe('replace');
    expect(view.highlightedId).toBe('m500');
    expect(view.scrollRequest?.target).toEqual({ kind: 'message', messageId: 'm500', align: 'center' });
  });

  it('does not merge a page asked for before a jump into the window the jump loaded', async () => {
    const { view } = await openedView();
    const older = view.loadOlder();
    await view.jumpToMessage('m500');
    await older;
    const around = span(view);
    expect(around.last - around.first + 1).toBe(around.count);
    expect(around.first).toBeLessThanOrEqual(500);
    expect(around.last).toBeGreaterThanOrEqual(500);
  });
});
