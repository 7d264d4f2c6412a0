import { describe, expect, it } from 'vitest';
import { contentSha256, hmacSignature, signRequest, stringToSign } from './auth/hmac.ts';
import type { RawResponse } from './test-support/sdk-clients.ts';
import { createChatUser, rawRequest } from './test-support/sdk-clients.ts';
import { useEmulator } from './test-support/use-emulator.ts';

const emulator = useEmulator();
const CHAT_VERSION = '2025-03-15';
const IDENTITY_VERSION = '2023-10-01';

function url(pathAndQuery: string): string {
  return new URL(pathAndQuery, emulator().endpoint).toString();
}

function identityRequest(method: string, pathAndQuery: string, body?: string, options: { date?: Date; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const target = url(pathAndQuery);
  const signed = signRequest({ accessKey: emulator().accessKey, method, url: target, ...(body === undefined ? {} : { body }), ...(options.date ? { date: options.date } : {}) });
  return rawRequest(emulator().caPem, target, {
    method,
    headers: { 'content-type': 'application/json', ...signed, ...options.headers },
    ...(body === undefined ? {} : { body }),
  });
}

function chatRequest(method: string, pathAndQuery: string, token: string, body?: unknown, contentType = 'application/json'): Promise<RawResponse> {
  return rawRequest(emulator().caPem, url(pathAndQuery), {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const enc = encodeURIComponent;

async function newThread(token: string, topic = 'Raw'): Promise<string> {
  const response = await chatRequest('POST', `/chat/threads?api-version=${CHAT_VERSION}`, token, { topic });
  return (response.json as { chatThread: { id: string } }).chatThread.id;
}

describe('HMAC authentication of the identity API', () => {
  it('accepts a JS-style signature and answers with JSON', async () => {
    const response = await identityRequest('POST', `/identities?api-version=${IDENTITY_VERSION}`, JSON.stringify({ createTokenWithScopes: ['chat'] }));
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json).toMatchObject({ identity: { id: expect.stringMatching(/^8:acs:/) }, accessToken: { token: expect.any(String) } });
  });

  it('accepts Python sync style: no body with Content-Length 0, explicit expiresInMinutes null, percent-encoded path', async () => {
    const created = await identityRequest('POST', `/identities?api-version=2022-10-01`, undefined, { headers: { 'content-length': '0' } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ identity: { id: expect.any(String) } });
    const userId = (created.json as { identity: { id: string } }).identity.id;
    const issued = await identityRequest(
      'POST',
      `/identities/${enc(userId)}/:issueAccessToken?api-version=2022-10-01`,
      JSON.stringify({ scopes: ['chat'], expiresInMinutes: null }),
    );
    expect(issued.status).toBe(200);
    expect(issued.json).toEqual({ token: expect.any(String), expiresOn: expect.any(String) });
  });

  it('accepts Python async style: the percent-decoded path is signed', async () => {
    const userId = emulator().createUser();
    const pathAndQuery = `/identities/${enc(userId)}/:issueAccessToken?api-version=2022-10-01`;
    const body = JSON.stringify({ scopes: ['voip'] });
    const date = new Date().toUTCString();
    const host = new URL(emulator().endpoint).host;
    const hash = contentSha256(body);
    const signature = hmacSignature(emulator().accessKey, stringToSign('POST', decodeURIComponent(pathAndQuery), date, host, hash));
    const response = await rawRequest(emulator().caPem, url(pathAndQuery), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ms-date': date,
        'x-ms-content-sha256': hash,
        authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
      },
      body,
    });
    expect(response.status).toBe(200);
  });

  it('rejects a bad signature, a mismatched content hash and a stale date with 401', async () => {
    const path = `/identities?api-version=${IDENTITY_VERSION}`;
    const badSignature = await identityRequest('POST', path, '{}', {
      headers: { authorization: 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=AAAA' },
    });
    expect(badSignature.status).toBe(401);
    expect(badSignature.json).toEqual({ error: { code: 'Denied', message: expect.any(String) } });

    const badHash = await identityRequest('POST', path, '{}', { headers: { 'x-ms-content-sha256': contentSha256('{"other":1}') } });
    expect(badHash.status).toBe(401);
    expect((badHash.json as { error: { message: string } }).error.message).toContain('x-ms-content-sha256');

    const stale = await identityRequest('POST', path, '{}', { date: new Date(Date.now() - 20 * 60_000) });
    expect(stale.status).toBe(401);
    const skewed = await identityRequest('POST', path, '{}', { date: new Date(Date.now() - 10 * 60_000) });
    expect(skewed.status).toBe(201);

    const unsigned = await rawRequest(emulator().caPem, url(path), { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
  });

  it('refuses unsupported and missing api-versions with 400', async () => {
    const withdrawn = await identityRequest('POST', '/identities?api-version=2023-08-01', '{}');
    expect(withdrawn.status).toBe(400);
    expect((withdrawn.json as { error: { message: string } }).error.message).toContain("does not support the API version '2023-08-01'");
    const joinScopeOnOldVersion = await identityRequest('POST', '/identities?api-version=2022-10-01', JSON.stringify({ createTokenWithScopes: ['chat.join'] }));
    expect(joinScopeOnOldVersion.status).toBe(400);
  });
});

describe('chat wire format', () => {
  it('answers 201 with Location, empty 204/200 bodies, and JSON content types', async () => {
    const { token } = emulator().createUserWithToken();
    const created = await chatRequest('POST', `/chat/threads?api-version=${CHAT_VERSION}`, token, { topic: 'Wire' });
    expect(created.status).toBe(201);
    const threadId = (created.json as { chatThread: { id: string } }).chatThread.id;
    expect(created.headers['location']).toBe(`${emulator().endpoint}chat/threads/${threadId.replaceAll(':', '%3A')}`);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(created.json).not.toHaveProperty('invalidParticipants');

    const sent = await chatRequest('POST', `/chat/threads/${enc(threadId)}/messages?api-version=${CHAT_VERSION}`, token, { content: 'hi', type: 'text' });
    expect(sent.status).toBe(201);
    const messageId = (sent.json as { id: string }).id;
    expect(sent.headers['location']).toBe(`${created.headers['location']}/messages/${messageId}`);

    const receipt = await chatRequest('POST', `/chat/threads/${enc(threadId)}/readReceipts?api-version=${CHAT_VERSION}`, token, { chatMessageId: messageId });
    expect([receipt.status, receipt.text, receipt.headers['content-length']]).toEqual([200, '', '0']);
    const typing = await chatRequest('POST', `/chat/threads/${enc(threadId)}/typing?api-version=${CHAT_VERSION}`, token, {});
    expect([typing.status, typing.text]).toEqual([200, '']);
    const patched = await chatRequest('PATCH', `/chat/threads/${enc(threadId)}?api-version=${CHAT_VERSION}`, token, { topic: 'Renamed' }, 'application/merge-patch+json');
    expect([patched.status, patched.text]).toEqual([204, '']);
  });

  it("uses the live service's CommunicationError shape for 400, 403 and 404, and an empty 401", async () => {
    const alice = emulator().createUserWithToken();
    const mallory = emulator().createUserWithToken();
    const threadId = await newThread(alice.token);
    const codeOf = (response: { json: unknown }) => (response.json as { CommunicationError: { Code: string } }).CommunicationError.Code;

    const badType = await chatRequest('POST', `/chat/threads/${enc(threadId)}/messages?api-version=${CHAT_VERSION}`, alice.token, { content: 'x', type: 'richtext/html' });
    expect(badType.status).toBe(400);
    expect(badType.headers['content-type']).toBe('application/json');
    expect(badType.json).toEqual({ CommunicationError: { Code: 'BadRequest', Message: expect.any(String), Details: [] } });
    const badJson = await rawRequest(emulator().caPem, url(`/chat/threads?api-version=${CHAT_VERSION}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: '{"topic":',
    });
    expect(badJson.status).toBe(400);
    const forged = await chatRequest('GET', `/chat/threads?api-version=${CHAT_VERSION}`, `${alice.token.slice(0, -4)}AAAA`);
    expect([forged.status, forged.text]).toEqual([401, '']);
    const missing = await rawRequest(emulator().caPem, url(`/chat/threads?api-version=${CHAT_VERSION}`));
    expect(missing.status).toBe(401);
    const outsider = await chatRequest('GET', `/chat/threads/${enc(threadId)}?api-version=${CHAT_VERSION}`, mallory.token);
    expect([outsider.status, codeOf(outsider)]).toEqual([403, 'Forbidden']);
    const unknown = await chatRequest('GET', `/chat/threads/${enc('19:unknown@thread.v2')}?api-version=${CHAT_VERSION}`, alice.token);
    expect([unknown.status, unknown.json]).toEqual([404, { CommunicationError: { Code: 'NotFound', Details: [] } }]);
    const mismatched = await chatRequest('POST', `/chat/threads/${enc(threadId)}/participants/:add?api-version=${CHAT_VERSION}`, alice.token, {
      participants: [{ communicationIdentifier: { rawId: mallory.userId, communicationUser: { id: alice.userId } } }],
    });
    expect(mismatched.status).toBe(400);
  });

  it('accepts every documented chat api-version, refuses others, and shapes responses per version', async () => {
    const { token, userId } = emulator().createUserWithToken();
    for (const version of ['2021-03-07', '2021-09-07', '2023-11-07', '2024-03-07', '2025-03-15', '2024-03-15-preview']) {
      const response = await chatRequest('GET', `/chat/threads?api-version=${version}`, token);
      expect(response.status, version).toBe(200);
    }
    const refused = await chatRequest('GET', '/chat/threads?api-version=2020-01-01', token);
    expect(refused.status).toBe(400);
    expect((refused.json as { CommunicationError: { Message: string } }).CommunicationError.Message).toContain("does not support the API version '2020-01-01'");
    const missingVersion = await chatRequest('GET', '/chat/threads', token);
    expect(missingVersion.status).toBe(400);

    const threadId = await newThread(token);
    await chatRequest('POST', `/chat/threads/${enc(threadId)}/messages?api-version=2021-09-07`, token, { content: 'meta', metadata: { k: 'v' } });
    const old = await chatRequest('GET', `/chat/threads/${enc(threadId)}/messages?api-version=2021-03-07`, token);
    const [oldest] = (old.json as { value: Array<Record<string, unknown>> }).value;
    expect(oldest).not.toHaveProperty('metadata');
    expect(oldest?.['senderCommunicationIdentifier']).toEqual({ rawId: userId, communicationUser: { id: userId } });
    const current = await chatRequest('GET', `/chat/threads/${enc(threadId)}/messages?api-version=2025-03-15`, token);
    const [newest] = (current.json as { value: Array<Record<string, unknown>> }).value;
    expect(newest?.['metadata']).toEqual({ k: 'v' });
    // No `kind` at any api-version: the live service sends none (ASSETS-JS e86a13b6…, 2025-03-15).
    expect(newest?.['senderCommunicationIdentifier']).toEqual({ rawId: userId, communicationUser: { id: userId } });
  });

  it('gives absolute nextLinks that carry api-version and are followed verbatim', async () => {
    const { token } = emulator().createUserWithToken();
    const threadId = await newThread(token);
    for (let index = 0; index < 4; index++) {
      await chatRequest('POST', `/chat/threads/${enc(threadId)}/messages?api-version=${CHAT_VERSION}`, token, { content: `m${index}` });
    }
    const seen: string[] = [];
    let next: string | undefined = url(`/chat/threads/${enc(threadId)}/messages?maxPageSize=3&api-version=2024-03-07`);
    let pages = 0;
    while (next) {
      const response = await rawRequest(emulator().caPem, next, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      const body = response.json as { value: Array<{ id: string; sequenceId: string }>; nextLink?: string };
      seen.push(...body.value.map((message) => message.sequenceId));
      if (body.nextLink !== undefined) {
        expect(body.nextLink.startsWith(`${emulator().endpoint}chat/threads/`)).toBe(true);
        expect(new URL(body.nextLink).searchParams.get('api-version')).toBe('2024-03-07');
      }
      next = body.nextLink;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(['6', '5', '4', '3', '2', '1']);

    const tooBig = await chatRequest('GET', `/chat/threads/${enc(threadId)}/messages?maxPageSize=201&api-version=${CHAT_VERSION}`, token);
    expect(tooBig.status).toBe(400);
    const badState = await chatRequest('GET', `/chat/threads/${enc(threadId)}/messages?syncState=garbage&api-version=${CHAT_VERSION}`, token);
    expect(badState.status).toBe(400);
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const { token } = emulator().createUserWithToken();
    expect((await chatRequest('GET', `/chat/nothing?api-version=${CHAT_VERSION}`, token)).status).toBe(404);
    expect((await chatRequest('PUT', `/chat/threads?api-version=${CHAT_VERSION}`, token, {})).status).toBe(405);
  });
});

describe('admin routes', () => {
  it('need the access key and expose the operation record and server-side messages', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Audited' });
    const threadId = chatThread?.id ?? '';
    await alice.chat.getChatThreadClient(threadId).sendMessage({ content: 'counted' });

    const denied = await rawRequest(emulator().caPem, url('/admin/operations'));
    expect(denied.status).toBe(401);
    const admin = { authorization: `Bearer ${emulator().accessKey}` };
    const operations = await rawRequest(emulator().caPem, url(`/admin/operations?route=sendChatMessage&userId=${enc(alice.userId)}`), { headers: admin });
    expect(operations.status).toBe(200);
    expect((operations.json as { value: Array<{ route: string; status: number; threadId: string }> }).value).toEqual([
      expect.objectContaining({ route: 'sendChatMessage', status: 201, threadId, method: 'POST' }),
    ]);

    const messages = await rawRequest(emulator().caPem, url(`/admin/threads/${enc(threadId)}/messages`), { headers: admin });
    expect((messages.json as { value: Array<{ sequenceId: number }> }).value.map((message) => message.sequenceId)).toEqual([1, 2, 3]);

    const signedTarget = url('/admin/operations?route=createChatThread');
    const hmac = await rawRequest(emulator().caPem, signedTarget, { headers: signRequest({ accessKey: emulator().accessKey, method: 'GET', url: signedTarget }) });
    expect(hmac.status).toBe(200);

    const created = await rawRequest(emulator().caPem, url('/admin/users'), {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['chat'] }),
    });
    const { userId, token } = created.json as { userId: string; token: string };
    expect((await chatRequest('GET', `/chat/threads?api-version=${CHAT_VERSION}`, token)).status).toBe(200);
    const revoked = await rawRequest(emulator().caPem, url(`/admin/users/${enc(userId)}/:revoke`), { method: 'POST', headers: admin });
    expect(revoked.status).toBe(204);
    expect((await chatRequest('GET', `/chat/threads?api-version=${CHAT_VERSION}`, token)).status).toBe(401);
  });
});
