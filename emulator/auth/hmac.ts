import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { hmacDenied } from '../errors.ts';

/** The real window is not documented; 15 minutes tolerates sleepy laptops and VM clock drift. */
export const HMAC_MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SIGNED_HEADERS = 'x-ms-date;host;x-ms-content-sha256';
const AUTHORIZATION_PATTERN = /^HMAC-SHA256\s+SignedHeaders=([^&]+)&Signature=(.+)$/i;

export function contentSha256(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('base64');
}

export function hmacSignature(accessKeyBase64: string, stringToSign: string): string {
  return createHmac('sha256', Buffer.from(accessKeyBase64, 'base64')).update(stringToSign, 'utf8').digest('base64');
}

export function stringToSign(method: string, pathAndQuery: string, date: string, host: string, contentHash: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${date};${host};${contentHash}`;
}

/** Headers a client sends for an HMAC-signed request, as the JS SDK computes them. */
export function signRequest(options: { accessKey: string; method: string; url: string; body?: string; date?: Date }): Record<string, string> {
  const url = new URL(options.url);
  const query = url.searchParams.toString();
  const pathAndQuery = query ? `${url.pathname}?${query}` : url.pathname;
  const date = (options.date ?? new Date()).toUTCString();
  const contentHash = contentSha256(options.body ?? '');
  const signature = hmacSignature(options.accessKey, stringToSign(options.method, pathAndQuery, date, url.host, contentHash));
  return {
    host: url.host,
    'x-ms-date': date,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=${SIGNED_HEADERS}&Signature=${signature}`,
  };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * The path-and-query forms clients sign: the request target as received (JS, Python sync),
 * its percent-decoded form (Python async signs the unquoted URL), and the JS normalisation
 * of the query through URLSearchParams.
 */
function candidatePathsAndQueries(rawTarget: string): string[] {
  const candidates = new Set<string>([rawTarget]);
  const decoded = safeDecode(rawTarget);
  if (decoded !== undefined) candidates.add(decoded);
  const url = new URL(rawTarget, 'https://emulator.invalid');
  const query = url.searchParams.toString();
  candidates.add(query ? `${url.pathname}?${query}` : url.pathname);
  return [...candidates];
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function equalSignatures(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface HmacRequest {
  method: string;
  rawTarget: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Throws a 401 unless the request carries a valid signature by `accessKey`. */
export function verifyHmacRequest(request: HmacRequest, accessKey: string, nowMs: number): void {
  const authorization = singleHeader(request.headers, 'authorization');
  const match = authorization ? AUTHORIZATION_PATTERN.exec(authorization) : null;
  if (!match) throw hmacDenied('The request is missing an HMAC-SHA256 Authorization header.');
  const signedHeaders = (match[1] ?? '').toLowerCase();
  const signature = match[2] ?? '';
  if (signedHeaders !== SIGNED_HEADERS) throw hmacDenied(`SignedHeaders must be '${SIGNED_HEADERS}'.`);

  const date = singleHeader(request.headers, 'x-ms-date');
  const host = singleHeader(request.headers, 'host');
  const claimedHash = singleHeader(request.headers, 'x-ms-content-sha256');
  if (!date || !host || !claimedHash) throw hmacDenied('The x-ms-date, host and x-ms-content-sha256 headers are required.');

  const dateMs = Date.parse(date);
  if (Number.isNaN(dateMs)) throw hmacDenied(`The x-ms-date header '${date}' is not a valid date.`);
  if (Math.abs(nowMs - dateMs) > HMAC_MAX_CLOCK_SKEW_MS) throw hmacDenied(`The x-ms-date header '${date}' is outside the allowed clock skew.`);

  if (contentSha256(request.body) !== claimedHash) {
    throw hmacDenied("Request 'x-ms-content-sha256' differs from generated content hash.");
  }

  const valid = candidatePathsAndQueries(request.rawTarget).some((pathAndQuery) =>
    equalSignatures(hmacSignature(accessKey, stringToSign(request.method, pathAndQuery, date, host, claimedHash)), signature),
  );
  if (!valid) throw hmacDenied('The request signature does not match.');
}
