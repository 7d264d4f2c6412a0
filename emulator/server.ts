import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { requireApiVersion, supportedVersionsHeader } from './api-versions.ts';
import { verifyHmacRequest } from './auth/hmac.ts';
import type { Clock } from './clock.ts';
import type { ErrorFamily } from './errors.ts';
import { ApiError, badRequest, unauthorized } from './errors.ts';
import type { FaultSpec, Faults } from './faults.ts';
import type { AuthenticatedUser, IdentityService } from './identity/service.ts';
import type { OperationRecord } from './operation-record.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { Reply, RequestContext, Route } from './routing.ts';
import { matchRoute } from './routing.ts';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerDependencies {
  routes: readonly Route[];
  identity: IdentityService;
  accessKey: string;
  clock: Clock;
  rateLimiter: RateLimiter;
  faults: Faults;
  operations: OperationRecord;
  tls: { cert: string; key: string };
}

const STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function injectedError(status: number, retryAfterSeconds: number | undefined): ApiError {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds), 'retry-after-ms': String(retryAfterSeconds * 1000) };
  return new ApiError(status, STATUS_CODES[status] ?? `Status${status}`, `Injected fault: status ${status}.`, { headers });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerToken(request: IncomingMessage): string {
  const match = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '');
  if (!match?.[1]) throw unauthorized('A Bearer access token is required.');
  return match[1].trim();
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Admin routes accept the access key as a Bearer token, or an HMAC signature made with it. */
function authenticateAdmin(request: IncomingMessage, rawTarget: string, body: Buffer, accessKey: string, nowMs: number): void {
  const authorization = header(request, 'authorization') ?? '';
  if (/^HMAC-SHA256\s/i.test(authorization)) {
    verifyHmacRequest({ method: request.method ?? 'GET', rawTarget, headers: request.headers, body }, accessKey, nowMs);
    return;
  }
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  if (!match?.[1] || !sameSecret(match[1].trim(), accessKey)) throw unauthorized('Admin routes need the access key as a Bearer token or an HMAC signature.');
}

/** A fault's rewrite of an answer: a new JSON body, or `{ raw }` text sent as if it were JSON. */
function rewriteReply(reply: Reply, rewrite: NonNullable<FaultSpec['rewriteBody']>): Reply {
  const rewritten = rewrite(structuredClone(reply.body));
  if (typeof rewritten === 'object' && rewritten !== null && 'raw' in rewritten && typeof rewritten.raw === 'string') {
    return { ...reply, body: undefined, rawBody: rewritten.raw };
  }
  return { ...reply, body: rewritten };
}

function writeReply(response: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.bytes !== undefined) {
    response.writeHead(reply.status, { ...headers, 'Content-Length': String(reply.bytes.length) });
    response.end(reply.bytes);
    return;
  }
  if (reply.rawBody !== undefined) {
    const payload = Buffer.from(reply.rawBody, 'utf8');
    response.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(payload.length) });
    response.end(payload);
    return;
  }
  if (reply.body === undefined) {
    response.writeHead(reply.status, { ...headers, 'Content-Length': '0' });
    response.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  response.writeHead(reply.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
  });
  response.end(payload);
}

/** Errors are sent as `application/json` without a charset, as the service does. */
function writeError(response: ServerResponse, error: ApiError, family: ErrorFamily, extraHeaders: Record<string, string>): void {
  const body = error.toBody(family);
  const headers: Record<string, string> = { ...extraHeaders, ...error.headers };
  if (body === undefined) {
    response.writeHead(error.status, { ...headers, 'Content-Length': '0' });
    response.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(error.status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(payload.length) });
  response.end(payload);
}

/** The family of a path no route matched, for the shape of its error. */
function familyOfPath(rawPath: string): ErrorFamily {
  if (rawPath.startsWith('/chat')) return 'chat';
  return rawPath.startsWith('/admin') ? 'admin' : 'identity';
}

function dispatch(route: Route, context: RequestContext, caller: AuthenticatedUser | undefined): Reply {
  if (route.family !== 'chat') return route.handle(context);
  if (!caller) throw unauthorized();
  return route.handle(context, caller);
}

export class EmulatorServer {
  readonly #deps: ServerDependencies;
  readonly #servers: Server[] = [];

  constructor(deps: ServerDependencies) {
    this.#deps = deps;
  }

