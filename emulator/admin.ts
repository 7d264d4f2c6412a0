import { parseAdminMessage } from './admin-messages.ts';
import { parseIdentifierModel } from './chat/identifiers.ts';
import type { ChatService } from './chat/service.ts';
import { badRequest } from './errors.ts';
import type { FaultSpec, Faults } from './faults.ts';
import type { IdentityService } from './identity/service.ts';
import { DEFAULT_TOKEN_MINUTES } from './identity/service.ts';
import type { TokenScope } from './identity/scopes.ts';
import { isTokenScope } from './identity/scopes.ts';
import type { Inspector } from './inspect.ts';
import { postAsOtherClient } from './interop.ts';
import type { OperationFilter, OperationRecord } from './operation-record.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { AdminRoute, RequestContext } from './routing.ts';
import { empty, json, param, requireParam } from './routing.ts';
import type { ParticipantRecord } from './model.ts';
import type { JsonObject } from './validation.ts';
import { bodyObject, optionalArray, optionalString, parseStringMap, requireNonEmptyString } from './validation.ts';

/** `/admin/...`: test and demo controls over HTTPS, for clients that are not in-process (e2e, Python). */

export interface AdminDependencies {
  operations: OperationRecord;
  faults: Faults;
  identity: IdentityService;
  inspect: Inspector;
  rateLimiter: RateLimiter;
  chat: ChatService;
}

/** A participant of any well-formed kind, with an optional display name and metadata. */
export function externalParticipant(rawId: string, options: { displayName?: string; metadata?: Record<string, string> } = {}): ParticipantRecord {
  return { userId: parseIdentifierModel({ rawId }, 'rawId').rawId, displayName: options.displayName ?? null, shareHistoryMs: 0, metadata: options.metadata ?? null };
}

function optionalNumber(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw badRequest(`'${key}' must be a number.`, key);
  return value;
}

function optionalText(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`'${key}' must be a string.`, key);
  return value;
}

/** `route` names a route; `routePattern` is a RegExp source tested against `METHOD /raw/path`. */
function parseFaultSpec(body: JsonObject): FaultSpec {
  const spec: FaultSpec = {};
  const route = optionalText(body, 'route');
  const routePattern = optionalText(body, 'routePattern');
  if (route !== undefined) spec.route = route;
  if (routePattern !== undefined) {
    try {
      spec.route = new RegExp(routePattern);
    } catch {
      throw badRequest(`'routePattern' is not a valid regular expression.`, 'routePattern');
    }
  }
  const method = optionalText(body, 'method');
  if (method !== undefined) spec.method = method;
  const status = optionalNumber(body, 'status');
  if (status !== undefined) spec.status = status;
  const rate = optionalNumber(body, 'rate');
  if (rate !== undefined) spec.rate = rate;
  const count = optionalNumber(body, 'count');
  if (count !== undefined) spec.count = count;
  const latencyMs = optionalNumber(body, 'latencyMs');
  if (latencyMs !== undefined) spec.latencyMs = latencyMs;
  const retryAfterSeconds = optionalNumber(body, 'retryAfterSeconds');
  if (retryAfterSeconds !== undefined) spec.retryAfterSeconds = retryAfterSeconds;
  if (body['drop'] === true) spec.drop = true;
  return spec;
}

function operationFilter(query: URLSearchParams): OperationFilter {
  const filter: OperationFilter = {};
  for (const key of ['route', 'method', 'userId', 'threadId'] as const) {
    const value = query.get(key);
    if (value !== null) filter[key] = value;
  }
  const status = query.get('status');
  if (status !== null) filter.status = Number(status);
  const sinceSeq = query.get('sinceSeq');
  if (sinceSeq !== null) filter.sinceSeq = Number(sinceSeq);
  return filter;
}

function parseScopes(body: JsonObject): TokenScope[] {
  const scopes = optionalArray(body, 'scopes') ?? ['chat'];
  return scopes.map((scope) => {
    if (!isTokenScope(scope)) throw badRequest(`'${String(scope)}' is not a token scope.`, 'scopes');
    return scope;
  });
}

