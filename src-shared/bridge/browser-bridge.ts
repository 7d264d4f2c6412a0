import { buildBridge } from './bridge-builder.ts';
import {
  BRIDGE_TOKEN_PARAM,
  BRIDGE_WEBSOCKET_PATH,
  isEventName,
  type ApiError,
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

const KEY_MISSING: ApiError = {
  code: 'bridge-key-missing',
  message: 'This address has no access key. Open the address Parley printed when it started.',
};
const KEY_STALE: ApiError = {
  code: 'bridge-key-stale',
  message: 'This page’s access key is from an earlier run of Parley. Open the address the running Parley printed when it started.',
};
const UNREACHABLE: ApiError = { code: 'bridge-unavailable', message: 'Parley cannot reach its app process. Is it still running?' };
const CONNECTION_LOST: ApiError = { code: 'bridge-unavailable', message: 'Parley lost its connection to the app process. It will reconnect by itself.' };

/** How long a call waits for a connection that neither opens nor is known to be impossible. */
const CONNECT_WAIT_MS = 5000;

/**
 * The browser shell's twin of the Electron preload: the identical `window.parley`, carried over a
 * loopback WebSocket. Calls made while disconnected wait for the connection, up to a limit, and
 * then answer `bridge-unavailable` rather than hang. A key the shell refuses (missing, or from an
 * earlier run) is known at once and answered as such, without waiting or reconnecting.
 */
export function createBrowserBridge(win: Window = window): ParleyBridge {
  const token = takeBridgeToken(win.location, win.history, win.sessionStorage);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let deliverEvent: (event: EventName, payload: unknown) => void = () => {};
  let nextId = 1;
  let socket: WebSocket | undefined;
  let attempt = 0;
  let connected = false;
  /** Set when no connection can ever open from this page. */
  let refusal: ApiError | null = token ? null : KEY_MISSING;
  let waitingForOpen: Array<(outcome: ApiError | null) => void> = [];

  function settleWaiters(outcome: ApiError | null): void {
    const waiters = waitingForOpen;
    waitingForOpen = [];
    for (const wake of waiters) wake(outcome);
  }

  function failAllPending(error: ApiError): void {
    for (const [id, settle] of pending) {
      pending.delete(id);
      settle({ ok: false, error });
    }
  }

  /** A WebSocket refused at the upgrade cannot say why: ask over plain HTTP whether this key is the running shell's. */
  async function diagnose(key: string): Promise<void> {
    try {
      const answer = await win.fetch(`${BRIDGE_WEBSOCKET_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(key)}`, { cache: 'no-store' });
      if (answer.status === 401) {
        refusal = KEY_STALE;
        settleWaiters(KEY_STALE);
        // A page already showing the app must say so too, not only its next call.
        deliverEvent('bridge-refused', KEY_STALE);
      }
    } catch {
      // Nothing answers at this address: calls fail now instead of waiting; reconnecting goes on.
      settleWaiters(UNREACHABLE);
    }
  }

  function connect(): void {
    if (!token || refusal) return;
    const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${scheme}//${win.location.host}${BRIDGE_WEBSOCKET_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    const current = new WebSocket(url);
    let opened = false;
    socket = current;
    current.onopen = () => {
      opened = true;
      attempt = 0;
      connected = true;
      settleWaiters(null);
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
      failAllPending(CONNECTION_LOST);
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      void (opened ? Promise.resolve() : diagnose(token)).then(() => win.setTimeout(connect, delay));
    };
  }

  function whenOpen(): Promise<ApiError | null> {
    if (refusal) return Promise.resolve(refusal);
    if (connected) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = win.setTimeout(() => resolve(UNREACHABLE), CONNECT_WAIT_MS);
      waitingForOpen.push((outcome) => {
        win.clearTimeout(timer);
        resolve(outcome);
      });
    });
  }

  async function call(method: ApiMethod, input: unknown): Promise<Result<unknown>> {
    const problem = await whenOpen();
    if (problem || !socket) return { ok: false, error: problem ?? UNREACHABLE };
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
