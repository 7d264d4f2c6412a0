/**
 * The bodies the LIVE ACS services send on failure, fed through the real SDK pipeline (a custom
 * `httpClient`), so that what reaches `classifyServiceError` is exactly the RestError the SDK makes.
 *
 * The live chat service wraps errors as `{"CommunicationError":{"Code","Message","Details"}}`, which
 * the JS SDK does not deserialize: its RestError then has `code` undefined and `message` equal to the
 * raw body. Sources of these bodies:
 * - Azure/azure-cli-extensions, src/communication/azext_communication/tests/latest/recordings/
 *   (test_chat_add_participant_bad_user.yaml, and the other test_chat_*.yaml recordings: 403 Forbidden
 *   "The initiator doesn't have the permission…", 404 NotFound without Message, 400 BadRequest
 *   "Identifier format is invalid (…)").
 * - Azure/azure-sdk-for-python, sdk/communication/azure-communication-identity/tests/recordings/
 *   test_communication_identity_client.pyTestClienttest_get_token_with_invalid_custom_expirations[max_invalid_mins-1441].json
 *   (IDENTITY_VALIDATION), …test_get_token_with_no_scopes.json (IDENTITY_NO_SCOPES),
 *   …test_get_token_for_teams_user_with_invalid_token[invalid_token-invalid].json (TEAMS_INVALID_TOKEN).
 * - IDENTITY_DENIED: the HMAC refusal quoted from the azure-cli-extensions communication recordings.
 * Identity errors use `{"error":{"code","message","target"}}`, which the SDK does deserialize. No
 * recording holds a chat 401 (the SDK issue Azure/azure-sdk-for-java#17951 reports it with an empty
 * body), 429 or 503: THROTTLED and UNAVAILABLE are the emulator's bodies in the live wrapper.
 */
import { describe, expect, it } from 'vitest';
import { ChatClient, type ChatThreadClient } from '@azure/communication-chat';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { createHttpHeaders, type HttpClient } from '@azure/core-rest-pipeline';
import { ApiFailure } from '../base/api-failure.ts';
import { classifyServiceError } from './service-errors.ts';

const ENDPOINT = 'https://parley-test.communication.azure.com';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;

const FORBIDDEN = '{"CommunicationError":{"Code":"Forbidden","Message":"The initiator doesn\'t have the permission to perform the requested operation.","Details":[]}}';
const NOT_FOUND = '{"CommunicationError":{"Code":"NotFound","Details":[]}}';
const BAD_REQUEST = '{"CommunicationError":{"Code":"BadRequest","Message":"Identifier format is invalid (8:acs:fakeid===).","Details":[]}}';
const THROTTLED = '{"CommunicationError":{"Code":"TooManyRequests","Message":"Rate limit exceeded.","Details":[]}}';
const UNAVAILABLE = '{"CommunicationError":{"Code":"ServiceUnavailable","Details":[]}}';
const IDENTITY_VALIDATION =
  '{"error":{"code":"ValidationError","message":"ExpiresInMinutes value 1441 is invalid. Value must be within the [60, 1440] interval.","target":"ExpiresInMinutes"}}';
const IDENTITY_NO_SCOPES = '{"error":{"code":"ValidationError","message":"Scopes: The Scopes field is required.","target":"Scopes"}}';
const IDENTITY_DENIED = '{"error":{"code":"Denied","message":"Request \'x-ms-content-sha256\' differs from generated content hash."}}';
const TEAMS_INVALID_TOKEN = '{"error":{"code":"InvalidAccessToken","message":"Provided access token is not valid."}}';

/** An HttpClient that answers every request with one status and body, as the live service would. */
function answering(status: number, body: string, headers: Record<string, string> = {}): HttpClient & { calls: number } {
  const client = {
    calls: 0,
    sendRequest: async (request: Parameters<HttpClient['sendRequest']>[0]) => {
      client.calls += 1;
      return { request, status, headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }), bodyAsText: body };
    },
  };
  return client;
}

