import type { AzureCommunicationTokenCredential, CommunicationTokenCredential, CommunicationTokenRefreshOptions } from '@azure/communication-common';
import type { AccessToken } from '@azure/core-auth';
import type { Clock } from '../base/clock.ts';
import { decodeAcsToken } from './access-token.ts';
import type { ServiceClock } from './service-clock.ts';
import { loadSdk, sdk } from './sdk.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { classifyServiceError } from './service-errors.ts';
import type { TlsTrust } from './tls-trust.ts';

/** Something that can produce a fresh user access token when the current one nears expiry. */
export type TokenRefresher = CommunicationTokenRefreshOptions['tokenRefresher'];

/** A credential that can also be renewed at once, when the service refuses a token the client thought valid. */
export interface RenewableCredential extends CommunicationTokenCredential {
  /** Fetches a fresh token now; false when there is no way to get one (a plain token without a refresher). */
  renew(): Promise<boolean>;
}

function decodingFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  return new ApiFailure('invalid-input', 'This is not a valid ACS user access token (it could not be decoded).', { field: 'token', cause: error });
}

/** Renew in the background once a token in use has less than this left. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
/**
 * Renewals Parley starts on its own (not after a refusal) are at least this far apart: if the
 * estimate of the service's time is off, every fresh token may look expired, and that must not
 * turn each request into a call to the token service.
 */
export const MIN_RENEWAL_GAP_MS = 30_000;

/** Whose time a token's expiry is judged in: the service's (estimated from its answers), apart from this computer's calendar. */
export interface CredentialClocks {
  service: ServiceClock;
  /** Never goes back: spaces renewals. */
  local: Clock;
}

/**
 * A credential that refreshes before expiry whenever it can, and renews on demand: clocks disagree,
 * and a token the client thinks valid may already be refused. Without a refresher a token is used
 * until the service refuses it, which Parley shows as "signed out".
 *
 * With a refresher the token is kept here rather than in the SDK's refreshing credential, which
 * judges expiry by this computer's calendar (`Date.now()`): set 2 days ahead, it would find every
 * fresh token expired and refuse it, calling the token service on every request. Here expiry is
 * judged in the service's time and renewals are spaced.
 */
export function createUserCredential(token: string | undefined, refresher: TokenRefresher | undefined, clocks: CredentialClocks): RenewableCredential {
  if (!refresher) {
    if (!token) throw new ApiFailure('invalid-input', 'A user access token is required.', { field: 'token' });
    let fixed: AzureCommunicationTokenCredential;
    try {
      fixed = new (sdk().common.AzureCommunicationTokenCredential)(token);
    } catch (error) {
      throw decodingFailure(error);
    }
    return { getToken: (options) => fixed.getToken(options), dispose: () => fixed.dispose(), renew: () => Promise.resolve(false) };
  }
  const accessToken = (text: string): AccessToken => {
    try {
      return { token: text, expiresOnTimestamp: decodeAcsToken(text).expiresOn };
    } catch (error) {
      throw decodingFailure(error);
    }
  };
  let current: AccessToken | null = token ? accessToken(token) : null;
  let lastRenewalAt = Number.NEGATIVE_INFINITY;
  let fetching: Promise<AccessToken> | undefined;
  let renewing: Promise<boolean> | undefined;

  const fetchFresh = (abortSignal?: Parameters<TokenRefresher>[0]): Promise<AccessToken> =>
    (fetching ??= (async () => {
      lastRenewalAt = clocks.local.now();
      try {
        current = accessToken(await refresher(abortSignal));
        return current;
      } finally {
        fetching = undefined;
      }
    })());
  const mayRenewNow = () => clocks.local.now() - lastRenewalAt >= MIN_RENEWAL_GAP_MS;

  const credential: RenewableCredential = {
    async getToken(options) {
      const serviceNow = clocks.service.now();
      if (current === null || (current.expiresOnTimestamp <= serviceNow && mayRenewNow())) return fetchFresh(options?.abortSignal);
      if (current.expiresOnTimestamp - serviceNow < RENEW_BEFORE_EXPIRY_MS && mayRenewNow()) void credential.renew();
      return current;
    },
    dispose() {
      current = null;
    },
    renew() {
      renewing ??= fetchFresh().then(
        () => true,
        () => false,
      );
      return renewing.finally(() => (renewing = undefined));
    },
  };
  return credential;
}

/** Asks the customer's own token service for a fresh token: JSON `{ token }` (or `accessToken`) or the bare token. */
export function refreshFromUrl(refreshUrl: string, authorization: string | undefined, fetchImpl: typeof fetch = fetch): TokenRefresher {
  return async (abortSignal) => {
    let response: Response;
    try {
      response = await fetchImpl(refreshUrl, {
        method: 'GET',
        headers: { Accept: 'application/json, text/plain', ...(authorization ? { Authorization: authorization } : {}) },
        signal: abortSignal instanceof AbortSignal ? abortSignal : null,
      });
    } catch (error) {
      throw new ApiFailure('transient', 'The token refresh service cannot be reached.', { cause: error });
    }
    if (response.status === 401 || response.status === 403) {
      throw new ApiFailure('signed-out', `The token refresh service refused Parley (${response.status}). Sign in again.`);
    }
    if (!response.ok) throw new ApiFailure('transient', `The token refresh service answered ${response.status}.`);
    const body = (await response.text()).trim();
    try {
      const parsed = JSON.parse(body) as { token?: unknown; accessToken?: unknown };
      const token = typeof parsed.token === 'string' ? parsed.token : typeof parsed.accessToken === 'string' ? parsed.accessToken : undefined;
      if (token) return token;
    } catch {
      if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(body)) return body;
    }
    throw new ApiFailure('permanent', 'The token refresh service answered without a token.');
  };
}

export interface ConnectionStringIdentity {
  /** The ACS user Parley acts as: reused when known, created otherwise. */
  userId: string;
  refresher: TokenRefresher;
}

/** With a connection string Parley is its own token service: it creates (or reuses) its user and mints chat tokens. */
export async function identityFromConnectionString(connectionString: string, knownUserId: string | null, tls: TlsTrust): Promise<ConnectionStringIdentity> {
  const client = new (await loadSdk()).identity.CommunicationIdentityClient(connectionString, tls.clientOptions());
  let userId = knownUserId;
  if (!userId) {
    try {
      userId = (await client.createUser()).communicationUserId;
    } catch (error) {
      throw classifyServiceError(error, 'create a chat user with this connection string');
    }
  }
  const user = { communicationUserId: userId };
  const refresher: TokenRefresher = async (abortSignal) => {
    try {
      return (await client.getToken(user, ['chat'], abortSignal ? { abortSignal } : {})).token;
    } catch (error) {
      throw classifyServiceError(error, 'issue a chat token');
    }
  };
  return { userId, refresher };
}
