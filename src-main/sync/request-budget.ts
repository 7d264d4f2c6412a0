/** The rate-limited chat operations, grouped the way the service counts them (the service's documented chat rate limits: Microsoft Learn, "Service limits for Azure Communication Services", Chat). */
export type BudgetOperation =
  | 'create-or-delete-thread'
  | 'update-thread'
  | 'add-or-remove-participants'
  | 'list-threads'
  | 'get-message'
  | 'list-messages'
  | 'list-read-receipts'
  | 'list-participants'
  /** Send, update and delete message share one limit. */
  | 'write-message'
  | 'send-read-receipt'
  | 'typing';

/** Who the service counts against: the calling user, the thread (all its users together), or both. */
export type LimitScope = 'user' | 'thread' | 'user-thread';

export interface RateLimit {
  operation: BudgetOperation;
  scope: LimitScope;
  windowMs: number;
  /** The documented number of requests per window. */
  max: number;
}

const TEN_SECONDS = 10_000;
const ONE_MINUTE = 60_000;

/** The documented chat rate limits, one row per operation, scope and window. */
export const ACS_CHAT_RATE_LIMITS: readonly RateLimit[] = [
  { operation: 'create-or-delete-thread', scope: 'user', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'update-thread', scope: 'thread', windowMs: TEN_SECONDS, max: 5 },
  { operation: 'add-or-remove-participants', scope: 'thread', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'add-or-remove-participants', scope: 'thread', windowMs: ONE_MINUTE, max: 30 },
  { operation: 'list-threads', scope: 'user', windowMs: TEN_SECONDS, max: 50 },
  { operation: 'get-message', scope: 'user-thread', windowMs: TEN_SECONDS, max: 50 },
  { operation: 'get-message', scope: 'thread', windowMs: TEN_SECONDS, max: 250 },
  { operation: 'list-messages', scope: 'user-thread', windowMs: TEN_SECONDS, max: 50 },
  { operation: 'list-messages', scope: 'user-thread', windowMs: ONE_MINUTE, max: 200 },
  { operation: 'list-messages', scope: 'thread', windowMs: TEN_SECONDS, max: 250 },
  { operation: 'list-messages', scope: 'thread', windowMs: ONE_MINUTE, max: 400 },
  { operation: 'list-read-receipts', scope: 'user-thread', windowMs: TEN_SECONDS, max: 5 },
  { operation: 'list-read-receipts', scope: 'thread', windowMs: TEN_SECONDS, max: 100 },
  { operation: 'list-participants', scope: 'user-thread', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'list-participants', scope: 'thread', windowMs: TEN_SECONDS, max: 250 },
  { operation: 'write-message', scope: 'thread', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'write-message', scope: 'thread', windowMs: ONE_MINUTE, max: 30 },
  { operation: 'send-read-receipt', scope: 'user-thread', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'send-read-receipt', scope: 'user-thread', windowMs: ONE_MINUTE, max: 30 },
  { operation: 'typing', scope: 'user-thread', windowMs: TEN_SECONDS, max: 5 },
  { operation: 'typing', scope: 'user-thread', windowMs: ONE_MINUTE, max: 15 },
  { operation: 'typing', scope: 'thread', windowMs: TEN_SECONDS, max: 10 },
  { operation: 'typing', scope: 'thread', windowMs: ONE_MINUTE, max: 30 },
];

/**
 * What a request is counted against. `userId` is the ACS user the account signs in as; `threadId` is
 * required for every operation with a thread-scoped limit. Thread-scoped counters are shared by all
 * the accounts that call with the same thread, as on the service.
 */
export interface BudgetKey {
  userId: string;
  threadId?: string;
}

export type TakeResult = { ok: true } | { ok: false; retryAt: number };

export interface RequestBudgetOptions {
  /** The share of each documented limit Parley allows itself, leaving room for the user's other clients. */
  safetyFactor: number;
  /** Per-operation exceptions, e.g. a higher share for the history backfill's list-messages. */
  safetyFactorByOperation: Partial<Record<BudgetOperation, number>>;
}

export const DEFAULT_REQUEST_BUDGET: RequestBudgetOptions = { safetyFactor: 0.6, safetyFactorByOperation: {} };

