import { describe, expect, it } from 'vitest';
import type { CommunicationUserIdentifier } from '@azure/communication-common';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { ManualClock } from './clock.ts';
import { chatClientFor, identityClientFor, sdkClientOptions } from './test-support/sdk-clients.ts';
import { decodeJwtPayload, expectStatus, useEmulator } from './test-support/use-emulator.ts';

const clock = new ManualClock();
const emulator = useEmulator({ clock });

describe('identity API through the official SDK', () => {
  it('creates users with ACS-shaped ids, with and without a token', async () => {
    const identity = identityClientFor(emulator());
    const user = await identity.createUser();
    expect(user.communicationUserId).toMatch(new RegExp(`^8:acs:${emulator().resourceId}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));

    const withToken = await identity.createUserAndToken(['chat', 'voip']);
    expect(withToken.user.communicationUserId).not.toBe(user.communicationUserId);
    expect(withToken.expiresOn.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000 + 1440 * 60_000);
    const claims = decodeJwtPayload(withToken.token);
    expect(claims).toMatchObject({
      skypeid: withToken.user.communicationUserId.slice(2),
      scp: 1792,
      acsScope: 'chat,voip',
      resourceId: emulator().resourceId,
    });
    expect(claims['csi']).toBe(String(claims['iat']));
    expect(claims['exp']).toBe((claims['iat'] as number) + 1440 * 60);
  });

  it('mints tokens whose payload segment has no base64url-only characters (Python decodes with standard base64)', async () => {
    const identity = identityClientFor(emulator());
    for (let attempt = 0; attempt < 25; attempt++) {
      const { token } = await identity.createUserAndToken(['chat', 'chat.join', 'voip.join']);
      expect(token.split('.')[1]).not.toMatch(/[-_]/);
    }
  });

  it('issues tokens for every scope with lifetimes of 60–1440 minutes and refuses others', async () => {
    const identity = identityClientFor(emulator());
    const user = await identity.createUser();
    const short = await identity.getToken(user, ['chat.join.limited', 'voip.join'], { tokenExpiresInMinutes: 60 });
    expect(decodeJwtPayload(short.token)['acsScope']).toBe('chat.join.limited,voip.join');
    expect(short.expiresOn.getTime() - Math.floor(clock.now() / 1000) * 1000).toBe(60 * 60_000);
    await identity.getToken(user, ['chat'], { tokenExpiresInMinutes: 1440 });
    await expectStatus(identity.getToken(user, ['chat'], { tokenExpiresInMinutes: 59 }), 400);
    await expectStatus(identity.getToken(user, ['chat'], { tokenExpiresInMinutes: 1441 }), 400);
    await expectStatus(identity.getToken(user, ['chat.everything' as 'chat']), 400);
    await expectStatus(identity.getToken(user, []), 400);
  });

  it('refuses tokens for unknown and malformed users', async () => {
    const identity = identityClientFor(emulator());
    const unknown: CommunicationUserIdentifier = {
      communicationUserId: `8:acs:${emulator().resourceId}_00000000-0000-0000-0000-000000000000`,
    };
    await expectStatus(identity.getToken(unknown, ['chat']), 404);
    await expectStatus(identity.getToken({ communicationUserId: '8:acs:not-a-user' }, ['chat']), 400);
  });

  it('revocation rejects earlier tokens but not later ones', async () => {
    const identity = identityClientFor(emulator());
    const user = await identity.createUser();
    const before = await identity.getToken(user, ['chat']);
    await chatClientFor(emulator(), before.token).createChatThread({ topic: 'before revoke' });
    await identity.revokeTokens(user);
    await expectStatus(chatClientFor(emulator(), before.token).createChatThread({ topic: 'after revoke' }), 401);
    const after = await identity.getToken(user, ['chat']);
    await chatClientFor(emulator(), after.token).createChatThread({ topic: 'new token' });
  });

  it('deleting a user invalidates its tokens and its id', async () => {
    const identity = identityClientFor(emulator());
    const { user, token } = await identity.createUserAndToken(['chat']);
    await identity.deleteUser(user);
    await expectStatus(chatClientFor(emulator(), token).createChatThread({ topic: 'ghost' }), 401);
    await expectStatus(identity.getToken(user, ['chat']), 404);
  });

  it('expired tokens get 401', async () => {
    const { token } = emulator().createUserWithToken(['chat'], 60);
    const chat = chatClientFor(emulator(), token);
    await chat.createChatThread({ topic: 'fresh' });
    clock.advance(60 * 60_000);
    try {
      await expectStatus(chat.createChatThread({ topic: 'stale' }), 401);
    } finally {
      clock.set(Date.now());
    }
  });

  it('rejects a client signing with the wrong access key', async () => {
    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const identity = new CommunicationIdentityClient(`endpoint=${emulator().endpoint};accesskey=${wrongKey}`, sdkClientOptions(emulator().caPem));
    await expectStatus(identity.createUser(), 401);
  });
});
