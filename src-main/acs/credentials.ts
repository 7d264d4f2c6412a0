import type { AzureCommunicationTokenCredential, CommunicationTokenCredential, CommunicationTokenRefreshOptions } from '@azure/communication-common';
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
 * A credential that refreshes before expiry whenever it can, and renews on demand: clocks disagree,
 * and a token the client thinks valid may already be refused. Without a refresher a token is used
 * until the service refuses it, which Parley shows as "signed out".
 *
 * The SDK's own proactive refresh is off: it runs from a timer whose failure (offline, say) would be
 * an unhandled rejection. Instead, a token found close to expiry when used starts a renewal here.
 */
export function createUserCredential(token: string | undefined, refresher: TokenRefresher | undefined): RenewableCredential {
  const build = (initial: string | undefined): AzureCommunicationTokenCredential => {
    try {
      const { AzureCommunicationTokenCredential } = sdk().common;
      if (refresher) return new AzureCommunicationTokenCredential({ ...(initial ? { token: initial } : {}), tokenRefresher: refresher, refreshProactively: false });
      if (!initial) throw new ApiFailure('invalid-input', 'A user access token is required.', { field: 'token' });
      return new AzureCommunicationTokenCredential(initial);
    } catch (error) {
      throw decodingFailure(error);
    }
  };
  let inner = build(token);
  let renewing: Promise<boolean> | undefined;
  const credential: RenewableCredential = {
    async getToken(options) {
      const token = await inner.getToken(options);
      if (refresher && token.expiresOnTimestamp - Date.now() < RENEW_BEFORE_EXPIRY_MS) void credential.renew();
      return token;
    },
    dispose: () => inner.dispose(),
    renew() {
      if (!refresher) return Promise.resolve(false);
      renewing ??= (async () => {
        try {
          const fresh = build(undefined);
          await fresh.getToken();
          inner.dispose();
          inner = fresh;
          return true;
        } catch {
          return false;
        } finally {
          renewing = undefined;
        }
      })();
      return renewing;
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
