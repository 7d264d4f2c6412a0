import { ApiFailure } from '../base/api-failure.ts';

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: unknown;
  response?: { status?: unknown; headers?: { get(name: string): string | undefined }; bodyAsText?: string | null; parsedBody?: unknown };
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

interface ServiceText {
  code?: string;
  message?: string;
}

/** Body text that must never be shown as is: JSON (a wrapper the SDK did not unpack), markup, or nothing. */
function looksLikeBody(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('<');
}

function stringField(record: unknown, ...names: string[]): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  for (const name of names) {
    const value = (record as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * Reads `code` and `message` out of either wrapper the services use: identity's (and the SDK's own)
 * `{"error":{"code","message"}}`, or the live chat service's `{"CommunicationError":{"Code","Message"}}`
 * that the JS SDK does not deserialize.
 */
function unwrap(body: unknown): ServiceText | undefined {
  if (typeof body === 'string') {
    if (!/^\s*[{[]/.test(body)) return undefined;
    try {
      return unwrap(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const inner = record['CommunicationError'] ?? record['communicationError'] ?? record['error'] ?? record;
  const code = stringField(inner, 'code', 'Code');
  const message = stringField(inner, 'message', 'Message');
  if (code === undefined && message === undefined) return undefined;
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) };
}

/** The error's code and its text, from the SDK's own fields or else from the body it left unpacked (filtered by serviceMessage). */
function serviceText(error: RestLikeError): ServiceText {
  const fromBody = unwrap(error.message) ?? unwrap(error.response?.parsedBody) ?? unwrap(error.response?.bodyAsText ?? undefined) ?? unwrap(error.details);
  const code = error.code ?? fromBody?.code;
  const message = error.message !== undefined && !looksLikeBody(error.message) ? error.message : fromBody?.message;
  return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) };
}

/** The service's own words made safe to show: one line, no body, no stack, at most 300 characters. */
function serviceMessage(text: ServiceText): string {
  const firstLine = (text.message ?? '').split(/\r?\n/)[0]?.trim() ?? '';
  // Nothing that carries a body along: the SDK's "occurred while parsing the response body - <html>…" included.
  if (looksLikeBody(firstLine) || /^\s*at\s/.test(firstLine) || /[{}<>]|occurred while parsing|RestError/.test(firstLine)) return '';
  return firstLine.slice(0, 300);
}

/** A detail set inside a sentence of Parley's: without its own closing full stop. */
function withoutFinalStop(text: string): string {
  return text.replace(/[.\s]+$/, '');
}

/** A refusal's detail as a sentence of its own: capitalised and ending in a full stop. */
function asSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Status a service error code implies, for errors that arrive without an HTTP status. */
const STATUS_BY_CODE: Record<string, number> = {
  Unauthorized: 401,
  Denied: 401,
  InvalidAuthenticationToken: 401,
  Forbidden: 403,
  NotFound: 404,
  TooManyRequests: 429,
};

function statusOf(error: RestLikeError, text: ServiceText): number | undefined {
  if (typeof error.statusCode === 'number') return error.statusCode;
  const responseStatus = error.response?.status;
  if (typeof responseStatus === 'number') return responseStatus;
  return text.code !== undefined ? STATUS_BY_CODE[text.code] : undefined;
}

/**
 * Maps whatever the SDK or the network threw to the one vocabulary the rest of Parley uses: signed
 * out, forbidden, not found, throttled (with its wait), transient (worth retrying), permanent.
 */
export function classifyServiceError(error: unknown, operation: string): ApiFailure {
  if (error instanceof ApiFailure) return error;
  const rest = (typeof error === 'object' && error !== null ? error : {}) as RestLikeError;
  const text = serviceText(rest);
  const status = statusOf(rest, text);
  const detail = serviceMessage(text);
  if (status === 401) return new ApiFailure('signed-out', 'The service no longer accepts this account’s credentials. Sign in again.', { cause: error });
  if (status === 403) return new ApiFailure('forbidden', `You are not allowed to ${operation}${detail ? ` (${withoutFinalStop(detail)})` : ''}.`, { cause: error });
  if (status === 404)
    return new ApiFailure('not-found', `Not found: the service does not know this ${operation.replace(/^\w+ /, '').replace(/^(?:this|a|an|the|your) /, '')}.`, { cause: error });
  if (status === 429) {
    const wait = retryAfterMs(rest.response?.headers) ?? 10_000;
    return new ApiFailure('throttled', `The service is busy; Parley will try again in ${Math.ceil(wait / 1000)} s.`, { retryAfterMs: wait, cause: error });
  }
  if (status === 408 || (status !== undefined && status >= 500)) {
    return new ApiFailure('transient', `The service had a problem (${status}) while trying to ${operation}. Parley will retry.`, { cause: error });
  }
  if (status !== undefined) return new ApiFailure('permanent', detail ? asSentence(detail) : `The service refused to ${operation} (${status}).`, { cause: error });
  const code = text.code ?? '';
  const rawMessage = rest.message ?? '';
  if (TLS_CODE.test(code) || TLS_CODE.test(rawMessage)) {
    return new ApiFailure('transient', `A secure connection to the service could not be made (${code || 'TLS error'}).`, { cause: error });
  }
  if (NETWORK_CODES.has(code) || /network|socket|fetch failed|ECONN|timed? ?out/i.test(rawMessage)) {
    // Said of the one action that failed: nothing of it is queued or retried (sync retries on its own schedule).
    return new ApiFailure('transient', `Could not ${operation}: the service cannot be reached.`, { cause: error });
  }
  if (error instanceof Error && /token/i.test(error.message)) {
    return new ApiFailure('signed-out', `This account’s access token cannot be used${detail ? `: ${withoutFinalStop(detail)}` : ''}.`, { cause: error });
  }
  return new ApiFailure('transient', `Could not ${operation}: ${withoutFinalStop(detail) || 'unknown error'}.`, { cause: error });
}

/**
 * Why one person could not be added, in words: the service answers a well-formed id that it does not
 * know (unknown, deleted, or from another resource) with a bare "403 Permissions check failed".
 */
export function describeParticipantFailure(code: string | undefined): string {
  switch (code) {
    case '403':
    case '404':
      return 'No user with this id in this Communication Services resource (unknown, deleted, or from another resource).';
    case '400':
      return 'Not a Communication Services user id.';
    default:
      return `The service did not add this person${code ? ` (${code})` : ''}.`;
  }
}