  /**
   * Listens on loopback only, IPv4 and (when available) IPv6 on the same port, since `localhost`
   * may resolve to either. Port 0 picks a free port.
   */
  async listen(port: number): Promise<number> {
    const ipv4 = await this.#listenOn('127.0.0.1', port);
    try {
      await this.#listenOn('::1', ipv4);
    } catch {
      // No IPv6 loopback here; clients fall back to 127.0.0.1.
    }
    return ipv4;
  }

  async #listenOn(host: string, port: number): Promise<number> {
    const server = createServer({ cert: this.#deps.tls.cert, key: this.#deps.tls.key }, (request, response) => {
      void this.#handle(request, response);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#servers.push(server);
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    this.#servers.length = 0;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { clock, operations } = this.#deps;
    const method = (request.method ?? 'GET').toUpperCase();
    const rawTarget = request.url ?? '/';
    const queryStart = rawTarget.indexOf('?');
    const rawPath = queryStart === -1 ? rawTarget : rawTarget.slice(0, queryStart);
    const query = new URLSearchParams(queryStart === -1 ? '' : rawTarget.slice(queryStart + 1));
    const clientRequestId = header(request, 'x-ms-client-request-id');
    const host = header(request, 'host') ?? '';
    // The Date header follows the emulator's clock, so that it agrees with the timestamps in its bodies.
    const baseHeaders: Record<string, string> = { 'ms-cv': randomUUID(), Date: new Date(clock.now()).toUTCString() };
    if (clientRequestId !== undefined) baseHeaders['x-ms-client-request-id'] = clientRequestId;

    let routeName = 'unknown';
    let family = familyOfPath(rawPath);
    let userId: string | undefined;
    let threadId: string | undefined;
    let status = 500;
    try {
      const rawBody = await readBody(request);
      const match = matchRoute(this.#deps.routes, method, rawPath);
      if (match === undefined) throw new ApiError(404, 'NotFound', `No resource matches ${method} ${rawPath}.`);
      if ('methodNotAllowed' in match) throw new ApiError(405, 'MethodNotAllowed', `${method} is not supported on ${rawPath}.`);
      const { route, params } = match;
      routeName = route.name;
      family = route.family;
      threadId = params['threadId'];
      if (route.family !== 'admin') baseHeaders['api-supported-versions'] = supportedVersionsHeader(route.family);

      const fault = this.#deps.faults.decide(method, routeName, rawPath);
      if (fault) {
        if (fault.latencyMs > 0) await delay(fault.latencyMs);
        if (fault.drop) {
          request.socket.destroy();
          operations.add({ timeMs: clock.now(), method, host, route: routeName, status: 0, userId, threadId, outcome: 'dropped' });
          return;
        }
        if (fault.status !== undefined) throw injectedError(fault.status, fault.retryAfterSeconds);
      }

      const apiVersion = route.family === 'admin' ? '' : requireApiVersion(route.family, query, rawPath);
      let caller: AuthenticatedUser | undefined;
      if (route.family === 'chat') {
        caller = this.#deps.identity.authenticate(bearerToken(request));
        userId = caller.userId;
      } else if (route.family === 'identity') {
        verifyHmacRequest({ method, rawTarget, headers: request.headers, body: rawBody }, this.#deps.accessKey, clock.now());
      } else {
        authenticateAdmin(request, rawTarget, rawBody, this.#deps.accessKey, clock.now());
      }

      const context: RequestContext = {
        method,
        rawTarget,
        rawPath,
        query,
        headers: request.headers,
        rawBody,
        body: parseJsonBody(rawBody),
        params,
        baseUrl: `https://${host || 'localhost'}`,
        apiVersion,
      };
      if (route.rateLimit !== undefined) {
        const operation = typeof route.rateLimit === 'function' ? route.rateLimit(context) : route.rateLimit;
        this.#deps.rateLimiter.admit(operation, { userId, threadId }, clock.now());
      }
      const handled = dispatch(route, context, caller);
      const reply = fault?.rewriteBody && handled.body !== undefined ? rewriteReply(handled, fault.rewriteBody) : handled;
      status = reply.status;
      if (fault?.dropAfterHandling) {
        request.socket.destroy();
        operations.add({ timeMs: clock.now(), method, host, route: routeName, status, userId, threadId, outcome: 'dropped' });
        return;
      }
      writeReply(response, reply, baseHeaders);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalServerError', 'The emulator failed to handle the request.');
      if (!(error instanceof ApiError)) console.error('[acs-emulator]', error);
      status = apiError.status;
      if (!response.headersSent && !response.destroyed) {
        writeError(response, apiError, family, baseHeaders);
      }
    }
    operations.add({ timeMs: clock.now(), method, host, route: routeName, status, userId, threadId, outcome: 'answered' });
  }
}
