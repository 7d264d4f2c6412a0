import { badRequest } from '../errors.ts';
import { wholeSecond } from '../clock.ts';
import { isJsonObject, parseDateTime } from '../validation.ts';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 100;

/** `maxPageSize` of a list request: 1–200; anything else is a 400 rather than a silent clamp. */
export function readPageSize(query: URLSearchParams): number {
  const raw = query.get('maxPageSize');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badRequest(`maxPageSize must be an integer between 1 and ${MAX_PAGE_SIZE}; got '${raw}'.`, 'maxPageSize');
  }
  return size;
}

export function readSkip(query: URLSearchParams): number {
  const raw = query.get('skip');
  if (raw === null || raw === '') return 0;
  const skip = Number(raw);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`skip must be a non-negative integer; got '${raw}'.`, 'skip');
  return skip;
}

/**
 * `startTime` in ms (0 when absent), inclusive at the service's resolution: whole seconds. A fraction is
 * dropped, so everything stamped in the second of `startTime` is returned (its `createdOn` reads as that
 * second) and a client that asks again from the last `createdOn` it saw gets that second again, never a gap.
 */
export function readStartTime(query: URLSearchParams): number {
  const raw = query.get('startTime');
  if (raw === null || raw === '') return 0;
  return wholeSecond(parseDateTime(raw, 'startTime'));
}

/** Opaque continuation state carried in `nextLink` as `syncState`: base64url JSON. */
export function encodeSyncState(state: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeSyncState(query: URLSearchParams): Record<string, unknown> | undefined {
  const raw = query.get('syncState');
  if (raw === null) return undefined;
  try {
    const state: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (isJsonObject(state)) return state;
  } catch {
    // reported below
  }
  throw badRequest('The syncState paging token is invalid.', 'syncState');
}

export function numberField(state: Record<string, unknown>, key: string): number {
  const value = state[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest('The syncState paging token is invalid.', 'syncState');
  return value;
}

export function stringField(state: Record<string, unknown>, key: string): string {
  const value = state[key];
  if (typeof value !== 'string') throw badRequest('The syncState paging token is invalid.', 'syncState');
  return value;
}

/** An absolute link that SDKs follow verbatim, so it carries api-version and all paging state. */
export function nextLink(baseUrl: string, rawPath: string, params: Record<string, string | number>, apiVersion: string): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) query.set(key, String(value));
  query.set('api-version', apiVersion);
  return `${baseUrl}${rawPath}?${query.toString()}`;
}

/** Returns a page body; `hasMore` adds the `nextLink`. */
export function page(value: unknown[], link: string | undefined): { value: unknown[]; nextLink?: string } {
  return link === undefined ? { value } : { value, nextLink: link };
}
