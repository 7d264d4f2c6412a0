/**
 * An error that becomes an HTTP response. Chat answers in the live service's wrapper
 * `{"CommunicationError":{"Code","Message"?,"Details":[]}}`; identity and admin in the spec shape
 * `{"error":{"code","message","target"?}}` (emulator/docs/live-service-recordings.md §1, §3).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly headers: Record<string, string>;
  /** False where the service leaves `Message` out (a 404 for an unknown thread). */
  readonly messageOnWire: boolean;

  constructor(status: number, code: string, message: string, options: { target?: string; headers?: Record<string, string>; messageOnWire?: boolean } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.headers = options.headers ?? {};
    this.messageOnWire = options.messageOnWire ?? true;
  }

  /** The body for a route family; undefined for a chat 401, which the service sends with no body. */
  toBody(family: ErrorFamily): unknown {
    if (family === 'chat') {
      if (this.status === 401) return undefined;
      return { CommunicationError: { Code: this.code, ...(this.messageOnWire ? { Message: this.message } : {}), Details: [] } };
    }
    const error: { code: string; message: string; target?: string } = { code: this.code, message: this.message };
    if (this.target !== undefined) error.target = this.target;
    return { error };
  }
}

export type ErrorFamily = 'chat' | 'identity' | 'admin';

export function badRequest(message: string, target?: string): ApiError {
  return new ApiError(400, 'BadRequest', message, target === undefined ? {} : { target });
}

/** Identity's model-binding refusal: `ValidationError` with a PascalCase `target` (`Scopes`, `ExpiresInMinutes`). */
export function validationError(message: string, target: string): ApiError {
  return new ApiError(400, 'ValidationError', message, { target });
}

export function unauthorized(message = 'Request is not authorized.'): ApiError {
  return new ApiError(401, 'Unauthorized', message);
}

export function hmacDenied(message: string): ApiError {
  return new ApiError(401, 'Denied', message);
}

export function forbidden(message = 'User is not allowed to perform specified action.'): ApiError {
  return new ApiError(403, 'Forbidden', message);
}

export function notFound(message = 'Not found.'): ApiError {
  return new ApiError(404, 'NotFound', message);
}

/** The service's 404 for a thread it does not know carries no `Message` (CLI `test_chat_list_participants_bad_thread_id.yaml`). */
export function threadNotFound(threadId: string): ApiError {
  return new ApiError(404, 'NotFound', `Thread '${threadId}' was not found.`, { messageOnWire: false });
}

export function tooManyRequests(retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, 'TooManyRequests', 'Rate limit exceeded.', {
    headers: { 'Retry-After': String(seconds), 'retry-after-ms': String(Math.max(1, Math.ceil(retryAfterMs))) },
  });
}
