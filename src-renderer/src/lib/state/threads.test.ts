import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import type { ApiInput, ParleyBridge, ThreadPage, ThreadSummary } from '$contract';
import { FIRST_PAGE, NEXT_PAGE, ThreadsState } from './threads.svelte.ts';
import { ThreadFinder } from './thread-finder.svelte.ts';

const ACCOUNT = 'a';
const HOUR = 3_600_000;

function summary(index: number, activityAt: number): ThreadSummary {
  return {
    accountId: ACCOUNT,
    id: `t${index.toString().padStart(4, '0')}`,
    topic: index % 2 === 0 ? `Even ${index}` : `Odd ${index}`,
    createdOn: 0,
    createdBy: null,
    deletedOn: null,
    metadata: null,
    retentionPolicy: null,
    lastActivityAt: activityAt,
    lastMessagePreview: null,
    lastMessageSenderId: null,
    lastMessageSenderName: null,
    unreadCount: 0,
    unreadMentions: 0,
    muted: false,
  };
}

/**
 * The thread-list calls of main over an account of `count` threads (thread i last active i hours
 * before the newest), paged as the store pages them: keyset on activity then id, deleted left out.
 */
function accountOf(count: number) {
  const threads = new Map<string, ThreadSummary>();
  for (let index = 0; index < count; index += 1) threads.set(summary(index, 0).id, summary(index, (count - index) * HOUR));
  const pageCalls: Array<ApiInput<'listThreadPage'>> = [];
  const otherCalls: string[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const activity = (thread: ThreadSummary) => thread.lastActivityAt ?? 0;
  const bridge = {
    on: (event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    getSyncState: async () => ({ ok: true, value: { accountId: ACCOUNT, state: 'online', lastSyncedAt: null, nextAttemptAt: null, message: null } }),
    listThreads: async () => {
      otherCalls.push('listThreads');
      return { ok: true, value: [...threads.values()] };
    },
    listThreadPage: async (input: ApiInput<'listThreadPage'>) => {
      pageCalls.push(input);
      const after = input.after;
      const rest = [...threads.values()]
        .filter((thread) => thread.deletedOn === null)
        .sort((a, b) => activity(b) - activity(a) || a.id.localeCompare(b.id))
        .filter((thread) => !after || activity(thread) < after.activityAt || (activity(thread) === after.activityAt && thread.id > after.id));
      const limit = input.limit ?? 200;
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      const value: ThreadPage = { threads: page, next: rest.length > limit && last ? { activityAt: activity(last), id: last.id } : null };
      return { ok: true, value };
    },
    getThread: async ({ threadId }: { threadId: string }) => {
      otherCalls.push(`getThread:${threadId}`);
      const found = threads.get(threadId);
      return found ? { ok: true, value: found } : { ok: false, error: { code: 'not-found', message: 'No such thread.' } };
    },
    findThreads: async ({ query }: { query: string }) => {
      otherCalls.push(`findThreads:${query}`);
      return { ok: true, value: [...threads.values()].filter((thread) => thread.topic.toLowerCase().includes(query.toLowerCase())).slice(0, 50) };
    },
  } as unknown as ParleyBridge;
  const threadsChanged = async (state: ThreadsState) => {
    listeners.get('threads-changed')?.({ accountId: ACCOUNT });
    // The reload the event starts: wait for its answers.
    for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
    expect(state.loaded).toBe(true);
  };
  return { threads, bridge, pageCalls, otherCalls, threadsChanged };
}

const ids = (list: readonly ThreadSummary[]) => list.map((thread) => thread.id);
const rowsRead = (calls: ReadonlyArray<ApiInput<'listThreadPage'>>) => calls.reduce((sum, call) => sum + (call.limit ?? 200), 0);

describe('ThreadsState: the thread list a page at a time', () => {
  it('starts from one small first page, whatever the size of the account, and never reads the whole list', async () => {
    const account = accountOf(10_000);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    expect(account.pageCalls).toEqual([{ accountId: ACCOUNT, limit: FIRST_PAGE }]);
    expect(ids(state.ordered)).toEqual(ids([...account.threads.values()].slice(0, FIRST_PAGE)));
    expect(state.hasMore).toBe(true);
    expect(account.otherCalls).toEqual([]);
  });

  it('reads the next page after the last thread read when asked for more, until there is none', async () => {
    const account = accountOf(FIRST_PAGE + NEXT_PAGE + 10);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    await state.loadMore();
    expect(account.pageCalls[1]).toEqual({
      accountId: ACCOUNT,
      limit: NEXT_PAGE,
      after: { activityAt: state.list[FIRST_PAGE - 1]!.lastActivityAt, id: state.list[FIRST_PAGE - 1]!.id },
    });
    expect(state.list).toHaveLength(FIRST_PAGE + NEXT_PAGE);
    await state.loadMore();
    expect(ids(state.list)).toEqual(ids([...account.threads.values()]));
    expect(state.hasMore).toBe(false);
    await state.loadMore();
    expect(account.pageCalls).toHaveLength(3);
  });

  it('reloads from the top only as far as it was read', async () => {
    const account = accountOf(1000);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    await state.loadMore();
    await state.loadMore();
    const depth = state.list.length;
    account.pageCalls.length = 0;
    await account.threadsChanged(state);
    expect(rowsRead(account.pageCalls)).toBe(depth);
    expect(account.pageCalls[0]!.after).toBeUndefined();
    expect(ids(state.list)).toEqual(ids([...account.threads.values()].slice(0, depth)));
    expect(state.hasMore).toBe(true);
  });

  it('moves a thread updated out of order to its new place, and drops a deleted one', async () => {
    const account = accountOf(500);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    // One far below the pages read receives a message; one on screen is deleted.
    const moved = account.threads.get('t0300')!;
    account.threads.set(moved.id, { ...moved, lastActivityAt: 1000 * HOUR, lastMessagePreview: 'news' });
    const deleted = account.threads.get('t0002')!;
    account.threads.set(deleted.id, { ...deleted, deletedOn: 1 });
    await account.threadsChanged(state);
    expect(state.ordered[0]).toMatchObject({ id: 't0300', lastMessagePreview: 'news' });
    expect(ids(state.ordered)).not.toContain('t0002');
    expect(state.list).toHaveLength(FIRST_PAGE);
    // The rest keep their order, one further down for the thread that came in and the one that left.
    expect(ids(state.ordered).slice(1)).toEqual(ids([...account.threads.values()].filter((thread) => thread.id !== 't0002' && thread.id !== 't0300')).slice(0, FIRST_PAGE - 1));
  });

  it('drops a page that arrives after a newer reload started', async () => {
    const account = accountOf(400);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    const more = state.loadMore();
    const reload = state.reload();
    await Promise.all([more, reload]);
    expect(state.list).toHaveLength(FIRST_PAGE);
    expect(new Set(ids(state.list)).size).toBe(FIRST_PAGE);
  });

  it('reads a thread opened from beyond the pages read on its own, and keeps it fresh while selected', async () => {
    const account = accountOf(1000);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    expect(state.find('t0900')).toBeNull();
    expect(await state.summaryOf('t0900')).toMatchObject({ id: 't0900', topic: 'Even 900' });
    state.selectedId = 't0900';
    expect(state.find('t0900')?.topic).toBe('Even 900');
    account.threads.set('t0900', { ...account.threads.get('t0900')!, topic: 'Renamed' });
    await account.threadsChanged(state);
    expect(state.find('t0900')?.topic).toBe('Renamed');
    expect(state.list).toHaveLength(FIRST_PAGE);
    // Once another thread is selected, the next reload lets it go.
    state.selectedId = 't0001';
    await account.threadsChanged(state);
    expect(state.find('t0900')).toBeNull();
    expect(account.otherCalls).toEqual(['getThread:t0900', 'getThread:t0900']);
  });

  it('the quick switcher lists the threads read when nothing is typed, and asks main for a topic typed', async () => {
    const account = accountOf(1000);
    const state = new ThreadsState(account.bridge);
    await state.show(ACCOUNT);
    const finder = new ThreadFinder(state);
    flushSync();
    expect(ids(finder.matches)).toEqual(ids(state.ordered));
    await finder.search('odd 99');
    // Threads far beyond the pages read are found.
    expect(ids(finder.matches)).toEqual(['t0099', 't0991', 't0993', 't0995', 't0997', 't0999']);
    expect(account.otherCalls).toEqual(['findThreads:odd 99']);
    expect(account.pageCalls).toHaveLength(1);
    await finder.search('');
    expect(ids(finder.matches)).toEqual(ids(state.ordered));
  });
});
