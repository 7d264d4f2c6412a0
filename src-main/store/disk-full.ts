import { ApiFailure } from '../base/api-failure.ts';

/** SQLite ran out of room (`SQLITE_FULL`: a full disk, or the page limit a test sets), or the file system did (`ENOSPC`). */
export function isDiskFull(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** Nothing was written, and nothing already saved was lost: a full disk rolls the write back whole. */
export function diskFullFailure(what: string, cause: unknown): ApiFailure {
  return new ApiFailure('disk-full', `The disk is full, so ${what}. Free some space on this computer and try again; nothing already saved was lost.`, { cause });
}
