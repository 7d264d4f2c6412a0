import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_TOKEN_PARAM, BRIDGE_WEBSOCKET_PATH, type BridgeServerMessage } from '../../../src-preload/contract.ts';
import type { CoreChannel } from '../../api/dispatcher.ts';
import type { Logger } from '../../base/logger.ts';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.ts';
import { parseBridgeCall } from './bridge-protocol.ts';

export interface BrowserHostOptions {
  app: CoreChannel;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  port: number;
  log: Logger;
  /** The per-run secret; a random one when omitted. */
  token?: string;
}

export interface BrowserHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A port that cannot be had, as a sentence that says which one and what to do. */
function listenFailure(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new Error(`Port ${port} on ${HOST} is already in use by another program. Start Parley on another port with --port <n> (--port 0 picks a free one).`, {
      cause: error,
    });
  }
  if (error.code === 'EACCES') {
    return new Error(`Port ${port} needs administrator rights on this system. Start Parley on a port above 1023 with --port <n> (--port 0 picks a free one).`, { cause: error });
  }
  return error;
}

/**
 * Serves the built renderer and the bridge on loopback, so that the whole app runs in an ordinary
 * browser: the same page, the same contract, the same main-process services.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const clients = new Set<WebSocket>();
  let origin = '';

  function serveStatic(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === BRIDGE_WEBSOCKET_PATH) {
      // A refused WebSocket cannot tell the page why; over plain HTTP the page learns whether its key is this run's.
      const status = sameSecret(url.searchParams.get(BRIDGE_TOKEN_PARAM), token) ? 204 : 401;
      response.writeHead(status, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    const pathname = decodeURIComponent(url.pathname);
    const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = resolve(staticRoot, relative);
    let size: number;
    try {
      if (!file.startsWith(staticRoot + sep)) throw new Error('outside the renderer');
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  }

  const server = createServer(serveStatic);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request, socket: Socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== BRIDGE_WEBSOCKET_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (request.headers.origin !== origin) {
      options.log.warn(`bridge refused a connection from origin ${String(request.headers.origin)}`);
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    if (!sameSecret(url.searchParams.get(BRIDGE_TOKEN_PARAM), token)) {
      options.log.warn('bridge refused a connection with a wrong secret');
      return refuseUpgrade(socket, 401, 'Unauthorized');
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client));
  });

  const send = (client: WebSocket, message: BridgeServerMessage) => client.send(JSON.stringify(message));

  sockets.on('connection', (client: WebSocket) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('message', async (data) => {
      const call = parseBridgeCall(data.toString());
      if (!call) {
        options.log.warn('bridge dropped a malformed message');
        return;
      }
      const result = await options.app.dispatcher.invoke(call.method, call.input);
      if (client.readyState === client.OPEN) send(client, { type: 'result', id: call.id, result });
    });
  });

  const unsubscribe = options.app.events.subscribe((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload });
    for (const client of clients) if (client.readyState === client.OPEN) client.send(message);
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error) => rejectListen(listenFailure(error, options.port)));
    server.listen(options.port, HOST, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/?${BRIDGE_TOKEN_PARAM}=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
