import type { CommunicationIdentifier, CommunicationIdentifierKind } from '@azure/communication-common';
import type { IdentifierKind } from '../../src-preload/contract.ts';
import { sdk } from './sdk.ts';

/** Parley keys people by ACS raw id everywhere (`8:acs:…`, `4:+1…`, …). */
export function rawIdOf(identifier: CommunicationIdentifier | CommunicationIdentifierKind | undefined): string | null {
  return identifier ? sdk().common.getIdentifierRawId(identifier) : null;
}

/**
 * What the SDK needs to address anyone by raw id: an ACS user, a Teams user or visitor, a Teams app or bot, a
 * phone number. The service refuses a kind it cannot seat in the thread for that person only.
 */
export function userIdentifier(rawId: string): CommunicationIdentifierKind {
  return sdk().common.createIdentifierFromRawId(rawId);
}

/** Which kind of person or app a raw id names, as the SDK reads it. */
export function identifierKindOf(rawId: string): IdentifierKind {
  const identifier = userIdentifier(rawId);
  switch (identifier.kind) {
    case 'communicationUser':
      return 'acs-user';
    case 'microsoftTeamsUser':
      return identifier.isAnonymous ? 'teams-visitor' : 'teams-user';
    case 'teamsExtensionUser':
      return 'teams-extension-user';
    case 'phoneNumber':
      return 'phone';
    case 'microsoftTeamsApp':
      return 'bot';
    default:
      return 'unknown';
  }
}
