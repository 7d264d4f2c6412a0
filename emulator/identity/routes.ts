import { atLeast } from '../api-versions.ts';
import { badRequest } from '../errors.ts';
import type { IdentityRoute, RequestContext } from '../routing.ts';
import { empty, json, param, requireParam } from '../routing.ts';
import type { JsonObject } from '../validation.ts';
import { bodyObject, optionalArray } from '../validation.ts';
import type { TokenScope } from './scopes.ts';
import { scopesKnownBy } from './scopes.ts';
import type { IdentityService } from './service.ts';
import { checkTokenLifetime, DEFAULT_TOKEN_MINUTES } from './service.ts';

function parseScopes(values: readonly unknown[], field: string, apiVersion: string): TokenScope[] {
  if (values.length === 0) throw badRequest(`'${field}' must name at least one scope.`, field);
  const known = scopesKnownBy(apiVersion);
  return values.map((value) => {
    if (typeof value !== 'string' || !(known as readonly string[]).includes(value)) {
      throw badRequest(`'${String(value)}' is not a valid scope for api-version ${apiVersion}; expected one of ${known.join(', ')}.`, field);
    }
    return value as TokenScope;
  });
}

/** `expiresInMinutes`: null or absent means the default; versions before 2022-10-01 do not know the field. */
function parseExpiresInMinutes(body: JsonObject, apiVersion: string): number {
  const value = body['expiresInMinutes'];
  if (!atLeast(apiVersion, '2022-10-01') || value === undefined || value === null) return DEFAULT_TOKEN_MINUTES;
  if (typeof value !== 'number') throw badRequest('expiresInMinutes must be an integer.', 'expiresInMinutes');
  checkTokenLifetime(value);
  return value;
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
        const scopes = requestedScopes === undefined ? undefined : parseScopes(requestedScopes, 'createTokenWithScopes', context.apiVersion);
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
        const scopes = optionalArray(body, 'scopes');
        if (scopes === undefined) throw badRequest("'scopes' is required.", 'scopes');
        return json(200, identity.issueToken(userId(context), parseScopes(scopes, 'scopes', context.apiVersion), parseExpiresInMinutes(body, context.apiVersion)));
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
  ];
}
