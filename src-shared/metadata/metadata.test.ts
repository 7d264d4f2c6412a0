import { describe, expect, it } from 'vitest';
import { applyMetadataChanges, metadataBytes, metadataChangesBetween } from './metadata.ts';

describe('thread and participant metadata', () => {
  it('counts the UTF-8 bytes of keys and values, as the service does', () => {
    expect(metadataBytes({})).toBe(0);
    expect(metadataBytes({ ab: 'cde' })).toBe(5);
    expect(metadataBytes({ 팀: '서울' })).toBe(9);
  });

  it('names only the keys that changed, and removes deleted keys with null', () => {
    const before = { owner: 'crm', stage: 'lead', color: 'red' };
    const after = { owner: 'crm', stage: 'customer', priority: 'high' };
    expect(metadataChangesBetween(before, after)).toEqual({ stage: 'customer', priority: 'high', color: null });
    expect(metadataChangesBetween(before, { ...before })).toEqual({});
    expect(metadataChangesBetween(null, { a: '1' })).toEqual({ a: '1' });
  });

  it('applies a merge patch without touching keys it does not name', () => {
    const current = { other: 'kept', stage: 'lead', color: 'red' };
    expect(applyMetadataChanges(current, { stage: 'customer', color: null })).toEqual({ other: 'kept', stage: 'customer' });
    expect(current).toEqual({ other: 'kept', stage: 'lead', color: 'red' });
    expect(applyMetadataChanges(null, { a: '1', b: null })).toEqual({ a: '1' });
  });

  it('keeps a "__proto__" key as data', () => {
    const merged = applyMetadataChanges(null, JSON.parse('{"__proto__": "x"}') as Record<string, string>);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('round-trips: the changes between two maps applied to the first give the second', () => {
    const before = { a: '1', b: '2', c: '3' };
    const after = { b: '20', d: '4' };
    expect(applyMetadataChanges(before, metadataChangesBetween(before, after))).toEqual(after);
  });
});
