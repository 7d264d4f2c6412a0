import { beforeAll, describe, expect, it } from 'vitest';
import { identifierKindOf, rawIdOf, userIdentifier } from './identifiers.ts';
import { loadSdk } from './sdk.ts';

beforeAll(async () => {
  await loadSdk();
});

const RAW_IDS = {
  'acs-user': '8:acs:fa5c4fc3-a269-43e2-9eb6-0ca17b388993_0000000c-6218-8504-7bfa-553a0d0010a4',
  'teams-user': '8:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130',
  'teams-visitor': '8:teamsvisitor:45ab2481-1c1c-4005-be24-0ffb879b1130',
  phone: '4:+14255550123',
  bot: '28:orgid:45ab2481-1c1c-4005-be24-0ffb879b1130',
  unknown: '48:something-else',
} as const;

describe('identifiers from raw ids', () => {
  it.each(Object.entries(RAW_IDS))('labels %s ids', (kind, rawId) => {
    expect(identifierKindOf(rawId)).toBe(kind);
  });

  it('reads a Teams user of another cloud as a Teams user', () => {
    expect(identifierKindOf('8:gcch:45ab2481-1c1c-4005-be24-0ffb879b1130')).toBe('teams-user');
  });

  it('builds the identifier of each kind the SDK sends, and reads the same raw id back', () => {
    expect(userIdentifier(RAW_IDS.phone)).toMatchObject({ kind: 'phoneNumber', phoneNumber: '+14255550123' });
    expect(userIdentifier(RAW_IDS['teams-user'])).toMatchObject({ kind: 'microsoftTeamsUser', isAnonymous: false, cloud: 'public' });
    expect(userIdentifier(RAW_IDS.bot)).toMatchObject({ kind: 'microsoftTeamsApp', cloud: 'public' });
    for (const rawId of Object.values(RAW_IDS)) expect(rawIdOf(userIdentifier(rawId))).toBe(rawId);
  });
});
