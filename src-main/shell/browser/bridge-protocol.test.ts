import { describe, expect, it } from 'vitest';
import { parseBridgeCall } from './bridge-protocol.ts';

describe('parseBridgeCall', () => {
  it('accepts a call with a safe integer id, leaving the method for the dispatcher to judge', () => {
    expect(parseBridgeCall('{"type":"call","id":7,"method":"getAppInfo"}')).toEqual({ id: 7, method: 'getAppInfo', input: undefined });
    expect(parseBridgeCall('{"type":"call","id":8,"method":"nope","input":[1]}')).toEqual({ id: 8, method: 'nope', input: [1] });
  });

  it('drops anything that cannot be answered', () => {
    for (const frame of ['', 'null', '[]', '"call"', '{"type":"call"}', '{"type":"call","id":"1"}', '{"type":"call","id":1.5}', '{"type":"event","id":1}', '{']) {
      expect(parseBridgeCall(frame)).toBeNull();
    }
  });
});
