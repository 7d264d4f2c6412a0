import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Emulator, EmulatorOptions } from '../index.ts';
import { startEmulator } from '../index.ts';

/** Shared by the emulator's own tests: one in-memory emulator per file, rate limits off unless asked. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ rateLimits: false, ...options });
  });
  afterEach(() => {
    emulator?.faults.clear();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('the emulator has not started');
    return emulator;
  };
}

/** Awaits a rejection from an SDK call and checks its HTTP status; returns the error for more checks. */
export async function expectStatus(promise: Promise<unknown>, status: number): Promise<{ statusCode: number; code?: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error, `expected a ${status} error`).toBeDefined();
  expect((error as { statusCode?: number }).statusCode).toBe(status);
  return error as { statusCode: number; code?: string; message: string };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
