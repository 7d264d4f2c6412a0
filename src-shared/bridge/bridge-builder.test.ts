import { describe, expect, it } from 'vitest';
import { buildBridge, type BridgeTransport } from './bridge-builder.ts';
import { API_METHODS, type ApiMethod, type EventName, type Result } from '../../src-preload/contract.ts';

function fakeTransport() {
  const calls: Array<{ method: ApiMethod; input: unknown }> = [];
  let deliver: (event: EventName, payload: unknown) => void = () => {};
  const transport: BridgeTransport = {
    async call(method, input): Promise<Result<unknown>> {
      calls.push({ method, input });
      return { ok: true, value: method };
    },
    listen(callback) {
      deliver = callback;
    },
  };
  return { transport, calls, emit: (event: EventName, payload: unknown) => deliver(event, payload) };
}

describe('buildBridge', () => {
  it('exposes exactly the contract methods and on, frozen', () => {
    const bridge = buildBridge(fakeTransport().transport);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(API_METHODS), 'on'].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('carries each call to the transport by method name', async () => {
    const { transport, calls } = fakeTransport();
    const bridge = buildBridge(transport);
    expect(await bridge.getAppInfo()).toEqual({ ok: true, value: 'getAppInfo' });
    expect(calls).toEqual([{ method: 'getAppInfo', input: undefined }]);
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { transport, emit } = fakeTransport();
    const bridge = buildBridge(transport);
    const received: number[] = [];
    const unsubscribe = bridge.on('badge-count', ({ count }) => received.push(count));
    emit('badge-count', { count: 3 });
    unsubscribe();
    emit('badge-count', { count: 4 });
    expect(received).toEqual([3]);
  });

  it('refuses to subscribe to an event the contract does not name', () => {
    const bridge = buildBridge(fakeTransport().transport);
    expect(() => bridge.on('nonsense' as EventName, () => {})).toThrow(/Unknown Parley event/);
  });
});
