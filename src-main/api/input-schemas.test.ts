import { describe, expect, it } from 'vitest';
import { INPUT_SCHEMAS } from './input-schemas.ts';

const ref = { accountId: 'a', threadId: 't' };
const accepts = (input: unknown) => INPUT_SCHEMAS.updateThreadProperties.safeParse(input).success;
const problemOf = (input: unknown) => INPUT_SCHEMAS.updateThreadProperties.safeParse(input).error?.issues[0]?.message;

describe('thread properties at the boundary', () => {
  it('takes a "delete after" policy of 30 to 90 whole days, or none', () => {
    expect(accepts({ ...ref, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 30 } })).toBe(true);
    expect(accepts({ ...ref, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 90 } })).toBe(true);
    expect(accepts({ ...ref, retentionPolicy: { kind: 'none' } })).toBe(true);
    for (const days of [29, 91, 45.5]) expect(accepts({ ...ref, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: days } })).toBe(false);
    expect(problemOf({ ...ref, retentionPolicy: { kind: 'threadCreationDate', deleteThreadAfterDays: 91 } })).toBe('A conversation can be deleted after 30 to 90 days');
  });

  it('never sends back a policy kind Parley does not know', () => {
    expect(accepts({ ...ref, retentionPolicy: { kind: 'unknown', serviceKind: 'lastMessageDate' } })).toBe(false);
  });

  it('takes metadata changes with null to remove a key, and refuses empty or padded keys and an empty change', () => {
    expect(accepts({ ...ref, metadataChanges: { stage: 'customer', color: null } })).toBe(true);
    expect(accepts({ ...ref, metadataChanges: { '': 'x' } })).toBe(false);
    expect(accepts({ ...ref, metadataChanges: { ' padded': 'x' } })).toBe(false);
    expect(accepts({ ...ref, metadataChanges: {} })).toBe(false);
    expect(accepts(ref)).toBe(false);
  });

  it('creates a thread with at most 1,024 bytes of metadata', () => {
    const create = (metadata: Record<string, string>) => INPUT_SCHEMAS.createThread.safeParse({ accountId: 'a', topic: 'T', participants: [], metadata }).success;
    expect(create({ k: 'x'.repeat(1023) })).toBe(true);
    expect(create({ k: 'x'.repeat(1024) })).toBe(false);
  });
});
