import { z } from 'zod';
import type { ApiInput, ApiMethod } from '../../src-preload/contract.ts';

const noInput = z.undefined();

/**
 * One schema per method. Whatever the renderer claims, main trusts only what passes these.
 * `satisfies` makes a missing method, or a schema whose output drifts from the contract, a type error.
 */
export const INPUT_SCHEMAS = {
  getAppInfo: noInput,
  getDataStatus: noInput,
  getAccountState: noInput,
} satisfies { [M in ApiMethod]: z.ZodType<ApiInput<M>> };
