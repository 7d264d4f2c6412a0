import { tooManyRequests } from './errors.ts';

/** The operations of the reference's rate-limit table (§11), each with its scope and windows. */
export type RateLimitedOperation =
  | 'createOrDeleteThread'
  | 'updateThread'
  | 'changeParticipants'
  | 'readThreads'
  | 'getMessage'
  | 'listMessages'
  | 'listReadReceipts'
  | 'listParticipants'
  | 'writeMessage'
  | 'sendReadReceipt'
  | 'typing'
  | 'identityCreateUser'
  | 'identityCreateUserAndToken'
  | 'identityDeleteUser'
  | 'identityIssueToken'
  | 'identityRevokeTokens';

type Scope = 'user' | 'thread' | 'userThread' | 'resource';

interface Window {
  ms: number;
  max: number;
}

interface Rule {
  scope: Scope;
  windows: readonly Window[];
}

const per10s = (max: number): Window => ({ ms: 10_000, max });
const per60s = (max: number): Window => ({ ms: 60_000, max });
const per30s = (max: number): Window => ({ ms: 30_000, max });

export const RATE_LIMIT_RULES: Record<RateLimitedOperation, readonly Rule[]> = {
  createOrDeleteThread: [{ scope: 'user', windows: [per10s(10)] }],
  updateThread: [{ scope: 'thread', windows: [per10s(5)] }],
  changeParticipants: [{ scope: 'thread', windows: [per10s(10), per60s(30)] }],
  readThreads: [{ scope: 'user', windows: [per10s(50)] }],
  getMessage: [
    { scope: 'userThread', windows: [per10s(50)] },
    { scope: 'thread', windows: [per10s(250)] },
  ],
  listMessages: [
    { scope: 'userThread', windows: [per10s(50), per60s(200)] },
    { scope: 'thread', windows: [per10s(250), per60s(400)] },
  ],
  listReadReceipts: [
    { scope: 'userThread', windows: [per10s(5)] },
    { scope: 'thread', windows: [per10s(100)] },
  ],
  listParticipants: [
    { scope: 'userThread', windows: [per10s(10)] },
    { scope: 'thread', windows: [per10s(250)] },
  ],
  writeMessage: [{ scope: 'thread', windows: [per10s(10), per60s(30)] }],
  sendReadReceipt: [{ scope: 'userThread', windows: [per10s(10), per60s(30)] }],
  typing: [
    { scope: 'userThread', windows: [per10s(5), per60s(15)] },
    { scope: 'thread', windows: [per10s(10), per60s(30)] },
  ],
  identityCreateUser: [{ scope: 'resource', windows: [per30s(1000)] }],
  identityCreateUserAndToken: [{ scope: 'resource', windows: [per30s(1000)] }],
  identityDeleteUser: [{ scope: 'resource', windows: [per30s(500)] }],
  identityIssueToken: [{ scope: 'resource', windows: [per30s(1000)] }],
  identityRevokeTokens: [{ scope: 'resource', windows: [per30s(500)] }],
};

export interface RateLimitSubject {
  userId?: string | undefined;
  threadId?: string | undefined;
}

function scopeKey(operation: RateLimitedOperation, scope: Scope, subject: RateLimitSubject): string {
  switch (scope) {
    case 'user':
      return `${operation}|u|${subject.userId ?? ''}`;
    case 'thread':
      return `${operation}|t|${subject.threadId ?? ''}`;
    case 'userThread':
      return `${operation}|ut|${subject.userId ?? ''}|${subject.threadId ?? ''}`;
    case 'resource':
      return `${operation}|r`;
  }
}

const LONGEST_WINDOW_MS = 60_000;

/**
 * Sliding-window limiter. A request is admitted only if every window of every rule has room;
 * refused requests do not count. A 429 says how long until the oldest blocking request leaves its window.
 */
export class RateLimiter {
  readonly #history = new Map<string, number[]>();
  enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  admit(operation: RateLimitedOperation, subject: RateLimitSubject, nowMs: number): void {
    if (!this.enabled) return;
    const rules = RATE_LIMIT_RULES[operation];
    const keys = rules.map((rule) => scopeKey(operation, rule.scope, subject));
    let retryAfterMs = 0;
    rules.forEach((rule, index) => {
      const times = this.#recent(keys[index] ?? '', nowMs);
      for (const window of rule.windows) {
        const inWindow = times.filter((time) => time > nowMs - window.ms);
        if (inWindow.length >= window.max) {
          const oldestBlocking = inWindow[inWindow.length - window.max] ?? nowMs;
          retryAfterMs = Math.max(retryAfterMs, oldestBlocking + window.ms - nowMs);
        }
      }
    });
    if (retryAfterMs > 0) throw tooManyRequests(retryAfterMs);
    for (const key of keys) this.#recent(key, nowMs).push(nowMs);
  }

  reset(): void {
    this.#history.clear();
  }

  #recent(key: string, nowMs: number): number[] {
    const times = this.#history.get(key);
    if (!times) {
      const fresh: number[] = [];
      this.#history.set(key, fresh);
      return fresh;
    }
    const firstLive = times.findIndex((time) => time > nowMs - LONGEST_WINDOW_MS);
    if (firstLive === -1) times.length = 0;
    else if (firstLive > 0) times.splice(0, firstLive);
    return times;
  }
}
