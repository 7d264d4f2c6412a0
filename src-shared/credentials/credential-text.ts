/**
 * Reading what a person pastes to sign in: an endpoint, a user access token, a connection string.
 * Both sides use it: the renderer to point at a field before anything is sent, main to refuse what the
 * SDKs cannot use. Each answers with a problem name; each side words it in its own place.
 */

export type EndpointProblem = 'format' | 'https' | 'extra-parts';

function readHttps(text: string): URL | Exclude<EndpointProblem, 'extra-parts'> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'format';
  }
  return url.protocol === 'https:' ? url : 'https';
}

/** `https://<resource>.communication.azure.com/` and nothing else: the SDKs refuse plain http. */
export function readEndpoint(text: string): { endpoint: string } | { problem: EndpointProblem } {
  const url = readHttps(text);
  if (typeof url === 'string') return { problem: url };
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return { problem: 'extra-parts' };
  return { endpoint: `${url.origin}/` };
}

/** An address of a service of the user's own (a token refresh URL): any https URL. */
export function readHttpsUrl(text: string): { url: string } | { problem: Exclude<EndpointProblem, 'extra-parts'> } {
  const url = readHttps(text);
  return typeof url === 'string' ? { problem: url } : { url: url.href };
}

function decodeBase64UrlJson(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

export interface AcsTokenClaims {
  /** The ACS raw id (`8:acs:…`) from the `skypeid` claim. */
  userId: string;
  /** Epoch ms, from `exp`. */
  expiresOn: number;
}

export type TokenProblem = 'parts' | 'payload' | 'no-user' | 'no-expiry';

function readJwtPayload(token: string): Record<string, unknown> | TokenProblem {
  const segments = token.trim().split('.');
  if (segments.length !== 3 || !segments[1]) return 'parts';
  try {
    const payload = decodeBase64UrlJson(segments[1]);
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : 'payload';
  } catch {
    return 'payload';
  }
}

/** Who a user access token belongs to and when it expires; the service still has the last word. */
export function readAcsToken(token: string): { claims: AcsTokenClaims } | { problem: TokenProblem } {
  const payload = readJwtPayload(token);
  if (typeof payload === 'string') return { problem: payload };
  if (typeof payload.skypeid !== 'string' || payload.skypeid === '') return { problem: 'no-user' };
  if (typeof payload.exp !== 'number') return { problem: 'no-expiry' };
  return { claims: { userId: `8:${payload.skypeid}`, expiresOn: payload.exp * 1000 } };
}

/** The expiry of any JWT with `exp`, in epoch ms; null when the token is not one. */
export function readTokenExpiry(token: string): number | null {
  const payload = readJwtPayload(token);
  return typeof payload !== 'string' && typeof payload.exp === 'number' ? payload.exp * 1000 : null;
}

/** The shortest access key the service issues decodes to 32 bytes; anything under 16 cannot be one. */
const MIN_ACCESS_KEY_BYTES = 16;

export type ConnectionStringProblem = { problem: 'format' | 'key-format' | 'key-short' } | { problem: 'endpoint'; endpointProblem: EndpointProblem };

export interface ConnectionStringParts {
  endpoint: string;
  accessKey: string;
}

/** The portal's `endpoint=https://…/;accesskey=…`, endpoint first as the SDKs require. */
export function readConnectionString(text: string): { parts: ConnectionStringParts } | ConnectionStringProblem {
  const match = /^\s*endpoint=([^;]+);accesskey=([^;\s]+)\s*;?\s*$/i.exec(text);
  if (!match?.[1] || !match[2]) return { problem: 'format' };
  const endpoint = readEndpoint(match[1]);
  if ('problem' in endpoint) return { problem: 'endpoint', endpointProblem: endpoint.problem };
  const accessKey = match[2];
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(accessKey) || accessKey.length % 4 !== 0) return { problem: 'key-format' };
  if (atob(accessKey).length < MIN_ACCESS_KEY_BYTES) return { problem: 'key-short' };
  return { parts: { endpoint: endpoint.endpoint, accessKey } };
}
