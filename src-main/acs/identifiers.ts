import type { CommunicationIdentifier, CommunicationIdentifierKind } from '@azure/communication-common';
import { sdk } from './sdk.ts';

/** Parley keys people by ACS raw id everywhere (`8:acs:…`, `4:+1…`, …). */
export function rawIdOf(identifier: CommunicationIdentifier | CommunicationIdentifierKind | undefined): string | null {
  return identifier ? sdk().common.getIdentifierRawId(identifier) : null;
}

/**
 * What the SDK needs to address anyone by raw id: an ACS user, a Teams user or visitor, a Teams app or bot, a
 * phone number. The service refuses a kind it cannot seat in the thread for that person only.
 */
export function userIdentifier(rawId: string): CommunicationIdentifier {
  return sdk().common.createIdentifierFromRawId(rawId);
}
