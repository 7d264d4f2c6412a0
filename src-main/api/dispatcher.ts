import type { EventHub } from '../base/events.ts';
import type { ApiHandlers, ApiMethod, Result } from '../../src-preload/contract.ts';
import { isApiMethod } from '../../src-preload/contract.ts';
import { ApiFailure } from '../base/api-failure.ts';
import { diskFullFailure, isDiskFull } from '../store/disk-full.ts';
import { INPUT_SCHEMAS } from './input-schemas.ts';
import type { Logger } from '../base/logger.ts';

/** What a shell needs of Parley's core: calls in, events out. */
export interface CoreChannel {
  dispatcher: Dispatcher;
  events: EventHub;
}

export interface Dispatcher {
  /** Validates an untrusted call from either shell, runs it, and answers with the envelope. Never throws. */
  invoke(method: unknown, input: unknown): Promise<Result<unknown>>;
}

/**
 * `whenReady` lets a shell accept calls before the services have started (the page loads meanwhile):
 * each call waits for it, so nothing reads a half-restored state.
 */
export function createDispatcher(handlers: ApiHandlers, log: Logger, whenReady: () => Promise<void> = () => Promise.resolve()): Dispatcher {
  async function run(method: ApiMethod, input: unknown): Promise<unknown> {
    const parsed = INPUT_SCHEMAS[method].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
      throw new ApiFailure('invalid-input', `Invalid input for ${method}: ${issue?.message ?? 'rejected'}`, field ? { field } : {});
    }
    const handler = handlers[method] as (value: unknown) => Promise<unknown>;
    return handler(parsed.data);
  }

  return {
    async invoke(method, input) {
      if (!isApiMethod(method)) {
        return { ok: false, error: { code: 'invalid-input', message: `Unknown method: ${String(method).slice(0, 80)}` } };
      }
      try {
        await whenReady();
        return { ok: true, value: await run(method, input) };
      } catch (error) {
        if (error instanceof ApiFailure) return { ok: false, error: error.toApiError() };
        if (isDiskFull(error)) return { ok: false, error: diskFullFailure('Parley could not save this change', error).toApiError() };
        log.error(`api ${method} failed unexpectedly`, error);
        return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Parley. The details are in the log.' } };
      }
    },
  };
}
