import { ApiFailure } from '../base/api-failure.ts';

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
]);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED/i;

/** Reads the service's wait hint: `retry-after-ms`, `x-ms-retry-after-ms`, or `Retry-After` in seconds or as a date. */
export function retryAfterMs(headers: { get(name: string): string | undefined } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = Number(headers.get(name));
    if (Number.isFinite(value) && value >= 0 && headers.get(name) !== undefined) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === undefined) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function serviceMessage(error: RestLikeError): string {
  const text = error.message ?? '';
  // The SDK's messages can be whole JSON bodies; keep the human part short.
  const fromJson = /"message"\s*:\s*"([^"]{1,300})"/.exec(text)?.[1];
  return (fromJson ?? text).slice(0, 300);
}

/**
 * Maps whatever the SDK or the network threw to the one vocabulary the rest of Parley uses: signed
 * out, forbidden, not found, throttled (with its wait), transient (worth retrying), permanent.
 */
export function classifyServiceError(error: unknown, operation: string): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestLikeError;
  const status = rest.statusCode;
  const detail = serviceMessage(rest);
  if (status === 401) return new ApiFailure('signed-out', 'The service no longer accepts this account’s credentials. Sign in again.', { cause: error });
  if (status === 403) return new ApiFailure('forbidden', `You are not allowed to ${operation}${detail ? ` (${detail})` : ''}.`, { cause: error });
  if (status === 404) return new ApiFailure('not-found', `Not found: the service does not know this ${operation.replace(/^\w+ /, '')}.`, { cause: error });
  if (status === 429) {
    const wait = retryAfterMs(rest.response?.headers) ?? 10_000;
    return new ApiFailure('throttled', `The service is busy; Parley will try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait, cause: error });
  }
  if (status === 408 || (status !== undefined && status >= 500)) {
    return new ApiFailure('transient', `The service had a problem (${status}) while trying to ${operation}. Parley will retry.`, { cause: error });
  }
  if (status !== undefined) return new ApiFailure('permanent', detail || `The service refused to ${operation} (${status}).`, { cause: error });
  const code = rest.code ?? '';
  if (TLS_CODE.test(code) || TLS_CODE.test(rest.message ?? '')) {
    return new ApiFailure('transient', `A secure connection to the service could not be made (${code || 'TLS error'}).`, { cause: error });
  }
  if (NETWORK_CODES.has(code) || /network|socket|fetch failed|ECONN|timed? ?out/i.test(rest.message ?? '')) {
    return new ApiFailure('transient', 'The service cannot be reached. Parley is showing what it has cached and will keep trying.', { cause: error });
  }
  if (error instanceof Error && /token/i.test(error.message)) {
    return new ApiFailure('signed-out', `This account’s access token cannot be used: ${error.message}`, { cause: error });
  }
  return new ApiFailure('transient', `Could not ${operation}: ${detail || 'unknown error'}.`, { cause: error });
}
