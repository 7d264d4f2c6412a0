import type { IncomingHttpHeaders } from 'node:http';
import { badRequest } from './errors.ts';
import type { AuthenticatedUser } from './identity/service.ts';
import type { RateLimitedOperation } from './rate-limits.ts';

export interface RequestContext {
  method: string;
  /** The request target exactly as received (path and query, still percent-encoded). */
  rawTarget: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
  /** `https://<host the client used>`, for Location and nextLink. */
  baseUrl: string;
  /** Empty for admin routes. */
  apiVersion: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Text sent as the body verbatim (only fault injection uses it, to send broken JSON). */
  rawBody?: string;
  /** Bytes sent as the body, with `Content-Type` in `headers` (attachment images). */
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export type PathSegment = string | { param: string };

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

interface RouteBase {
  name: string;
  method: HttpMethod;
  path: readonly PathSegment[];
  rateLimit?: RateLimitedOperation | ((context: RequestContext) => RateLimitedOperation);
}

export interface ChatRoute extends RouteBase {
  family: 'chat';
  handle(context: RequestContext, caller: AuthenticatedUser): Reply;
}

export interface IdentityRoute extends RouteBase {
  family: 'identity';
  handle(context: RequestContext): Reply;
}

export interface AdminRoute extends RouteBase {
  family: 'admin';
  handle(context: RequestContext): Reply;
}

export type Route = ChatRoute | IdentityRoute | AdminRoute;

export function param(name: string): PathSegment {
  return { param: name };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function binary(bytes: Buffer, contentType: string): Reply {
  return { status: 200, bytes, headers: { 'Content-Type': contentType } };
}

export function empty(status: number): Reply {
  return { status };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | undefined;

export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch {
  const segments = rawPath.split('/').filter((segment, index, all) => segment !== '' || (index > 0 && index < all.length - 1));
  let pathMatched = false;
  for (const route of routes) {
    if (route.path.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = route.path.every((expected, index) => {
      const actual = segments[index] ?? '';
      if (typeof expected === 'string') return decodeSegment(actual) === expected;
      const value = decodeSegment(actual);
      if (value === '') return false;
      params[expected.param] = value;
      return true;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}

export function requireParam(context: RequestContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) throw new Error(`route has no parameter '${name}'`);
  return value;
}
