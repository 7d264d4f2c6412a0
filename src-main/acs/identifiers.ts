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

const ACS_USER_ID = /^8:(acs|spool|dod-acs|gcch-acs):[0-9a-fA-F-]{8,}_[0-9a-fA-F-]{8,}$/;

export function isAcsUserId(text: string): boolean {
  return ACS_USER_ID.test(text);
}
