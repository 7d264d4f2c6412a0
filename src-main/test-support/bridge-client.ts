import { WebSocket } from 'ws';
import {
  BRIDGE_TOKEN_PARAM,
  BRIDGE_WEBSOCKET_PATH,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type BridgeServerMessage,
  type EventName,
  type Result,
} from '../../src-preload/contract.ts';

export interface BridgeClient {
  call<M extends ApiMethod>(method: M, ...input: ApiInput<M> extends void ? [] : [ApiInput<M>]): Promise<ApiOutput<M>>;
  invoke(method: unknown, input: unknown): Promise<Result<unknown>>;
  events: Array<{ event: EventName; payload: unknown }>;
  close(): void;
}

/** Speaks the browser shell's bridge protocol from Node, exactly as the page's bridge does. */
export async function connectBridge(origin: string, token: string): Promise<BridgeClient> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}${BRIDGE_WEBSOCKET_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(token)}`, { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: BridgeClient['events'] = [];
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as BridgeServerMessage;
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else events.push({ event: message.event, payload: message.payload });
  });
  socket.on('close', () => {
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'bridge-unavailable', message: 'closed' } });
    pending.clear();
  });
  const invoke = (method: unknown, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, method, input }));
    });
  return {
    invoke,
    events,
    async call(method, ...input) {
      const result = await invoke(method, input[0]);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    close: () => socket.close(),
  };
}
