import { describe, expect, it } from 'vitest';
import { ACS_CHAT_RATE_LIMITS, LIST_MESSAGES_SHARE, RequestBudget, type BudgetOperation, type LimitScope } from './request-budget.ts';

/** The service's documented chat rate-limit table ("Service limits for Azure Communication Services"), copied verbatim. */
const DOCUMENTED_TABLE = `
| Create or delete thread | per user | 10 | – |
| Update thread | per thread | 5 | – |
| Add or remove participants | per thread | 10 | 30 |
| Get/list threads | per user | 50 | – |
| Get message | per user per thread | 50 | – |
| Get message | per thread | 250 | – |
| List messages | per user per thread | 50 | 200 |
| List messages | per thread | 250 | 400 |
| Get read receipts | per user per thread | 5 | – |
| Get read receipts | per thread | 100 | – |
| List participants | per user per thread | 10 | – |
| List participants | per thread | 250 | – |
| Send/update/delete message | per thread | 10 | 30 |
| Send read receipt | per user per thread | 10 | 30 |
| Typing | per user per thread | 5 | 15 |
| Typing | per thread | 10 | 30 |
`;

const OPERATION_OF_DOC_NAME: Record<string, BudgetOperation> = {
  'Create or delete thread': 'create-or-delete-thread',
  'Update thread': 'update-thread',
  'Add or remove participants': 'add-or-remove-participants',
  'Get/list threads': 'list-threads',
  'Get message': 'get-message',
  'List messages': 'list-messages',
  'Get read receipts': 'list-read-receipts',
  'List participants': 'list-participants',
  'Send/update/delete message': 'write-message',
  'Send read receipt': 'send-read-receipt',
  Typing: 'typing',
};
const SCOPE_OF_DOC_NAME: Record<string, LimitScope> = { 'per user': 'user', 'per thread': 'thread', 'per user per thread': 'user-thread' };

function documentedLimits() {
  return DOCUMENTED_TABLE.trim()
    .split('\n')
    .flatMap((line) => {
      const [name = '', scope = '', per10s = '', per60s = ''] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const windows = [
        [10_000, per10s],
        [60_000, per60s],
      ] as const;
      return windows
        .filter(([, max]) => max !== '–')
        .map(([windowMs, max]) => ({ operation: OPERATION_OF_DOC_NAME[name], scope: SCOPE_OF_DOC_NAME[scope], windowMs, max: Number(max) }));
    });
}

const ALICE = { userId: '8:acs:alice', threadId: 'thread-1' };
const T0 = 1_000_000;

/** Takes `count` requests at `now`, expecting each to be allowed. */
function takeAll(budget: RequestBudget, operation: BudgetOperation, key: typeof ALICE, count: number, now: number): void {
  for (let taken = 0; taken < count; taken += 1) expect(budget.tryTake(operation, key, now)).toEqual({ ok: true });
}

describe('ACS_CHAT_RATE_LIMITS', () => {
  it('matches the documented table row for row', () => {
    expect(ACS_CHAT_RATE_LIMITS).toEqual(documentedLimits());
  });
});

