import { LIMITS, type Metadata, type RetentionPolicy, type SettableRetentionPolicy } from '$contract';
import { metadataBytes } from '$shared/metadata/metadata.ts';
import type { FieldProblem } from './validation.ts';

export type RetentionChoice = 'keep' | 'delete-after';

export interface RetentionFields {
  choice: RetentionChoice;
  days: string;
}

/** The form's starting point for a thread's policy (an unknown kind starts as "keep", and is only replaced if saved). */
export function retentionFieldsOf(policy: RetentionPolicy | null): RetentionFields {
  if (policy?.kind === 'threadCreationDate') return { choice: 'delete-after', days: String(policy.deleteThreadAfterDays) };
  return { choice: 'keep', days: String(LIMITS.retentionDaysMin) };
}

export function checkRetentionDays(fields: RetentionFields): FieldProblem {
  if (fields.choice === 'keep') return null;
  const days = Number(fields.days.trim());
  if (!fields.days.trim() || !Number.isInteger(days) || days < LIMITS.retentionDaysMin || days > LIMITS.retentionDaysMax) return 'validation.retentionDays';
  return null;
}

/** The policy to send, or null when the days are not valid. */
export function retentionFrom(fields: RetentionFields): SettableRetentionPolicy | null {
  if (checkRetentionDays(fields)) return null;
  return fields.choice === 'keep' ? { kind: 'none' } : { kind: 'threadCreationDate', deleteThreadAfterDays: Number(fields.days.trim()) };
}

export interface MetadataRow {
  key: string;
  value: string;
}

export function rowsFromMetadata(metadata: Metadata | null): MetadataRow[] {
  return Object.entries(metadata ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

/** Rows with neither a key nor a value are left out: they are the empty row the editor offers. */
function filledRows(rows: readonly MetadataRow[]): MetadataRow[] {
  return rows.filter((row) => row.key.trim() !== '' || row.value !== '');
}

export function metadataFromRows(rows: readonly MetadataRow[]): Metadata {
  return Object.fromEntries(filledRows(rows).map((row) => [row.key.trim(), row.value]));
}

export function checkMetadataRows(rows: readonly MetadataRow[]): FieldProblem {
  const filled = filledRows(rows);
  if (filled.some((row) => row.key.trim() === '')) return 'validation.metadataKeyRequired';
  const keys = filled.map((row) => row.key.trim());
  if (new Set(keys).size !== keys.length) return 'validation.metadataKeyRepeated';
  return metadataBytes(metadataFromRows(filled)) > LIMITS.metadataBytes ? 'validation.metadataTooLarge' : null;
}
