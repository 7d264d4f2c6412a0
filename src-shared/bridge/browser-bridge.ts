import { buildBridge } from './bridge-builder.ts';
import {
  BRIDGE_TOKEN_PARAM,
  BRIDGE_WEBSOCKET_PATH,
  isEventName,
  type ApiMethod,
  type BridgeClientMessage,
  type BridgeServerMessage,
  type EventName,
  type ParleyBridge,
  type Result,
} from '../../src-preload/contract.ts';

const TOKEN_STORAGE_KEY = 'parley.bridge-token';
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/** The secret travels in the first URL only; it is kept for reloads of this tab and removed from the address bar. */
function takeBridgeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(BRIDGE_TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete(BRIDGE_TOKEN_PARAM);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * The browser shell's twin of the Electron preload: the identical `window.parley`, carried over a
 * loopback WebSocket. Calls made while disconnected wait for the connection, up to a limit, and
 * then answer `bridge-unavailable` rather than hang.
 */
export function createBrowserBridge(win: Window = window): ParleyBridge {
  const token = takeBridgeToken(win.location, win.history, win.sessionStorage);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let deliverEvent: (event: EventName, payload: unknown) => void = () => {};
  let nextId = 1;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let connected = false;
  let waitingForOpen: Array<() => void> = [];

  function failAllPending(message: string): void {
    for (const [id, settle] of pending) {
      pending.delete(id);
      settle({ ok: false, error: { code: 'bridge-unavailable', message } });
    }
  }

  function connect(): void {
    if (!token) return;
    const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${win.location.host}${BRIDGE_WEBSOCKET_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    const current = new WebSocket(url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      connected = true;
      const waiters = waitingForOpen;
      waitingForOpen = [];
      for (const wake of waiters) wake();
    };
    current.onmessage = (frame) => {
      const message = JSON.parse(String(frame.data)) as BridgeServerMessage;
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (isEventName(message.event)) {
        deliverEvent(message.event, message.payload);
      }
    };
    current.onclose = () => {
      connected = false;
      failAllPending('Parley lost its connection to the app process. It will reconnect by itself.');
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      win.setTimeout(connect, delay);
    };
  }

  function whenOpen(timeoutMs: number): Promise<boolean> {
    if (connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = win.setTimeout(() => resolve(false), timeoutMs);
      waitingForOpen.push(() => {
        win.clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async function call(method: ApiMethod, input: unknown): Promise<Result<unknown>> {
    if (!token) {
      return { ok: false, error: { code: 'bridge-unavailable', message: 'This page was opened without its access key. Open the address Parley printed when it started.' } };
    }
    if (!(await whenOpen(5000)) || !socket) {
      return { ok: false, error: { code: 'bridge-unavailable', message: 'Parley cannot reach its app process. Is it still running?' } };
    }
    const id = nextId++;
    const request: BridgeClientMessage = { type: 'call', id, method, input };
    const answer = new Promise<Result<unknown>>((resolve) => pending.set(id, resolve));
    socket.send(JSON.stringify(request));
    return answer;
  }

  connect();
  return buildBridge({
    call,
    listen(deliver) {
      deliverEvent = deliver;
    },
  });
}
