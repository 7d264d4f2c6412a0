import { atLeast } from '../api-versions.ts';
import { ApiError, validationError } from '../errors.ts';
import type { IdentityRoute, RequestContext } from '../routing.ts';
import { empty, json, param, requireParam } from '../routing.ts';
import type { JsonObject } from '../validation.ts';
import { bodyObject, optionalArray } from '../validation.ts';
import type { TokenScope } from './scopes.ts';
import { scopesKnownBy } from './scopes.ts';
import type { IdentityService } from './service.ts';
import { checkTokenLifetime, DEFAULT_TOKEN_MINUTES } from './service.ts';

/** `target` is the PascalCase model field, as in the service's model-binding errors (`Scopes`). */
function parseScopes(values: readonly unknown[], target: string, apiVersion: string): TokenScope[] {
  if (values.length === 0) throw validationError(`${target}: The ${target} field must name at least one scope.`, target);
  const known = scopesKnownBy(apiVersion);
  return values.map((value) => {
    if (typeof value !== 'string' || !(known as readonly string[]).includes(value)) {
      throw validationError(`${target}: '${String(value)}' is not a valid scope for api-version ${apiVersion}; expected one of ${known.join(', ')}.`, target);
    }
    return value as TokenScope;
  });
}

/** `expiresInMinutes`: null or absent means the default; versions before 2022-10-01 do not know the field. */
function parseExpiresInMinutes(body: JsonObject, apiVersion: string): number {
  const value = body['expiresInMinutes'];
  if (!atLeast(apiVersion, '2022-10-01') || value === undefined || value === null) return DEFAULT_TOKEN_MINUTES;
  if (typeof value !== 'number') throw validationError('ExpiresInMinutes: The value is not a valid integer.', 'ExpiresInMinutes');
  checkTokenLifetime(value);
  return value;
}

/**
 * The emulator has no Entra ID to check a Teams user's token against, so every exchange is refused the way
 * the service refuses a bad token, after the same field check the service makes first
 * (PY identity `…test_get_token_for_teams_user_with_invalid_client_id[empty_client_id-].json`,
 * `…test_get_token_for_teams_user_with_invalid_token[invalid_token-invalid].json`).
 */
function refuseTeamsExchange(body: JsonObject): never {
  const appId = body['appId'];
  if (typeof appId !== 'string' || appId === '') throw validationError('AppId: The AppId field is required.', 'AppId');
  throw new ApiError(401, 'InvalidAccessToken', 'Provided access token is not valid.');
}

function hasBody(context: RequestContext): boolean {
  return context.body !== undefined;
}

export function identityRoutes(identity: IdentityService): IdentityRoute[] {
  const userId = (context: RequestContext): string => requireParam(context, 'userId');
  return [
    {
      family: 'identity',
      name: 'createUser',
      method: 'POST',
      path: ['identities'],
      rateLimit: (context) => (hasBody(context) && bodyObject(context.body)['createTokenWithScopes'] ? 'identityCreateUserAndToken' : 'identityCreateUser'),
      handle(context) {
        const body = bodyObject(context.body);
        const requestedScopes = optionalArray(body, 'createTokenWithScopes');
        const scopes = requestedScopes === undefined ? undefined : parseScopes(requestedScopes, 'CreateTokenWithScopes', context.apiVersion);
        const minutes = parseExpiresInMinutes(body, context.apiVersion);
        const id = identity.createUser();
        const result: Record<string, unknown> = { identity: { id } };
        if (scopes) result['accessToken'] = identity.issueToken(id, scopes, minutes);
        return json(201, result);
      },
    },
    {
      family: 'identity',
      name: 'deleteUser',
      method: 'DELETE',
      path: ['identities', param('userId')],
      rateLimit: 'identityDeleteUser',
      handle(context) {
        identity.deleteUser(userId(context));
        return empty(204);
      },
    },
    {
      family: 'identity',
      name: 'issueAccessToken',
      method: 'POST',
      path: ['identities', param('userId'), ':issueAccessToken'],
      rateLimit: 'identityIssueToken',
      handle(context) {
        const body = bodyObject(context.body);
        // `"scopes": null` is refused as missing (PY identity `…test_get_token_with_no_scopes.json`).
        const scopes = optionalArray(body, 'scopes');
        if (scopes === undefined) throw validationError('Scopes: The Scopes field is required.', 'Scopes');
        return json(200, identity.issueToken(userId(context), parseScopes(scopes, 'Scopes', context.apiVersion), parseExpiresInMinutes(body, context.apiVersion)));
      },
    },
    {
      family: 'identity',
      name: 'revokeAccessTokens',
      method: 'POST',
      path: ['identities', param('userId'), ':revokeAccessTokens'],
      rateLimit: 'identityRevokeTokens',
      handle(context) {
        identity.revokeTokens(userId(context));
        return empty(204);
      },
    },
    {
      family: 'identity',
      name: 'exchangeTeamsUserAccessToken',
      method: 'POST',
      path: ['teamsUser', ':exchangeAccessToken'],
      handle(context) {
        return refuseTeamsExchange(bodyObject(context.body));
      },
    },
  ];
}