/**
 * The share of the list-messages limits Parley takes: the first sync of a long history is a run of
 * list-messages pages limited by 200 / 60 s per user per thread, so its speed is this share of the
 * fastest the service allows (at 0.85 a 100,000-message history took 18% longer than the limits
 * require). 0.98 keeps one request per 10 s and four per minute for the user's other clients, and
 * a margin for requests that reach the service later than they were counted here.
 */
export const LIST_MESSAGES_SHARE = 0.98;

/** Above this many counters, the ones that have gone quiet are dropped, at most once a minute. */
const SWEEP_THRESHOLD = 4096;
const SWEEP_INTERVAL_MS = 60_000;

interface Counter {
  windowMs: number;
  allowed: number;
  /** When each counted request went, oldest first. */
  takenAt: number[];
}

/**
 * Sliding-window request counters for the documented per-user and per-thread limits. A request taken
 * at `t` counts against every window it falls in until `t + windowMs`, when it stops counting. `now`
 * must come from a clock that never goes back.
 */
export class RequestBudget {
  readonly #options: RequestBudgetOptions;
  readonly #counters = new Map<string, Counter>();
  #nextSweepAt = Number.NEGATIVE_INFINITY;

  constructor(options: Partial<RequestBudgetOptions> = {}) {
    this.#options = { ...DEFAULT_REQUEST_BUDGET, ...options };
  }

  /** How many requests per window Parley allows itself for each limit of `operation`. */
  allowances(operation: BudgetOperation): Array<RateLimit & { allowed: number }> {
    return ACS_CHAT_RATE_LIMITS.filter((limit) => limit.operation === operation).map((limit) => ({ ...limit, allowed: this.#allowed(limit) }));
  }

  /** Counts one request now if every limit has room; otherwise says when the first one will. */
  tryTake(operation: BudgetOperation, key: BudgetKey, now: number): TakeResult {
    const counters = this.#countersFor(operation, key, now);
    const retryAt = this.#earliestRoom(counters, now);
    if (retryAt > now) return { ok: false, retryAt };
    for (const counter of counters) counter.takenAt.push(now);
    return { ok: true };
  }

  /** When a request of `operation` could be taken: `now` when it can be at once. */
  nextAvailable(operation: BudgetOperation, key: BudgetKey, now: number): number {
    return this.#earliestRoom(this.#countersFor(operation, key, now), now);
  }

  #allowed(limit: RateLimit): number {
    const factor = this.#options.safetyFactorByOperation[limit.operation] ?? this.#options.safetyFactor;
    return Math.max(1, Math.floor(limit.max * factor));
  }

  #earliestRoom(counters: readonly Counter[], now: number): number {
    let earliest = now;
    for (const { takenAt, allowed, windowMs } of counters) {
      // The window has room again once enough of its requests have aged out to leave `allowed - 1`.
      const mustExpire = takenAt.length - allowed;
      if (mustExpire >= 0) earliest = Math.max(earliest, takenAt[mustExpire] + windowMs);
    }
    return earliest;
  }

  #countersFor(operation: BudgetOperation, key: BudgetKey, now: number): Counter[] {
    if (this.#counters.size > SWEEP_THRESHOLD && now >= this.#nextSweepAt) this.#sweep(now);
    return ACS_CHAT_RATE_LIMITS.filter((limit) => limit.operation === operation).map((limit) => {
      const id = `${operation}\u0000${limit.windowMs}\u0000${scopeKey(limit, key)}`;
      let counter = this.#counters.get(id);
      if (counter === undefined) {
        counter = { windowMs: limit.windowMs, allowed: this.#allowed(limit), takenAt: [] };
        this.#counters.set(id, counter);
      }
      expire(counter, now);
      return counter;
    });
  }

  #sweep(now: number): void {
    this.#nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [id, counter] of this.#counters) {
      expire(counter, now);
      if (counter.takenAt.length === 0) this.#counters.delete(id);
    }
  }
}

function expire(counter: Counter, now: number): void {
  const { takenAt, windowMs } = counter;
  let expired = 0;
  while (expired < takenAt.length && takenAt[expired] <= now - windowMs) expired += 1;
  if (expired > 0) takenAt.splice(0, expired);
}

function scopeKey(limit: RateLimit, key: BudgetKey): string {
  if (limit.scope === 'user') return `user:${key.userId}`;
  if (key.threadId === undefined) throw new Error(`The ${limit.operation} budget is counted per thread: give a threadId.`);
  return limit.scope === 'thread' ? `thread:${key.threadId}` : `user:${key.userId}\u0000thread:${key.threadId}`;
}