export function adminRoutes(deps: AdminDependencies): AdminRoute[] {
  const threadId = (context: RequestContext): string => requireParam(context, 'threadId');
  return [
    {
      family: 'admin',
      name: 'admin.listOperations',
      method: 'GET',
      path: ['admin', 'operations'],
      handle: (context) => json(200, { value: deps.operations.list(operationFilter(context.query)), lastSeq: deps.operations.lastSeq }),
    },
    {
      family: 'admin',
      name: 'admin.clearOperations',
      method: 'DELETE',
      path: ['admin', 'operations'],
      handle: () => {
        deps.operations.clear();
        return empty(204);
      },
    },
    {
      family: 'admin',
      name: 'admin.listFaults',
      method: 'GET',
      path: ['admin', 'faults'],
      handle: () => json(200, { value: deps.faults.list().map((fault) => ({ ...fault, route: fault.route?.toString() })) }),
    },
    {
      family: 'admin',
      name: 'admin.addFault',
      method: 'POST',
      path: ['admin', 'faults'],
      handle: (context) => {
        try {
          return json(201, { id: deps.faults.add(parseFaultSpec(bodyObject(context.body))).id });
        } catch (error) {
          if (error instanceof RangeError) throw badRequest(error.message);
          throw error;
        }
      },
    },
    {
      family: 'admin',
      name: 'admin.clearFaults',
      method: 'DELETE',
      path: ['admin', 'faults'],
      handle: () => {
        deps.faults.clear();
        return empty(204);
      },
    },
    {
      family: 'admin',
      name: 'admin.setRateLimits',
      method: 'PUT',
      path: ['admin', 'rate-limits'],
      handle: (context) => {
        const enabled = bodyObject(context.body)['enabled'];
        if (typeof enabled !== 'boolean') throw badRequest("'enabled' must be a boolean.", 'enabled');
        deps.rateLimiter.enabled = enabled;
        deps.rateLimiter.reset();
        return empty(204);
      },
    },
    {
      family: 'admin',
      name: 'admin.createUser',
      method: 'POST',
      path: ['admin', 'users'],
      handle: (context) => {
        const body = bodyObject(context.body);
        const userId = deps.identity.createUser();
        const token = deps.identity.issueToken(userId, parseScopes(body), optionalNumber(body, 'expiresInMinutes') ?? DEFAULT_TOKEN_MINUTES);
        return json(201, { userId, ...token });
      },
    },
    {
      family: 'admin',
      name: 'admin.revokeUser',
      method: 'POST',
      path: ['admin', 'users', param('userId'), ':revoke'],
      handle: (context) => {
        deps.identity.revokeTokens(requireParam(context, 'userId'));
        return empty(204);
      },
    },
    {
      family: 'admin',
      name: 'admin.inspectMessages',
      method: 'GET',
      path: ['admin', 'threads', param('threadId'), 'messages'],
      handle: (context) => json(200, { value: deps.inspect.messages(threadId(context)) }),
    },
    {
      family: 'admin',
      name: 'admin.addExternalParticipant',
      method: 'POST',
      path: ['admin', 'threads', param('threadId'), 'participants'],
      handle: (context) => {
        const body = bodyObject(context.body);
        const displayName = optionalString(body, 'displayName');
        const metadata = body['metadata'] === undefined || body['metadata'] === null ? undefined : parseStringMap(body['metadata'], 'metadata', false, true);
        const options = { ...(displayName === undefined ? {} : { displayName }), ...(metadata === undefined ? {} : { metadata }) };
        deps.chat.joinExternalParticipant(threadId(context), externalParticipant(requireNonEmptyString(body, 'rawId'), options));
        return empty(201);
      },
    },
    {
      family: 'admin',
      name: 'admin.postMessage',
      method: 'POST',
      path: ['admin', 'threads', param('threadId'), 'messages'],
      handle: (context) => {
        const { senderId, senderDisplayName, ...message } = parseAdminMessage(bodyObject(context.body));
        const posted = postAsOtherClient(deps.chat, threadId(context), { id: senderId, displayName: senderDisplayName }, message);
        return json(201, { id: posted.id, attachmentIds: (posted.content.attachments ?? []).map((attachment) => attachment.id) });
      },
    },
  ];
}
