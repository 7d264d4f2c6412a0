import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiHandlers, ApiOutput, AppInfo, ParleyApi, Result, ThreadSummary } from '../../src-preload/contract.ts';
import { API_METHODS, EVENT_NAMES } from '../../src-preload/contract.ts';
import { INPUT_SCHEMAS } from './input-schemas.ts';

const info: AppInfo = { name: 'Parley', version: '0', shell: 'browser', platform: 'linux', runtime: 'Node' };

describe('the contract is enforced by the type checker', () => {
  it('rejects a handler set with a method missing', () => {
    const missing = {
      getAppInfo: async () => info,
      getDataStatus: async () => ({ dataDir: '/', writable: true, cacheBytes: 0 }),
    };
    // @ts-expect-error most methods are missing, so this must not compile
    const handlers: ApiHandlers = missing;
    expect(Object.keys(handlers)).not.toContain('getAccountState');
  });

  it('rejects a handler whose input or output does not match the contract', () => {
    type Fits<Handler, M extends keyof ApiHandlers> = Handler extends ApiHandlers[M] ? true : false;
    expectTypeOf<Fits<() => Promise<AppInfo>, 'getAppInfo'>>().toEqualTypeOf<true>();
    expectTypeOf<Fits<() => Promise<{ name: string }>, 'getAppInfo'>>().toEqualTypeOf<false>();
    expectTypeOf<Fits<(input: { accountId: number }) => Promise<ThreadSummary[]>, 'listThreads'>>().toEqualTypeOf<false>();
    expectTypeOf<Fits<(input: { accountId: string }) => Promise<string[]>, 'listThreads'>>().toEqualTypeOf<false>();
  });

  it('gives the renderer envelope-returning methods', () => {
    expectTypeOf<ParleyApi['getAppInfo']>().toEqualTypeOf<() => Promise<Result<ApiOutput<'getAppInfo'>>>>();
  });

  it('lists every method once in API_METHODS and has a schema for each', () => {
    expect(Object.keys(API_METHODS).sort()).toEqual(Object.keys(INPUT_SCHEMAS).sort());
    expect(Object.keys(EVENT_NAMES).length).toBeGreaterThan(0);
  });
});
