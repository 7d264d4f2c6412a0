import { badRequest } from './errors.ts';

/** Small readers for JSON request bodies that fail with a clear 400 naming the field. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, field: string): JsonObject {
  if (!isJsonObject(value)) throw badRequest(`'${field}' must be a JSON object.`, field);
  return value;
}

/** The body as an object; an absent body counts as `{}`. */
export function bodyObject(body: unknown): JsonObject {
  return body === undefined ? {} : requireObject(body, 'body');
}

export function optionalString(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`'${key}' must be a string.`, key);
  return value;
}

export function requireNonEmptyString(object: JsonObject, key: string): string {
  const value = optionalString(object, key);
  if (value === undefined || value.trim() === '') throw badRequest(`'${key}' is required and must be a non-empty string.`, key);
  return value;
}

export function optionalArray(object: JsonObject, key: string): unknown[] | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`'${key}' must be an array.`, key);
  return value;
}

/** An RFC 3339 date-time in milliseconds since the epoch. */
export function parseDateTime(value: unknown, field: string): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())) {
    throw badRequest(`'${field}' must be an RFC 3339 date-time.`, field);
  }
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) throw badRequest(`'${field}' must be an RFC 3339 date-time.`, field);
  return ms;
}

const METADATA_MAX_BYTES = 1024;

/**
 * A string→string map. With `allowNullValues` (merge-patch bodies) a null value means "remove".
 * `maxBytes` applies the spec's "up to 1 KB total" to thread and participant metadata.
 */
export function parseStringMap(value: unknown, field: string, allowNullValues: true, limitBytes?: boolean): Record<string, string | null>;
export function parseStringMap(value: unknown, field: string, allowNullValues: false, limitBytes?: boolean): Record<string, string>;
export function parseStringMap(value: unknown, field: string, allowNullValues: boolean, limitBytes = false): Record<string, string | null> {
  const object = requireObject(value, field);
  let bytes = 0;
  for (const [key, entry] of Object.entries(object)) {
    if (entry === null && allowNullValues) continue;
    if (typeof entry !== 'string') throw badRequest(`'${field}.${key}' must be a string.`, field);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(entry);
  }
  if (limitBytes && bytes > METADATA_MAX_BYTES) throw badRequest(`'${field}' may hold at most ${METADATA_MAX_BYTES} bytes of keys and values.`, field);
  return object as Record<string, string | null>;
}
