import type { ApiError, ErrorCode } from '../../src-preload/contract.ts';

/** The one error type services throw to say what went wrong in terms the renderer understands. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, details: { field?: string; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'ApiFailure';
    this.code = code;
    this.field = details.field;
    this.retryAfterMs = details.retryAfterMs;
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs;
    return error;
  }
}
