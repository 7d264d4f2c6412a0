import { LIMITS } from '../../../../src-preload/contract.ts';
import type { MessageKey } from '../i18n/en.ts';

/** A validation problem: the message key to show at the field. */
export type FieldProblem = MessageKey | null;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function checkEndpoint(value: string): FieldProblem {
  const trimmed = value.trim();
  if (!trimmed) return 'validation.required';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'validation.endpointFormat';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'validation.endpointHttps';
}

export function checkOptionalUrl(value: string): FieldProblem {
  if (!value.trim()) return null;
  return checkEndpoint(value) === 'validation.endpointFormat' ? 'validation.urlFormat' : checkEndpoint(value);
}

function decodeBase64Url(segment: string): string | null {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    return atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  } catch {
    return null;
  }
}

/** The expiry of a JWT in epoch ms, or null when the token is not a readable JWT with `exp`. */
export function tokenExpiry(token: string): number | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  const json = decodeBase64Url(parts[1]);
  if (json === null) return null;
  try {
    const payload: unknown = JSON.parse(json);
    if (typeof payload === 'object' && payload !== null && 'exp' in payload && typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    return null;
  }
  return null;
}

export function checkToken(value: string, now: number): FieldProblem {
  if (!value.trim()) return 'validation.required';
  const expiry = tokenExpiry(value);
  if (expiry !== null && expiry <= now) return 'validation.tokenExpired';
  return null;
}

export function checkConnectionString(value: string): FieldProblem {
  const trimmed = value.trim();
  if (!trimmed) return 'validation.required';
  const pairs = new Map(
    trimmed
      .split(';')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim()] as const;
      }),
  );
  if (!pairs.get('endpoint') || !pairs.get('accesskey')) return 'validation.connectionStringFormat';
  return checkEndpoint(pairs.get('endpoint')!) ? 'validation.connectionStringFormat' : null;
}

export function checkDisplayName(value: string, required: boolean): FieldProblem {
  if (!value.trim()) return required ? 'validation.required' : null;
  return value.length > LIMITS.displayNameLength ? 'validation.tooLong' : null;
}

export function checkTopic(value: string): FieldProblem {
  if (!value.trim()) return 'validation.required';
  return value.length > LIMITS.topicLength ? 'validation.tooLong' : null;
}

export function checkUserId(value: string): FieldProblem {
  return value.trim() ? null : 'validation.required';
}

/** Problems by field name; the form is valid when it is empty. */
export type FormProblems<F extends string> = Partial<Record<F, MessageKey>>;

export function collectProblems<F extends string>(checks: Record<F, FieldProblem>): FormProblems<F> {
  const problems: FormProblems<F> = {};
  for (const field of Object.keys(checks) as F[]) {
    const problem = checks[field];
    if (problem) problems[field] = problem;
  }
  return problems;
}
