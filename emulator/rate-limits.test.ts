import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { ApiError } from './errors.ts';
import { RateLimiter } from './rate-limits.ts';
import { createChatUser, rawRequest } from './test-support/sdk-clients.ts';
import { useEmulator } from './test-support/use-emulator.ts';

const clock = new ManualClock();
const emulator = useEmulator({ clock, rateLimits: true });

function sendRaw(threadId: string, token: string) {
  return rawRequest(emulator().caPem, new URL(`/chat/threads/${encodeURIComponent(threadId)}/messages?api-version=2025-03-15`, emulator().endpoint).toString(), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'spam' }),
  });
}

describe('rate limits (on by default)', () => {
  it('answers the 11th message in 10 s with 429, Retry-After and retry-after-ms, per thread', async () => {
    const alice = createChatUser(emulator());
    const threadId = (await alice.chat.createChatThread({ topic: 'Busy' })).chatThread?.id ?? '';
    const otherThreadId = (await alice.chat.createChatThread({ topic: 'Quiet' })).chatThread?.id ?? '';
    for (let index = 0; index < 10; index++) {
      clock.advance(100);
      expect((await sendRaw(threadId, alice.token)).status).toBe(201);
    }
    const throttled = await sendRaw(threadId, alice.token);
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({ CommunicationError: { Code: 'TooManyRequests', Message: expect.any(String), Details: [] } });
    // The first of the ten leaves the window 9.1 s from now; Retry-After rounds up to whole seconds.
    expect(throttled.headers['retry-after']).toBe('10');
    expect(throttled.headers['retry-after-ms']).toBe('9100');
    expect((await sendRaw(otherThreadId, alice.token)).status).toBe(201);

    clock.advance(9_099);
    expect((await sendRaw(threadId, alice.token)).status).toBe(429);
    clock.advance(1);
    expect((await sendRaw(threadId, alice.token)).status).toBe(201);
    expect(emulator().operations.count({ route: 'sendChatMessage', status: 429 })).toBe(2);
  });

  it('can be switched off at run time', async () => {
    const alice = createChatUser(emulator());
    const threadId = (await alice.chat.createChatThread({ topic: 'Unlimited' })).chatThread?.id ?? '';
    emulator().rateLimits.enabled = false;
    try {
      for (let index = 0; index < 15; index++) expect((await sendRaw(threadId, alice.token)).status).toBe(201);
    } finally {
      emulator().rateLimits.enabled = true;
    }
  });
});

describe('RateLimiter', () => {
  function retryAfterMsOf(action: () => void): number | undefined {
    try {
      action();
      return undefined;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      expect(error.status).toBe(429);
      return Number(error.headers['retry-after-ms']);
    }
  }

  it('applies the 60 s window after the 10 s window has room again', () => {
    const limiter = new RateLimiter(true);
    const subject = { userId: 'u', threadId: 't' };
    let now = 0;
    for (let batch = 0; batch < 3; batch++) {
      for (let index = 0; index < 10; index++) limiter.admit('writeMessage', subject, now);
      now += 10_000;
    }
    expect(retryAfterMsOf(() => limiter.admit('writeMessage', subject, now))).toBe(30_000);
    expect(retryAfterMsOf(() => limiter.admit('writeMessage', subject, now + 30_000))).toBeUndefined();
  });

  it('keys per user and thread, per thread, per user, or per resource as the table says', () => {
    const limiter = new RateLimiter(true);
    for (let index = 0; index < 5; index++) limiter.admit('listReadReceipts', { userId: 'a', threadId: 't' }, 0);
    expect(retryAfterMsOf(() => limiter.admit('listReadReceipts', { userId: 'a', threadId: 't' }, 1))).toBeGreaterThan(0);
    expect(retryAfterMsOf(() => limiter.admit('listReadReceipts', { userId: 'b', threadId: 't' }, 1))).toBeUndefined();
    for (let index = 0; index < 50; index++) limiter.admit('readThreads', { userId: 'a' }, 0);
    expect(retryAfterMsOf(() => limiter.admit('readThreads', { userId: 'a' }, 5_000))).toBe(5_000);
    expect(retryAfterMsOf(() => limiter.admit('readThreads', { userId: 'b' }, 5_000))).toBeUndefined();
  });

  it('does nothing when disabled', () => {
    const limiter = new RateLimiter(false);
    for (let index = 0; index < 100; index++) limiter.admit('updateThread', { threadId: 't' }, 0);
  });
});
