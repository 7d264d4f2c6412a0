import { API_METHODS, isEventName, type ApiMethod, type EventListener, type EventName, type ParleyBridge, type Result } from '../../src-preload/contract.ts';

/** What a shell must provide to carry calls to main and events back. */
export interface BridgeTransport {
  call(method: ApiMethod, input: unknown): Promise<Result<unknown>>;
  /** Registers the one listener that receives every event from main. */
  listen(deliver: (event: EventName, payload: unknown) => void): void;
}

/**
 * Builds `window.parley` from `API_METHODS`, so that the Electron preload and the browser bridge
 * expose exactly the same object: one function per contract method and `on`, nothing else.
 */
export function buildBridge(transport: BridgeTransport): ParleyBridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  transport.listen((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });

  const methods = Object.fromEntries((Object.keys(API_METHODS) as ApiMethod[]).map((method) => [method, (input?: unknown) => transport.call(method, input)]));

  function on<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    if (!isEventName(event)) throw new TypeError(`Unknown Parley event: ${String(event)}`);
    const forEvent = listeners.get(event) ?? new Set();
    listeners.set(event, forEvent);
    const wrapped = (payload: unknown) => listener(payload as Parameters<EventListener<E>>[0]);
    forEvent.add(wrapped);
    return () => {
      forEvent.delete(wrapped);
    };
  }

  return Object.freeze({ ...methods, on }) as ParleyBridge;
}
