import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { createDispatcher } from './dispatcher.ts';
import type { Logger } from '../base/logger.ts';

function recordingLogger(): Logger & { errors: unknown[][] } {
  const errors: unknown[][] = [];
  return { errors, info() {}, warn() {}, error: (...args: unknown[]) => void errors.push(args) };
}

// Only the methods these tests call; the full set is the app's business.
const handlers = {
  getAppInfo: async () => ({ name: 'Parley', version: '1.2.3', shell: 'browser', platform: 'linux', runtime: 'Node' }),
  getDataStatus: async () => {
    throw new ApiFailure('not-found', 'No profile folder', { field: 'dataDir' });
  },
  getAccountState: async () => {
    throw new Error('database is locked at /secret/path');
  },
} as Partial<ApiHandlers> as ApiHandlers;

describe('dispatcher', () => {
  it('answers a valid call with ok and the value', async () => {
    const dispatcher = createDispatcher(handlers, recordingLogger());
    expect(await dispatcher.invoke('getAppInfo', undefined)).toEqual({
      ok: true,
      value: { name: 'Parley', version: '1.2.3', shell: 'browser', platform: 'linux', runtime: 'Node' },
    });
  });

  it('refuses unknown methods, including inherited property names', async () => {
    const dispatcher = createDispatcher(handlers, recordingLogger());
    for (const method of ['deleteEverything', 'constructor', '__proto__', 'toString', 42, null]) {
      const result = await dispatcher.invoke(method, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('refuses input that fails the method schema', async () => {
    const dispatcher = createDispatcher(handlers, recordingLogger());
    const result = await dispatcher.invoke('getAppInfo', { surprise: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('carries a typed failure to the caller with its field', async () => {
    const dispatcher = createDispatcher(handlers, recordingLogger());
    expect(await dispatcher.invoke('getDataStatus', undefined)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No profile folder', field: 'dataDir' },
    });
  });

  it('hides the details of unexpected errors from the renderer and logs them', async () => {
    const log = recordingLogger();
    const dispatcher = createDispatcher(handlers, log);
    const result = await dispatcher.invoke('getAccountState', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(log.errors).toHaveLength(1);
  });
});
