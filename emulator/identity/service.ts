import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt } from '../auth/jwt.ts';
import type { Clock } from '../clock.ts';
import { identityTime } from '../clock.ts';
import { badRequest, notFound, unauthorized, validationError } from '../errors.ts';
import { newUserId, parseAcsUserId } from '../ids.ts';
import type { Store } from '../store.ts';
import type { TokenScope } from './scopes.ts';

export const DEFAULT_TOKEN_MINUTES = 1440;
export const MIN_TOKEN_MINUTES = 60;
export const MAX_TOKEN_MINUTES = 1440;

/** The service's words (PY identity `…test_get_token_with_invalid_custom_expirations[max_invalid_mins-1441].json`). */
export function checkTokenLifetime(expiresInMinutes: number): void {
  if (!Number.isInteger(expiresInMinutes) || expiresInMinutes < MIN_TOKEN_MINUTES || expiresInMinutes > MAX_TOKEN_MINUTES) {
    throw validationError(
      `ExpiresInMinutes value ${expiresInMinutes} is invalid. Value must be within the [${MIN_TOKEN_MINUTES}, ${MAX_TOKEN_MINUTES}] interval.`,
      'ExpiresInMinutes',
    );
  }
}

export interface IssuedToken {
  token: string;
  expiresOn: string;
}

export interface AuthenticatedUser {
  userId: string;
  scopes: string[];
}

/** Users and their access tokens: what the Identity API and chat authentication share. */
export class IdentityService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #tokenSecret: Buffer;
  readonly resourceId: string;
  #lastStampMs = 0;

  constructor(store: Store, clock: Clock, resourceId: string, tokenSecret: Buffer) {
    this.#store = store;
    this.#clock = clock;
    this.resourceId = resourceId;
    this.#tokenSecret = tokenSecret;
  }

  /**
   * Strictly increasing milliseconds, so a revoke orders exactly against tokens issued in the
   * same millisecond (before it: revoked; after it: valid).
   */
  #nextStamp(): number {
    this.#lastStampMs = Math.max(this.#clock.now(), this.#lastStampMs + 1);
    return this.#lastStampMs;
  }

  createUser(): string {
    const now = this.#clock.now();
    const id = newUserId(this.resourceId, now);
    this.#store.insertUser(id, now);
    return id;
  }

  /** A user of this resource that exists and has not been deleted. */
  isActiveUser(userId: string): boolean {
    const user = this.#store.getUser(userId);
    return user !== undefined && user.deletedMs === null;
  }

  #requireActiveUser(userId: string): void {
    if (!parseAcsUserId(userId)) throw badRequest(`Identifier format is invalid (${userId}).`);
    if (!this.isActiveUser(userId)) throw notFound(`Identity '${userId}' was not found.`);
  }

  issueToken(userId: string, scopes: readonly TokenScope[], expiresInMinutes: number = DEFAULT_TOKEN_MINUTES): IssuedToken {
    checkTokenLifetime(expiresInMinutes);
    this.#requireActiveUser(userId);
    const nowMs = this.#clock.now();
    const stampMs = this.#nextStamp();
    const issuedAt = Math.floor(nowMs / 1000);
    const expiresAt = issuedAt + expiresInMinutes * 60;
    const token = signJwt(
      {
        skypeid: userId.slice('8:'.length),
        scp: 1792,
        csi: String(issuedAt),
        exp: expiresAt,
        acsScope: scopes.join(','),
        resourceId: this.resourceId,
        iat: issuedAt,
        // `iat` has whole seconds; revocation needs to order a token against a revoke in the same second.
        issuedAtMs: stampMs,
      },
      this.#tokenSecret,
    );
    return { token, expiresOn: identityTime(expiresAt * 1000) };
  }

  revokeTokens(userId: string): void {
    this.#requireActiveUser(userId);
    this.#store.revokeUserTokens(userId, this.#nextStamp());
  }

  deleteUser(userId: string): void {
    this.#requireActiveUser(userId);
    this.#store.markUserDeleted(userId, this.#clock.now());
  }

  /** The caller of a chat request, or a 401: forged, malformed, expired, revoked, or for a deleted user. */
  authenticate(token: string): AuthenticatedUser {
    const claims = verifyJwt(token, this.#tokenSecret);
    if (!claims) throw unauthorized('The access token is malformed or its signature is invalid.');
    const { skypeid, exp, acsScope, resourceId, issuedAtMs } = claims;
    if (typeof skypeid !== 'string' || typeof exp !== 'number' || typeof acsScope !== 'string' || typeof issuedAtMs !== 'number') {
      throw unauthorized('The access token is missing required claims.');
    }
    if (resourceId !== this.resourceId) throw unauthorized('The access token was issued for another resource.');
    if (exp * 1000 <= this.#clock.now()) throw unauthorized('The access token has expired.');
    const userId = `8:${skypeid}`;
    const user = this.#store.getUser(userId);
    if (!user || user.deletedMs !== null) throw unauthorized('The identity of the access token no longer exists.');
    if (user.tokensRevokedBeforeMs !== null && issuedAtMs < user.tokensRevokedBeforeMs) {
      throw unauthorized('The access token has been revoked.');
    }
    return { userId, scopes: acsScope.split(',').filter((scope) => scope !== '') };
  }
}

export function newTokenSecret(): string {
  return randomBytes(32).toString('base64');
}
