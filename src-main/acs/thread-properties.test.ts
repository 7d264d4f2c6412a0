/**
 * Thread properties (SDK 1.6: metadata and retention policy) and every identifier kind, through the
 * chat service and the real SDK pipeline, answered by a client that records what was sent and replies
 * in the service's 2025-03-15 shapes.
 */
import { describeParticipantFailure } from './service-errors.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { createChatService } from './chat-service.ts';
import { AzureCommunicationTokenCredential } from '@azure/communication-common';
import type { RenewableCredential } from './credentials.ts';
import { loadSdk } from './sdk.ts';
import type { TlsTrust } from './tls-trust.ts';

const ENDPOINT = 'https://parley-test.communication.azure.com';
const THREAD_ID = '19:acsV1_0c81ad2f8a8b4d4f9b3ab2d1@thread.v2';
const ME = '8:acs:fa5c4fc3-a269-43e2-9eb6-0ca17b388993_0000000c-6218-8504-7bfa-553a0d0010a4';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ skypeid: 'acs:x', exp: Math.floor(Date.now() / 1000) + 3600 })}.c2ln`;

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** Answers each request with the next scripted body; keeps what was sent. */
function serviceAnswering(...answers: Array<{ status: number; body?: object }>) {
  const sent: Sent[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request: PipelineRequest) {
      const url = new URL(request.url);
      sent.push({ method: request.method, path: decodeURIComponent(url.pathname), body: typeof request.body === 'string' ? JSON.parse(request.body) : undefined });
      const answer = answers.shift() ?? { status: 500 };
      return {
        request,
        status: answer.status,
        headers: createHttpHeaders({ 'content-type': 'application/json' }),
        ...(answer.body ? { bodyAsText: JSON.stringify(answer.body) } : {}),
      };
    },
  };
  // The chat service spreads these options into the SDK clients: the recording HTTP client rides in them.
  const withClient = { httpClient } as unknown as ReturnType<TlsTrust['clientOptions']>;
  const tls: TlsTrust = { clientOptions: () => withClient };
  const token = new AzureCommunicationTokenCredential(TOKEN);
  const credential: RenewableCredential = { getToken: (options) => token.getToken(options), dispose: () => token.dispose(), renew: () => Promise.resolve(false) };
  const chat = createChatService({ endpoint: ENDPOINT, credential, tls });
  return { chat, sent };
}

const identifier = (rawId: string) => ({ rawId, communicationUser: { id: rawId } });
const threadProperties = (extra: object) => ({
  id: THREAD_ID,
  topic: 'Launch',
  createdOn: '2026-12-01T09:00:00Z',
  createdByCommunicationIdentifier: identifier(ME),
  ...extra,
});

beforeAll(async () => {
  await loadSdk();
});

describe('thread properties through the SDK', () => {
  it('reads metadata and a "delete after N days" policy', async () => {
    const { chat } = serviceAnswering({
      status: 200,
      body: threadProperties({ metadata: { crm: 'lead-7' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 45 } }),
    });
    const thread = await chat.getThread(THREAD_ID);
    expect(thread.metadata).toEqual({ crm: 'lead-7' });
    expect(thread.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 45 });
  });

  it('keeps a thread usable when the service names a retention kind the SDK does not know', async () => {
    const { chat } = serviceAnswering({ status: 200, body: threadProperties({ metadata: { a: 'b' }, retentionPolicy: { kind: 'lastMessageDate', deleteThreadAfterDays: 10 } }) });
    const thread = await chat.getThread(THREAD_ID);
    expect(thread.topic).toBe('Launch');
    expect(thread.metadata).toEqual({ a: 'b' });
    expect(thread.retentionPolicy).toEqual({ kind: 'unknown', serviceKind: 'lastMessageDate' });
  });

  it('reads a thread without metadata or a policy as empty metadata and no policy', async () => {
    const { chat } = serviceAnswering({ status: 200, body: threadProperties({}) });
    const thread = await chat.getThread(THREAD_ID);
    expect(thread.metadata).toEqual({});
    expect(thread.retentionPolicy).toBeNull();
  });

  it('creates a thread with metadata and a retention policy', async () => {
    const { chat, sent } = serviceAnswering({
      status: 201,
      body: { chatThread: threadProperties({ metadata: { crm: 'lead-7' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } }) },
    });
    const created = await chat.createThread({
      topic: 'Launch',
      participants: [],
      shareHistoryTime: null,
      repeatabilityId: 'r-1',
      metadata: { crm: 'lead-7' },
      retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 },
    });
    expect(sent[0]?.body).toMatchObject({ topic: 'Launch', metadata: { crm: 'lead-7' }, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } });
    expect(created.thread.retentionPolicy).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 30 });
  });

  it('sends only the changed metadata keys, with null for a removed one, and no topic', async () => {
    const { chat, sent } = serviceAnswering({ status: 204 });
    await chat.updateProperties(THREAD_ID, { metadataChanges: { stage: 'customer', color: null } });
    expect(sent).toEqual([{ method: 'PATCH', path: `/chat/threads/${THREAD_ID}`, body: { metadata: { stage: 'customer', color: null } } }]);
  });

  it('sends a retention policy alone', async () => {
    const { chat, sent } = serviceAnswering({ status: 204 });
    await chat.updateProperties(THREAD_ID, { retentionPolicy: { kind: 'none' } });
    expect(sent[0]?.body).toEqual({ retentionPolicy: { kind: 'none' } });
  });
});

describe('identifier kinds through the SDK', () => {
  const TEAMS = '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130';
  const PHONE = '4:+14255550123';
  const BOT = '28:orgid:45ab2481-1c1c-4005-be24-0ffb879b1131';

  it('addresses each kind by its own identifier model, and reports a refused one for that person only', async () => {
    const { chat, sent } = serviceAnswering({ status: 201, body: { invalidParticipants: [{ code: '403', message: 'Permissions check failed', target: PHONE }] } });
    const result = await chat.addParticipants(THREAD_ID, [{ userId: TEAMS }, { userId: PHONE }, { userId: BOT }], null);
    const participants = (sent[0]?.body as { participants: Array<{ communicationIdentifier: object }> }).participants.map((participant) => participant.communicationIdentifier);
    expect(participants).toEqual([
      { rawId: TEAMS, microsoftTeamsUser: { userId: '45ab2481-1c1c-4005-be24-0ffb879b1130', isAnonymous: false, cloud: 'public' } },
      { rawId: PHONE, phoneNumber: { value: '+14255550123' } },
      { rawId: BOT, microsoftTeamsApp: { appId: '45ab2481-1c1c-4005-be24-0ffb879b1131', cloud: 'public' } },
    ]);
    expect(result.added).toEqual([TEAMS, BOT]);
    expect(result.failed).toEqual([{ userId: PHONE, kind: 'phone', code: '403', message: describeParticipantFailure('403') }]);
  });

  it('labels each listed participant with its kind and keeps its metadata', async () => {
    const { chat } = serviceAnswering({
      status: 200,
      body: {
        value: [
          { communicationIdentifier: identifier(ME), displayName: 'Me', shareHistoryTime: '1970-01-01T00:00:00Z' },
          { communicationIdentifier: { rawId: TEAMS, microsoftTeamsUser: { userId: TEAMS.slice(8), isAnonymous: false, cloud: 'public' } }, metadata: { role: 'sales' } },
          { communicationIdentifier: { rawId: PHONE, phoneNumber: { value: PHONE.slice(2) } } },
        ],
      },
    });
    const participants = await chat.listParticipants(THREAD_ID);
    expect(participants.map((participant) => [participant.userId, participant.kind, participant.metadata])).toEqual([
      [ME, 'acs-user', null],
      [TEAMS, 'teams-user', { role: 'sales' }],
      [PHONE, 'phone', null],
    ]);
  });
});

describe('the sign-in probe', () => {
  it('asks for one page of one thread, however many threads the user has', async () => {
    const pageOfOne = (index: number) => ({
      status: 200,
      body: {
        value: [{ id: `19:thread-${index}@thread.v2`, topic: `Thread ${index}`, lastMessageReceivedOn: '2026-12-01T09:00:00Z' }],
        nextLink: `${ENDPOINT}/chat/threads?skipToken=${index + 1}&api-version=2025-03-15`,
      },
    });
    const { chat, sent } = serviceAnswering(pageOfOne(0), pageOfOne(1), pageOfOne(2), pageOfOne(3));
    await chat.probe();
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /chat/threads']);
  });
});
