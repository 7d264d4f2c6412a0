import type { Metadata, MetadataChanges } from '../../src-preload/contract.ts';

const encoder = new TextEncoder();

/** The size the service counts against its metadata limit: the UTF-8 bytes of every key and value. */
export function metadataBytes(metadata: Metadata): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) bytes += encoder.encode(key).length + encoder.encode(value).length;
  return bytes;
}

/** The metadata after a merge patch, as the service computes it (RFC 7396: `null` removes a key). */
export function applyMetadataChanges(current: Metadata | null, changes: MetadataChanges): Metadata {
  // Through a Map: a key such as "__proto__" is data here, never an object's prototype.
  const merged = new Map(Object.entries(current ?? {}));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) merged.delete(key);
    else merged.set(key, value);
  }
  return Object.fromEntries(merged);
}

/** The merge patch that turns `before` into `after`, naming only the keys that differ. */
export function metadataChangesBetween(before: Metadata | null, after: Metadata): MetadataChanges {
  const changes: MetadataChanges = {};
  for (const [key, value] of Object.entries(after)) if (before?.[key] !== value) changes[key] = value;
  for (const key of Object.keys(before ?? {})) if (!Object.hasOwn(after, key)) changes[key] = null;
  return changes;
}
