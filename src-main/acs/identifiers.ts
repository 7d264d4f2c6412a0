import type { CommunicationIdentifier, CommunicationIdentifierKind } from '@azure/communication-common';
import { sdk } from './sdk.ts';

/** Parley keys people by ACS raw id everywhere (`8:acs:…`, `4:+1…`, …). */
export function rawIdOf(identifier: CommunicationIdentifier | CommunicationIdentifierKind | undefined): string | null {
  return identifier ? sdk().common.getIdentifierRawId(identifier) : null;
}

/** What the SDK needs to address an ACS user by raw id. */
export function userIdentifier(rawId: string): CommunicationIdentifier {
  return { communicationUserId: rawId };
}
