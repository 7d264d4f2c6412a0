import { describe, expect, it } from 'vitest';
import { createIdentifierFromRawId, getIdentifierRawId } from '@azure/communication-common';
import { createChatUser, rawRequest } from './test-support/sdk-clients.ts';
import { collect, expectStatus, useEmulator } from './test-support/use-emulator.ts';

const emulator = useEmulator();

/** One raw id of every kind SDK 1.6 can address, besides ACS users. */
const OTHER_KINDS = {
  teamsUser: '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130',
  teamsUserGcch: '8:gcch:45ab2481-1c1c-4005-be24-0ffb879b1131',
  teamsVisitor: '8:teamsvisitor:45ab2481-1c1c-4005-be24-0ffb879b1132',
  teamsApp: '28:orgid:01234567-89ab-cdef-0123-456789abcdef',
  bot: '28:01234567-89ab-cdef-0123-456789abcdee',
  phone: '4:+14255550123',
} as const;

describe('identifier kinds', () => {
  it('refuses every kind but ACS users in an ACS thread, per person, while adding the others', async () => {
    const alice = createChatUser(emulator());
    const bob = emulator().createUser();
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Kinds' });
    const thread = alice.chat.getChatThreadClient(chatThread?.id ?? '');
    const result = await thread.addParticipants({
      participants: [bob, ...Object.values(OTHER_KINDS)].map((rawId) => ({ id: createIdentifierFromRawId(rawId) })),
    });
    expect(result.invalidParticipants?.map((error) => [error.target, error.code, error.message])).toEqual(
      Object.values(OTHER_KINDS).map((rawId) => [rawId, '403', 'Permissions check failed']),
    );
    const listed = (await collect(thread.listParticipants())).map((participant) => getIdentifierRawId(participant.id));
    expect(listed).toContain(bob);
    expect(listed.filter((rawId) => Object.values<string>(OTHER_KINDS).includes(rawId))).toEqual([]);
    await expectStatus(thread.addParticipants({ participants: [{ id: createIdentifierFromRawId('8:orgid:') }] }), 400);
  });

  it('lists participants of every kind in an interop thread with the nested model the SDK reads, and no kind on the wire', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Interop' });
    const threadId = chatThread?.id ?? '';
    for (const [name, rawId] of Object.entries(OTHER_KINDS)) emulator().addExternalParticipant(threadId, rawId, { displayName: name, metadata: { source: 'teams' } });

    const participants = await collect(alice.chat.getChatThreadClient(threadId).listParticipants());
    const byName = new Map(participants.map((participant) => [participant.displayName, participant]));
    expect(byName.get('teamsUser')?.id).toEqual({
      kind: 'microsoftTeamsUser',
      microsoftTeamsUserId: '45ab2481-1c1c-4005-be24-0ffb879b1130',
      isAnonymous: false,
      cloud: 'public',
      rawId: OTHER_KINDS.teamsUser,
    });
    expect(byName.get('teamsUserGcch')?.id).toMatchObject({ kind: 'microsoftTeamsUser', cloud: 'gcch' });
    expect(byName.get('teamsVisitor')?.id).toMatchObject({ kind: 'microsoftTeamsUser', isAnonymous: true });
    expect(byName.get('teamsApp')?.id).toMatchObject({ kind: 'microsoftTeamsApp', teamsAppId: '01234567-89ab-cdef-0123-456789abcdef', cloud: 'public' });
    expect(byName.get('bot')?.id).toMatchObject({ kind: 'unknown', id: OTHER_KINDS.bot });
    expect(byName.get('phone')?.id).toMatchObject({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    expect(byName.get('phone')?.metadata).toEqual({ source: 'teams' });

    const raw = await rawRequest(emulator().caPem, `${emulator().endpoint}chat/threads/${encodeURIComponent(threadId)}/participants?api-version=2025-03-15`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    const wire = (raw.json as { value: Array<{ communicationIdentifier: Record<string, unknown> }> }).value.map((participant) => participant.communicationIdentifier);
    expect(wire.filter((identifier) => 'kind' in identifier)).toEqual([]);
    expect(wire.find((identifier) => identifier['rawId'] === OTHER_KINDS.phone)).toEqual({ rawId: OTHER_KINDS.phone, phoneNumber: { value: '+14255550123' } });
    expect(wire.find((identifier) => identifier['rawId'] === OTHER_KINDS.bot)).toEqual({ rawId: OTHER_KINDS.bot });
  });

  it('adds an external participant over the admin route, refusing a malformed id', async () => {
    const alice = createChatUser(emulator());
    const { chatThread } = await alice.chat.createChatThread({ topic: 'Admin' });
    const threadId = chatThread?.id ?? '';
    const post = (body: unknown) =>
      rawRequest(emulator().caPem, `${emulator().endpoint}admin/threads/${encodeURIComponent(threadId)}/participants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator().accessKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ rawId: OTHER_KINDS.teamsUser, displayName: 'Teams person' })).status).toBe(201);
    expect((await post({ rawId: 'not-an-id' })).status).toBe(400);
    const [latest] = await collect(alice.chat.getChatThreadClient(threadId).listMessages());
    expect(latest?.type).toBe('participantAdded');
    expect(latest?.content?.participants?.map((participant) => participant.displayName)).toEqual(['Teams person']);
  });
});
