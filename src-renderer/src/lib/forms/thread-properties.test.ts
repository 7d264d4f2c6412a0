import { describe, expect, it } from 'vitest';
import { checkMetadataRows, checkRetentionDays, metadataFromRows, retentionFieldsOf, retentionFrom, rowsFromMetadata } from './thread-properties.ts';

describe('the retention form', () => {
  it('turns "delete after N days" into the service policy only within 30–90 whole days', () => {
    expect(retentionFrom({ choice: 'delete-after', days: '45' })).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 45 });
    expect(retentionFrom({ choice: 'delete-after', days: ' 30 ' })).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 30 });
    expect(retentionFrom({ choice: 'delete-after', days: '90' })).toEqual({ kind: 'threadCreationDate', deleteThreadAfterDays: 90 });
    for (const days of ['29', '91', '45.5', '', 'abc']) {
      expect(checkRetentionDays({ choice: 'delete-after', days })).toBe('validation.retentionDays');
      expect(retentionFrom({ choice: 'delete-after', days })).toBeNull();
    }
  });

  it('sends "none" to keep a thread, whatever the days field holds', () => {
    expect(retentionFrom({ choice: 'keep', days: 'abc' })).toEqual({ kind: 'none' });
  });

  it('starts from the thread policy, and from "keep" for none or an unknown kind', () => {
    expect(retentionFieldsOf({ kind: 'threadCreationDate', deleteThreadAfterDays: 60 })).toEqual({ choice: 'delete-after', days: '60' });
    expect(retentionFieldsOf({ kind: 'unknown', serviceKind: 'lastMessageDate' }).choice).toBe('keep');
    expect(retentionFieldsOf(null).choice).toBe('keep');
  });
});

describe('the metadata form', () => {
  it('reads rows back into a map, skipping empty rows and trimming keys (values are kept as typed)', () => {
    expect(
      metadataFromRows([
        { key: ' crm ', value: ' lead 7 ' },
        { key: '', value: '' },
      ]),
    ).toEqual({ crm: ' lead 7 ' });
    expect(rowsFromMetadata({ b: '2', a: '1' })).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });

  it('refuses a value without a key, a repeated key and more than the service keeps', () => {
    expect(checkMetadataRows([{ key: '', value: 'x' }])).toBe('validation.metadataKeyRequired');
    expect(
      checkMetadataRows([
        { key: 'a', value: '1' },
        { key: 'a ', value: '2' },
      ]),
    ).toBe('validation.metadataKeyRepeated');
    expect(checkMetadataRows([{ key: 'k', value: 'x'.repeat(1023) }])).toBeNull();
    expect(checkMetadataRows([{ key: 'k', value: 'x'.repeat(1024) }])).toBe('validation.metadataTooLarge');
    expect(checkMetadataRows([{ key: '키', value: '값'.repeat(341) }])).toBe('validation.metadataTooLarge');
  });
});
