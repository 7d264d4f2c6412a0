import { badRequest } from './errors.ts';

export const CHAT_API_VERSIONS: readonly string[] = [
  '2021-03-07',
  '2021-04-05-preview6',
  '2021-09-07',
  '2023-04-01-preview',
  '2023-07-01-preview',
  '2023-11-07',
  '2023-11-15-preview',
  '2024-03-01-preview',
  '2024-03-07',
  '2024-03-15-preview',
  '2024-06-05-preview',
  '2025-03-15',
];

// 2022-09-01 never reached the service and 2023-08-01 was withdrawn, so both are refused.
export const IDENTITY_API_VERSIONS: readonly string[] = ['2021-03-07', '2022-06-01', '2022-10-01', '2023-10-01', '2025-06-30'];

export type ApiFamily = 'chat' | 'identity';

const SUPPORTED: Record<ApiFamily, readonly string[]> = { chat: CHAT_API_VERSIONS, identity: IDENTITY_API_VERSIONS };

export function supportedVersionsHeader(family: ApiFamily): string {
  return SUPPORTED[family].join(', ');
}

/** Returns the api-version of the request, or throws the service's 400. */
export function requireApiVersion(family: ApiFamily, query: URLSearchParams, pathForMessage: string): string {
  const version = query.get('api-version');
  if (version === null || version === '') {
    throw badRequest('The api-version query parameter (?api-version=) is required for all requests.');
  }
  if (!SUPPORTED[family].includes(version)) {
    throw badRequest(`The HTTP resource that matches the request URI '${pathForMessage}' does not support the API version '${version}'.`);
  }
  return version;
}

/** True when `version` is `since` or newer. Previews compare by their date, which is what their features follow. */
export function atLeast(version: string, since: string): boolean {
  return version.slice(0, 10) >= since;
}

/** What the response of a given chat api-version may carry. */
export interface ChatFeatures {
  messageMetadata: boolean;
  /** `content.attachments: []` on text and html messages. */
  messageAttachments: boolean;
  /** A `senderDisplayName` the sender never set is left out, where older versions send `""`. */
  omitUnsetSenderDisplayName: boolean;
  threadMetadataAndRetention: boolean;
  participantMetadata: boolean;
}

export function chatFeatures(version: string): ChatFeatures {
  return {
    messageMetadata: atLeast(version, '2021-09-07'),
    messageAttachments: atLeast(version, '2023-11-07'),
    omitUnsetSenderDisplayName: atLeast(version, '2025-03-15'),
    threadMetadataAndRetention: atLeast(version, '2025-03-15'),
    participantMetadata: atLeast(version, '2025-03-15'),
  };
}