const options = (httpClient: HttpClient) => ({ httpClient, retryOptions: { maxRetries: 0 } });
const chatClient = (httpClient: HttpClient) => new ChatClient(ENDPOINT, new AzureCommunicationTokenCredential(TOKEN), options(httpClient));
const threadClient = (httpClient: HttpClient): ChatThreadClient => chatClient(httpClient).getChatThreadClient('19:unknown@thread.v2');
const identityClient = (httpClient: HttpClient) =>
  new CommunicationIdentityClient(`endpoint=${ENDPOINT}/;accesskey=${Buffer.from('test-key').toString('base64')}`, options(httpClient));

async function failureOf(run: () => Promise<unknown>, operation: string): Promise<{ raw: unknown; failure: ApiFailure }> {
  try {
    await run();
  } catch (raw) {
    return { raw, failure: classifyServiceError(raw, operation) };
  }
  throw new Error('the call was expected to fail');
}

/** What a user may be shown: a sentence, with nothing of a body, wrapper name or stack in it. */
function expectUserSentence(message: string): void {
  expect(message).toMatch(/^[A-Z]/);
  expect(message).toMatch(/[.!?]$/);
  expect(message).not.toContain('{');
  // A JSON array opens with `[` then `{`, `"`, `[` or `]`; the service's own `[60, 1440]` is prose.
  expect(message).not.toMatch(/\[\s*["{[\]]/);
  expect(message).not.toContain('CommunicationError');
  expect(message).not.toContain('"');
  expect(message).not.toMatch(/\n\s*at\s/);
  expect(message).not.toMatch(/RestError|Details/);
}

describe('live ACS error bodies through the real SDK pipeline', () => {
  it('403 CommunicationError: forbidden, with the service sentence unwrapped', async () => {
    const { raw, failure } = await failureOf(() => threadClient(answering(403, FORBIDDEN)).sendMessage({ content: 'hi' }), 'send this message');
    // The premise: the SDK leaves the raw body as its message.
    expect((raw as { code?: string }).code).toBeUndefined();
    expect((raw as Error).message).toBe(FORBIDDEN);
    expect(failure.code).toBe('forbidden');
    expect(failure.message).toBe("You are not allowed to send this message (The initiator doesn't have the permission to perform the requested operation).");
    expectUserSentence(failure.message);
  });

  it('404 CommunicationError without Message: not found', async () => {
    const { failure } = await failureOf(() => threadClient(answering(404, NOT_FOUND)).getProperties(), 'open this conversation');
    expect(failure.code).toBe('not-found');
    expect(failure.message).toBe('Not found: the service does not know this conversation.');
    expectUserSentence(failure.message);
  });

  it('400 CommunicationError: permanent, with the service sentence', async () => {
    const { failure } = await failureOf(
      () => threadClient(answering(400, BAD_REQUEST)).addParticipants({ participants: [{ id: { communicationUserId: '8:acs:fakeid===' } }] }),
      'add this person',
    );
    expect(failure.code).toBe('permanent');
    expect(failure.message).toBe('Identifier format is invalid (8:acs:fakeid===).');
    expectUserSentence(failure.message);
  });

  it('400 CommunicationError without Message: permanent, with Parley’s own sentence', async () => {
    const body = '{"CommunicationError":{"Code":"BadRequest","Details":[]}}';
    const { failure } = await failureOf(() => chatClient(answering(400, body)).createChatThread({ topic: 'x' }), 'create a conversation');
    expect(failure.code).toBe('permanent');
    expect(failure.message).toBe('The service refused to create a conversation (400).');
    expectUserSentence(failure.message);
  });

  it('401 with an empty body: signed out', async () => {
    const { raw, failure } = await failureOf(() => threadClient(answering(401, '')).getProperties(), 'open this conversation');
    expect((raw as Error).message).toBe('');
    expect(failure.code).toBe('signed-out');
    expect(failure.message).toBe('The service no longer accepts this account’s credentials. Sign in again.');
    expectUserSentence(failure.message);
  });

  it('429 with Retry-After: throttled, carrying the wait', async () => {
    const http = answering(429, THROTTLED, { 'retry-after': '3' });
    const { failure } = await failureOf(() => chatClient(http).createChatThread({ topic: 'x' }), 'create a conversation');
    expect(failure.code).toBe('throttled');
    expect(failure.retryAfterMs).toBe(3000);
    expect(failure.message).toBe('The service is busy; Parley will try again in 3 s.');
    expectUserSentence(failure.message);
  });

  it('503: transient', async () => {
    const { failure } = await failureOf(() => threadClient(answering(503, UNAVAILABLE)).sendMessage({ content: 'hi' }), 'send this message');
    expect(failure.code).toBe('transient');
    expect(failure.message).toBe('The service had a problem (503) while trying to send this message. Parley will retry.');
    expectUserSentence(failure.message);
  });

  it('identity 400 ValidationError: permanent, with the service sentence', async () => {
    const { failure } = await failureOf(
      () => identityClient(answering(400, IDENTITY_VALIDATION)).getToken({ communicationUserId: '8:acs:x' }, ['chat'], { tokenExpiresInMinutes: 1441 }),
      'issue a chat token',
    );
    expect(failure.code).toBe('permanent');
    expect(failure.message).toBe('ExpiresInMinutes value 1441 is invalid. Value must be within the [60, 1440] interval.');
    expectUserSentence(failure.message);
  });

  it('identity 400 ValidationError for missing scopes: permanent, with the service sentence', async () => {
    const { failure } = await failureOf(() => identityClient(answering(400, IDENTITY_NO_SCOPES)).getToken({ communicationUserId: '8:acs:x' }, []), 'issue a chat token');
    expect(failure.code).toBe('permanent');
    expect(failure.message).toBe('Scopes: The Scopes field is required.');
    expectUserSentence(failure.message);
  });

  it('identity 401 InvalidAccessToken from the Teams token exchange: signed out', async () => {
    const { failure } = await failureOf(
      () => identityClient(answering(401, TEAMS_INVALID_TOKEN)).getTokenForTeamsUser({ teamsUserAadToken: 'invalid', clientId: 'app', userObjectId: 'user' }),
      'sign in as a Teams user',
    );
    expect(failure.code).toBe('signed-out');
    expectUserSentence(failure.message);
  });

  it('identity 401 Denied: signed out', async () => {
    const { failure } = await failureOf(() => identityClient(answering(401, IDENTITY_DENIED)).createUser(), 'create a chat user with this connection string');
    expect(failure.code).toBe('signed-out');
    expectUserSentence(failure.message);
  });

  it.each([
    [403, FORBIDDEN],
    [404, NOT_FOUND],
    [400, BAD_REQUEST],
    [401, ''],
    [409, '{"CommunicationError":{"Code":"Conflict","Details":[]}}'],
    [429, THROTTLED],
    [500, '{"CommunicationError":{"Code":"InternalServerError","Message":"{\\"inner\\":1}","Details":[]}}'],
    [503, UNAVAILABLE],
    [400, '[{"unexpected":"array"}]'],
    [400, '<html><body>Bad gateway</body></html>'],
  ])('HTTP %i with body %s gives a sentence and no body', async (status, body) => {
    for (const run of [
      (http: HttpClient) => threadClient(http).getProperties(),
      (http: HttpClient) => threadClient(http).sendMessage({ content: 'hi' }),
      (http: HttpClient) => chatClient(http).createChatThread({ topic: 'x' }),
    ]) {
      const { failure } = await failureOf(() => run(answering(status, body)), 'do this');
      expectUserSentence(failure.message);
    }
  });

  it.each([
    [400, IDENTITY_VALIDATION, 'permanent'],
    [400, IDENTITY_NO_SCOPES, 'permanent'],
    [401, IDENTITY_DENIED, 'signed-out'],
    [401, TEAMS_INVALID_TOKEN, 'signed-out'],
    [403, '{"error":{"code":"Forbidden","message":"{\\"policy\\":\\"x\\"}"}}', 'forbidden'],
    [404, '{"error":{"code":"IdentityNotFound","message":"Identity not found."}}', 'not-found'],
    [429, '{"error":{"code":"TooManyRequests","message":"Rate limit exceeded."}}', 'throttled'],
    [500, '', 'transient'],
  ])('identity HTTP %i with body %s is a %s sentence with no body', async (status, body, code) => {
    for (const run of [
      (http: HttpClient) => identityClient(http).createUser(),
      (http: HttpClient) => identityClient(http).getToken({ communicationUserId: '8:acs:x' }, ['chat']),
    ]) {
      const { failure } = await failureOf(() => run(answering(status, body)), 'issue a chat token');
      expect(failure.code).toBe(code);
      expectUserSentence(failure.message);
    }
  });
});
