import { ApiFailure } from '../api/api-failure.ts';

export interface AcsTokenClaims {
  userId: string;
  expiresOn: number;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
}

/** Reads who a user access token belongs to and when it expires; the service still has the last word. */
export function decodeAcsToken(token: string): AcsTokenClaims {
  const segments = token.trim().split('.');
  const invalid = (why: string) => new ApiFailure('invalid-input', `This is not an ACS user access token: ${why}.`, { field: 'token' });
  if (segments.length !== 3 || !segments[1]) throw invalid('it should have three dot-separated parts');
  let payload: { skypeid?: unknown; exp?: unknown };
  try {
    payload = decodeSegment(segments[1]) as typeof payload;
  } catch {
    throw invalid('its payload cannot be decoded');
  }
  if (typeof payload.skypeid !== 'string' || payload.skypeid === '') throw invalid('it names no user (skypeid)');
  if (typeof payload.exp !== 'number') throw invalid('it has no expiry (exp)');
  return { userId: `8:${payload.skypeid}`, expiresOn: payload.exp * 1000 };
}

/** `https://<resource>.communication.azure.com/` and nothing else: the SDKs refuse plain http. */
export function normalizeEndpoint(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ApiFailure('invalid-input', 'Enter the endpoint as a full address, like https://my-resource.communication.azure.com/', { field: 'endpoint' });
  }
  if (url.protocol !== 'https:') throw new ApiFailure('invalid-input', 'The endpoint must start with https://', { field: 'endpoint' });
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ApiFailure('invalid-input', 'The endpoint is just the resource address, with no path or query (https://<resource>.communication.azure.com/).', { field: 'endpoint' });
  }
  return `${url.origin}/`;
}

export interface ParsedConnectionString {
  endpoint: string;
  accessKey: string;
}

/** The portal's `endpoint=https://…/;accesskey=…`, endpoint first as the SDKs require. */
export function parseConnectionString(text: string): ParsedConnectionString {
  const match = /^\s*endpoint=([^;]+);accesskey=([^;\s]+)\s*;?\s*$/i.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new ApiFailure('invalid-input', 'A connection string looks like endpoint=https://<resource>.communication.azure.com/;accesskey=<key>', { field: 'connectionString' });
  }
  let endpoint: string;
  try {
    endpoint = normalizeEndpoint(match[1]);
  } catch (error) {
    throw new ApiFailure('invalid-input', `The connection string’s endpoint is not usable: ${(error as Error).message}`, { field: 'connectionString' });
  }
  const accessKey = match[2];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accessKey) || Buffer.from(accessKey, 'base64').length < 16) {
    throw new ApiFailure('invalid-input', 'The connection string’s access key is not a valid base64 key.', { field: 'connectionString' });
  }
  return { endpoint, accessKey };
}
