import { describe, expect, it } from 'vitest';
import { classifyServiceError, retryAfterMs } from './service-errors.ts';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] });
const restError = (statusCode: number, values: Record<string, string> = {}) =>
  Object.assign(new Error(`{"error":{"code":"X","message":"service says no"}}`), { statusCode, response: { headers: headers(values) } });

describe('classifyServiceError', () => {
  it.each([
    [401, 'signed-out'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [429, 'throttled'],
    [408, 'transient'],
    [500, 'transient'],
    [503, 'transient'],
    [400, 'permanent'],
    [409, 'permanent'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(classifyServiceError(restError(status), 'send this message').code).toBe(code);
  });

  it('carries the service wait on 429, from any of its headers', () => {
    expect(classifyServiceError(restError(429, { 'retry-after': '7' }), 'x').retryAfterMs).toBe(7000);
    expect(classifyServiceError(restError(429, { 'retry-after-ms': '1500' }), 'x').retryAfterMs).toBe(1500);
    expect(classifyServiceError(restError(429), 'x').retryAfterMs).toBeGreaterThan(0);
  });

  it('treats network failures as transient and says the cache is shown', () => {
    const failure = classifyServiceError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' }), 'list');
    expect(failure.code).toBe('transient');
    expect(failure.message).toMatch(/cannot be reached/);
  });

  it('keeps the readable part of a permanent refusal', () => {
    expect(classifyServiceError(restError(400), 'send').message).toBe('service says no');
  });
});

describe('retryAfterMs', () => {
  it('reads an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
  });
  it('ignores garbage', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});
