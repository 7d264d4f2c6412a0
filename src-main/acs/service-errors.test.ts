import { describe, expect, it } from 'vitest';
import { classifyServiceError, describeParticipantFailure, retryAfterMs } from './service-errors.ts';

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

  it('keeps the readable part of a permanent refusal, as a sentence', () => {
    expect(classifyServiceError(restError(400), 'send').message).toBe('Service says no.');
  });

  it('unwraps the live chat wrapper the SDK leaves as the message', () => {
    const body = '{"CommunicationError":{"Code":"BadRequest","Message":"Identifier format is invalid (8:acs:fakeid===).","Details":[]}}';
    const failure = classifyServiceError(Object.assign(new Error(body), { statusCode: 400 }), 'add this person');
    expect(failure.code).toBe('permanent');
    expect(failure.message).toBe('Identifier format is invalid (8:acs:fakeid===).');
  });

  it('never shows a body without a message, or an empty one', () => {
    const noMessage = Object.assign(new Error('{"CommunicationError":{"Code":"BadRequest","Details":[]}}'), { statusCode: 400 });
    expect(classifyServiceError(noMessage, 'send this message').message).toBe('The service refused to send this message (400).');
    expect(classifyServiceError(Object.assign(new Error(''), { statusCode: 409 }), 'send this message').message).toBe('The service refused to send this message (409).');
    expect(classifyServiceError(new Error('[1,2]'), 'list').message).toBe('Could not list: unknown error.');
  });

  it('falls back to the wrapper code when there is no HTTP status', () => {
    const error = new Error('{"CommunicationError":{"Code":"NotFound","Details":[]}}');
    expect(classifyServiceError(error, 'open this conversation').code).toBe('not-found');
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

describe('describeParticipantFailure', () => {
  it('says in words why the service refused one person, never its bare "Permissions check failed"', () => {
    expect(describeParticipantFailure('403')).toBe('No user with this id in this Communication Services resource (unknown, deleted, or from another resource).');
    expect(describeParticipantFailure('400')).toBe('Not a Communication Services user id.');
    expect(describeParticipantFailure('409')).toBe('The service did not add this person (409).');
    expect(describeParticipantFailure(undefined)).toBe('The service did not add this person.');
  });
});

describe('an unreachable service', () => {
  it('names the action that failed and promises no retry', () => {
    const failure = classifyServiceError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'change the topic');
    expect(failure.code).toBe('transient');
    expect(failure.message).toBe('Could not change the topic: the service cannot be reached.');
  });
});
