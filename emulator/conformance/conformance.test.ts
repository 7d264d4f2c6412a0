/**
 * The emulator against responses recorded from the LIVE service. Each file in `recordings/` holds one
 * recorded response (trimmed), and names the public recording it comes from in `source`. A scenario here
 * makes the emulator answer the same request; the answer must match the recording in status, the headers
 * clients read, and the body: the same keys in the same order at every level, the same literal values,
 * and values of the same format where the recording's are instance-specific (ids, times, tokens).
 * A recorded value the recording's tool replaced with `sanitized` matches any string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../auth/hmac.ts';
import { ManualClock } from '../clock.ts';
import type { RawResponse } from '../test-support/sdk-clients.ts';
import { rawRequest } from '../test-support/sdk-clients.ts';
import { useEmulator } from '../test-support/use-emulator.ts';

interface Recording {
  source: string;
  request: { method: string; path: string; apiVersion: string };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
}

const RECORDINGS_DIR = join(import.meta.dirname, 'recordings');
const recordingNames = readdirSync(RECORDINGS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();
const recording = (name: string): Recording => JSON.parse(readFileSync(join(RECORDINGS_DIR, `${name}.json`), 'utf8')) as Recording;

/** Formats of instance-specific values: a recorded value of one of these must be answered with a value of the same. */
const FORMATS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a chat time (whole seconds, Z)', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/],
  ['an identity time (7 fraction digits, +00:00)', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/],
  ['an epoch-ms id', /^\d{13}$/],
  ['a thread id', /^19:acsV1_[\w-]{43}1@thread\.v2$/],
  ['an ACS user id', /^8:acs:[0-9a-f-]{36}_[0-9a-f-]{36}$/],
  ['a JWT', /^[\w-]+\.[\w-]+\.[\w-]+$/],
  ['a thread Location', /^https:\/\/[^/]+\/chat\/threads\/19%3AacsV1_[\w-]{43}1@thread\.v2$/],
  ['a message Location', /^https:\/\/[^/]+\/chat\/threads\/19%3AacsV1_[\w-]{43}1@thread\.v2\/messages\/\d{13}$/],
];
const SANITIZED = /^sanitized$/i;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every way `actual` departs from `recorded`, as readable lines (none when it conforms). */
function departures(actual: unknown, recorded: unknown, path = 'body'): string[] {
  if (typeof recorded === 'string') {
    if (SANITIZED.test(recorded)) return typeof actual === 'string' ? [] : [`${path}: a string expected, got ${JSON.stringify(actual)}`];
    const format = FORMATS.find(([, pattern]) => pattern.test(recorded));
    if (format) return typeof actual === 'string' && format[1].test(actual) ? [] : [`${path}: ${format[0]} expected, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual) || actual.length !== recorded.length) return [`${path}: an array of ${recorded.length} expected, got ${JSON.stringify(actual)}`];
    return recorded.flatMap((item, index) => departures(actual[index], item, `${path}[${index}]`));
  }
  if (isObject(recorded)) {
    if (!isObject(actual)) return [`${path}: an object expected, got ${JSON.stringify(actual)}`];
    const keys = Object.keys(recorded);
    if (JSON.stringify(Object.keys(actual)) !== JSON.stringify(keys)) return [`${path}: keys ${JSON.stringify(keys)} expected, got ${JSON.stringify(Object.keys(actual))}`];
    return keys.flatMap((key) => departures(actual[key], recorded[key], `${path}.${key}`));
  }
  return actual === recorded ? [] : [`${path}: ${JSON.stringify(recorded)} expected, got ${JSON.stringify(actual)}`];
}

const clock = new ManualClock();
const emulator = useEmulator({ clock });
const enc = encodeURIComponent;
const url = (pathAndQuery: string) => `${emulator().endpoint.replace(/\/$/, '')}${pathAndQuery}`;

function chat(method: string, path: string, apiVersion: string, token: string, body?: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  return rawRequest(emulator().caPem, url(`${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`), {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function identity(method: string, path: string, apiVersion: string, body: unknown): Promise<RawResponse> {
  const target = url(`${path}?api-version=${apiVersion}`);
  const text = JSON.stringify(body);
  const signed = signRequest({ accessKey: emulator().accessKey, method, url: target, body: text });
  return rawRequest(emulator().caPem, target, { method, headers: { 'content-type': 'application/json', ...signed }, body: text });
}

const asParticipant = (rawId: string, extra: Record<string, unknown> = {}) => ({ communicationIdentifier: { rawId, communicationUser: { id: rawId } }, ...extra });
const threadPath = (threadId: string) => `/chat/threads/${enc(threadId)}`;

async function newThread(apiVersion: string, token: string, body: Record<string, unknown> = {}): Promise<string> {
  const created = await chat('POST', '/chat/threads', apiVersion, token, { topic: 'test topic', ...body });
  return (created.json as { chatThread: { id: string } }).chatThread.id;
}

async function sentMessage(apiVersion: string, token: string, threadId: string, body: Record<string, unknown>): Promise<string> {
  const sent = await chat('POST', `${threadPath(threadId)}/messages`, apiVersion, token, body);
  return (sent.json as { id: string }).id;
}

/** A scenario answers the recorded request; `compare` is the part of the answer the recording was trimmed to. */
type Scenario = (apiVersion: string) => Promise<{ response: RawResponse; compare?: unknown }>;

const scenarios: Record<string, Scenario> = {
  'identity-create-user-with-token': async (version) => ({ response: await identity('POST', '/identities', version, { createTokenWithScopes: ['chat'] }) }),
  'chat-create-thread-with-metadata-and-retention': async (version) => {
    const { userId, token } = emulator().createUserWithToken();
    const other = emulator().createUser();
    const response = await chat('POST', '/chat/threads', version, token, {
      topic: 'test topic',
      participants: [asParticipant(userId), asParticipant(other)],
      metadata: { threadType: 'primary', secondaryThread: 'test-id' },
      retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 90 },
    });
    return { response };
  },
  'chat-get-message': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const messageId = await sentMessage(version, token, threadId, { content: 'content', metadata: { tags: 'sometag' } });
    return { response: await chat('GET', `${threadPath(threadId)}/messages/${messageId}`, version, token) };
  },
  'chat-list-messages': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    await sentMessage(version, token, threadId, { content: 'content', metadata: { tags: 'sometag' } });
    return { response: await chat('GET', `${threadPath(threadId)}/messages`, version, token) };
  },
  'chat-list-participants': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token, { participants: [asParticipant(emulator().createUser())] });
    return { response: await chat('GET', `${threadPath(threadId)}/participants`, version, token) };
  },
  'chat-list-read-receipts': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const messageId = await sentMessage(version, token, threadId, { content: 'content' });
    await chat('POST', `${threadPath(threadId)}/readReceipts`, version, token, { chatMessageId: messageId });
    return { response: await chat('GET', `${threadPath(threadId)}/readReceipts`, version, token) };
  },
  'chat-send-read-receipt': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const messageId = await sentMessage(version, token, threadId, { content: 'content' });
    return { response: await chat('POST', `${threadPath(threadId)}/readReceipts`, version, token, { chatMessageId: messageId }) };
  },
  'chat-send-message': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    return { response: await chat('POST', `${threadPath(threadId)}/messages`, version, token, { content: 'content', metadata: { tags: 'sometag' } }) };
  },
  'chat-participant-with-metadata': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const tester = emulator().createUser();
    await chat('POST', `${threadPath(threadId)}/participants/:add`, version, token, {
      participants: [asParticipant(tester, { displayName: 'Tester 1', metadata: { key1: 'val1', key2: 'val2' } })],
    });
    return { response: await chat('GET', `${threadPath(threadId)}/participants`, version, token) };
  },
  'chat-deleted-message': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const messageId = await sentMessage(version, token, threadId, { content: 'hello!' });
    clock.advance(1_500);
    await chat('DELETE', `${threadPath(threadId)}/messages/${messageId}`, version, token);
    return { response: await chat('GET', `${threadPath(threadId)}/messages/${messageId}`, version, token) };
  },
  'chat-share-history-time-truncated': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    const added = emulator().createUser();
    const shareHistoryTime = new Date(Math.floor(clock.now() / 1000) * 1000 + 237).toISOString().replace('Z', '353Z');
    await chat('POST', `${threadPath(threadId)}/participants/:add`, version, token, { participants: [asParticipant(added, { shareHistoryTime })] });
    const response = await chat('GET', `${threadPath(threadId)}/participants`, version, token);
    const value = (response.json as { value: Array<{ communicationIdentifier: { rawId: string }; shareHistoryTime: string }> }).value;
    const listed = value.filter((participant) => participant.communicationIdentifier.rawId === added);
    expect(listed[0]?.shareHistoryTime).toBe(`${shareHistoryTime.slice(0, 19)}Z`);
    return { response, compare: { value: listed } };
  },
  'chat-thread-listed-at-creation': async (version) => {
    const { token } = emulator().createUserWithToken();
    await newThread(version, token);
    return { response: await chat('GET', '/chat/threads', version, token) };
  },
  'chat-403-removed-caller': async (version) => {
    const { userId, token } = emulator().createUserWithToken();
    const other = emulator().createUser();
    const threadId = await newThread(version, token, { participants: [asParticipant(other)] });
    expect((await chat('POST', `${threadPath(threadId)}/participants/:remove`, version, token, asParticipant(userId).communicationIdentifier)).status).toBe(204);
    return { response: await chat('POST', `${threadPath(threadId)}/participants/:remove`, version, token, asParticipant(other).communicationIdentifier) };
  },
  'chat-404-unknown-thread': async (version) => {
    const { token } = emulator().createUserWithToken();
    return { response: await chat('GET', '/chat/threads/sanitized/participants', version, token) };
  },
  'chat-400-bad-identifier': async (version) => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(version, token);
    return { response: await chat('POST', `${threadPath(threadId)}/participants/:add`, version, token, { participants: [asParticipant('8:acs:fakeid===')] }) };
  },
  'identity-400-expires-in-minutes': async (version) => {
    const userId = emulator().createUser();
    return { response: await identity('POST', `/identities/${enc(userId)}/:issueAccessToken`, version, { scopes: ['chat'], expiresInMinutes: 1441 }) };
  },
  'identity-400-no-scopes': async (version) => {
    const userId = emulator().createUser();
    return { response: await identity('POST', `/identities/${enc(userId)}/:issueAccessToken`, version, { scopes: null, expiresInMinutes: null }) };
  },
  'identity-401-teams-invalid-token': async (version) => ({
    response: await identity('POST', '/teamsUser/:exchangeAccessToken', version, { token: 'invalid', appId: '00000000-0000-0000-0000-000000000000', userId: '' }),
  }),
  'identity-400-teams-missing-app-id': async (version) => ({
    response: await identity('POST', '/teamsUser/:exchangeAccessToken', version, { token: 'invalid', appId: '', userId: '00000000-0000-0000-0000-000000000000' }),
  }),
};

describe('conformance with recordings of the live service', () => {
  it('has a scenario for every recording and a recording for every scenario', () => {
    expect(Object.keys(scenarios).sort()).toEqual(recordingNames);
  });

  it.each(recordingNames)('%s', async (name) => {
    const recorded = recording(name);
    const scenario = scenarios[name];
    if (!scenario) throw new Error(`no scenario for ${name}`);
    // Each scenario starts at the beginning of a second, so that "within the second of creation" holds.
    clock.set(Math.floor(clock.now() / 1000) * 1000 + 10_000);
    const { response, compare } = await scenario(recorded.request.apiVersion);
    expect(response.status, recorded.source).toBe(recorded.response.status);
    for (const [header, value] of Object.entries(recorded.response.headers ?? {})) {
      expect(departures(response.headers[header], value, `header ${header}`), recorded.source).toEqual([]);
    }
    if (recorded.response.body === undefined) expect(response.text, recorded.source).toBe('');
    else expect(departures(compare ?? response.json, recorded.response.body), recorded.source).toEqual([]);
  });
});
