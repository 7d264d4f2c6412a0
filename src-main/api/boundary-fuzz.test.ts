import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../src-preload/contract.ts';
import { startCoreHarness, type CoreHarness } from '../test-support/core-harness.ts';
import { INPUT_SCHEMAS } from './input-schemas.ts';

/** A small deterministic generator (mulberry32), so that a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const deep = (depth: number): unknown => (depth === 0 ? {} : { next: deep(depth - 1) });
const junkValues: unknown[] = [{ nested: true }, [{ nested: true }], deep(200), JSON.parse('{"__proto__": {"polluted": true}}'), [[[[[[]]]]]]];
const junkInputs: unknown[] = [null, 0, -1, 1e308, Number.NaN, '', 'x'.repeat(2_000_000), true, [], [1, 2, 3], () => 1, deep(500), JSON.parse('{"__proto__": {"isAdmin": true}}')];

function fieldsOf(method: ApiMethod): string[] {
  const schema = INPUT_SCHEMAS[method] as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

/** Inputs that no method may accept: wrong shapes, wrong types in every field, unknown fields, oversize text. */
function casesFor(method: ApiMethod, next: () => number): unknown[] {
  const fields = fieldsOf(method);
  const cases: unknown[] = [...junkInputs];
  if (fields.length === 0) cases.push({}, { accountId: 'a' });
  for (let round = 0; round < 20 && fields.length > 0; round += 1) {
    const input: Record<string, unknown> = {};
    for (const field of fields) input[field] = junkValues[Math.floor(next() * junkValues.length)];
    cases.push(input);
  }
  if (fields.length > 0) cases.push({ ...Object.fromEntries(fields.map((field) => [field, 'x'])), surprise: 'extra field' });
  return cases;
}

describe('boundary fuzzing: every api method with malformed, oversized and wrongly typed input', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await startCoreHarness();
  });
  afterAll(() => h.stop());

  it('answers each case with a typed validation error and keeps working', async () => {
    const next = random(20261127);
    let cases = 0;
    for (const method of Object.keys(API_METHODS) as ApiMethod[]) {
      for (const input of casesFor(method, next)) {
        const result = await h.app.dispatcher.invoke(method, input);
        cases += 1;
        expect(result.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 120)}`).toBe(false);
        if (!result.ok) expect(result.error.code, `${method}: ${result.error.message}`).toBe('invalid-input');
      }
    }
    for (const method of [undefined, null, 42, 'constructor', '__proto__', 'hasOwnProperty', 'x'.repeat(10_000)]) {
      expect(await h.app.dispatcher.invoke(method, undefined)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      cases += 1;
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await h.call('getAppInfo')).toMatchObject({ name: 'Parley' });
    console.log(`[boundary-fuzz] ${cases} malformed calls, 0 accepted, 0 crashes`);
    expect(cases).toBeGreaterThan(500);
  });
});
