/** An error that becomes an HTTP response in the spec shape `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: { target?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.headers = options.headers ?? {};
  }

  toBody(): { error: { code: string; message: string; target?: string } } {
    const error: { code: string; message: string; target?: string } = { code: this.code, message: this.message };
    if (this.target !== undefined) error.target = this.target;
    return { error };
  }
}

export function badRequest(message: string, target?: string): ApiError {
  return new ApiError(400, 'BadRequest', message, target === undefined ? {} : { target });
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

export function tooManyRequests(retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, 'TooManyRequests', 'Rate limit exceeded.', {
    headers: { 'Retry-After': String(seconds), 'retry-after-ms': String(Math.max(1, Math.ceil(retryAfterMs))) },
  });
}