describe('RequestBudget', () => {
  it('allows 60% of each documented limit by default', () => {
    const budget = new RequestBudget();
    expect(budget.allowances('list-messages').map(({ scope, windowMs, allowed }) => ({ scope, windowMs, allowed }))).toEqual([
      { scope: 'user-thread', windowMs: 10_000, allowed: 30 },
      { scope: 'user-thread', windowMs: 60_000, allowed: 120 },
      { scope: 'thread', windowMs: 10_000, allowed: 150 },
      { scope: 'thread', windowMs: 60_000, allowed: 240 },
    ]);
    expect(budget.allowances('list-read-receipts')[0]?.allowed).toBe(3);
  });

  it('refuses the request past the allowance and says when the window has room', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'list-threads', ALICE, 30, T0);
    expect(budget.tryTake('list-threads', ALICE, T0 + 1)).toEqual({ ok: false, retryAt: T0 + 10_000 });
    expect(budget.nextAvailable('list-threads', ALICE, T0 + 1)).toBe(T0 + 10_000);
  });

  it('slides: a request stops counting exactly one window after it was taken', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'list-read-receipts', ALICE, 1, T0);
    takeAll(budget, 'list-read-receipts', ALICE, 2, T0 + 4_000);
    expect(budget.tryTake('list-read-receipts', ALICE, T0 + 9_999)).toEqual({ ok: false, retryAt: T0 + 10_000 });
    expect(budget.tryTake('list-read-receipts', ALICE, T0 + 10_000)).toEqual({ ok: true });
    // Full again: the next room comes when the requests of T0 + 4 s age out, not a window after the last refusal.
    expect(budget.tryTake('list-read-receipts', ALICE, T0 + 10_001)).toEqual({ ok: false, retryAt: T0 + 14_000 });
  });

  it('does not count refused requests', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'update-thread', ALICE, 3, T0);
    for (let attempt = 1; attempt <= 20; attempt += 1) expect(budget.tryTake('update-thread', ALICE, T0 + attempt).ok).toBe(false);
    expect(budget.tryTake('update-thread', ALICE, T0 + 10_000)).toEqual({ ok: true });
  });

  it('enforces the per-minute window once the 10 s windows keep having room', () => {
    const budget = new RequestBudget();
    // write-message: 6 per 10 s and 18 per minute; three full 10 s windows use the minute up.
    for (let window = 0; window < 3; window += 1) takeAll(budget, 'write-message', ALICE, 6, T0 + window * 10_000);
    expect(budget.nextAvailable('write-message', ALICE, T0 + 30_000)).toBe(T0 + 60_000);
    expect(budget.tryTake('write-message', ALICE, T0 + 59_999).ok).toBe(false);
    expect(budget.tryTake('write-message', ALICE, T0 + 60_000)).toEqual({ ok: true });
  });

  it('says "now" when there is room', () => {
    expect(new RequestBudget().nextAvailable('typing', ALICE, T0)).toBe(T0);
  });

  it('counts per user per thread separately for each thread and each user', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'list-participants', ALICE, 6, T0);
    expect(budget.tryTake('list-participants', ALICE, T0).ok).toBe(false);
    expect(budget.tryTake('list-participants', { ...ALICE, threadId: 'thread-2' }, T0)).toEqual({ ok: true });
    expect(budget.tryTake('list-participants', { ...ALICE, userId: '8:acs:bob' }, T0)).toEqual({ ok: true });
  });

  it('counts per-user operations across threads', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'create-or-delete-thread', { userId: ALICE.userId, threadId: 'a' }, 6, T0);
    expect(budget.tryTake('create-or-delete-thread', { userId: ALICE.userId, threadId: 'b' }, T0).ok).toBe(false);
    expect(budget.tryTake('create-or-delete-thread', { userId: ALICE.userId }, T0).ok).toBe(false);
  });

  it('shares per-thread limits between the accounts calling in the same thread', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'write-message', ALICE, 6, T0);
    expect(budget.tryTake('write-message', { ...ALICE, userId: '8:acs:bob' }, T0)).toEqual({ ok: false, retryAt: T0 + 10_000 });
  });

  it('takes a per-operation safety factor', () => {
    const budget = new RequestBudget({ safetyFactorByOperation: { 'list-messages': 0.9 } });
    takeAll(budget, 'list-messages', ALICE, 45, T0);
    expect(budget.tryTake('list-messages', ALICE, T0).ok).toBe(false);
    expect(budget.allowances('list-threads')[0]?.allowed).toBe(30);
  });

  it('allows at least one request per window however small the factor', () => {
    const budget = new RequestBudget({ safetyFactor: 0.01 });
    expect(budget.tryTake('update-thread', ALICE, T0)).toEqual({ ok: true });
    expect(budget.tryTake('update-thread', ALICE, T0)).toEqual({ ok: false, retryAt: T0 + 10_000 });
  });

  it('requires a thread for thread-scoped operations', () => {
    expect(() => new RequestBudget().tryTake('list-messages', { userId: ALICE.userId }, T0)).toThrow(/threadId/);
  });

  it('keeps live counters when it drops quiet ones among many keys', () => {
    const budget = new RequestBudget();
    takeAll(budget, 'get-message', ALICE, 30, T0);
    for (let thread = 0; thread < 5_000; thread += 1) budget.tryTake('get-message', { userId: ALICE.userId, threadId: `t${thread}` }, T0 + thread);
    expect(budget.tryTake('get-message', ALICE, T0 + 9_999)).toEqual({ ok: false, retryAt: T0 + 10_000 });
    expect(budget.tryTake('get-message', ALICE, T0 + 10_000)).toEqual({ ok: true });
  });

  describe('a history backfill (list-messages back to back in one thread)', () => {
    /** When each request goes for a client that sends the instant `budget` allows, over `durationMs`. */
    function greedySchedule(budget: RequestBudget, durationMs: number): number[] {
      const sent: number[] = [];
      let now = T0;
      while (now <= T0 + durationMs) {
        const taken = budget.tryTake('list-messages', ALICE, now);
        if (taken.ok) sent.push(now);
        else now = taken.retryAt;
      }
      return sent;
    }
    const TEN_MINUTES = 10 * 60_000;
    const appBudget = () => new RequestBudget({ safetyFactorByOperation: { 'list-messages': LIST_MESSAGES_SHARE } });

    it('runs at 95% or more of the fastest the documented limits allow', () => {
      const fastest = greedySchedule(new RequestBudget({ safetyFactor: 1 }), TEN_MINUTES).length;
      const parley = greedySchedule(appBudget(), TEN_MINUTES).length;
      expect(fastest).toBe(2_000 + 50);
      expect(parley / fastest).toBeGreaterThanOrEqual(0.95);
    });

    it('never fills a documented window, leaving room for requests counted late', () => {
      const sent = greedySchedule(appBudget(), TEN_MINUTES);
      for (const { windowMs, max } of ACS_CHAT_RATE_LIMITS.filter((limit) => limit.operation === 'list-messages' && limit.scope === 'user-thread')) {
        const busiest = Math.max(...sent.map((start) => sent.filter((time) => time >= start && time < start + windowMs).length));
        expect(busiest).toBeLessThan(max);
      }
    });
  });
});
