import { LIMITS } from '$contract';
import type { MessageKey } from '../i18n/en.ts';
import { readConnectionString, readEndpoint, readHttpsUrl, readTokenExpiry, type EndpointProblem } from '$shared/credentials/credential-text.ts';

/** A validation problem: the message key to show at the field. */
export type FieldProblem = MessageKey | null;

const ENDPOINT_PROBLEMS: Record<EndpointProblem, MessageKey> = {
  format: 'validation.endpointFormat',
  https: 'validation.endpointHttps',
  'extra-parts': 'validation.endpointExtraParts',
};

export function checkEndpoint(value: string): FieldProblem {
  if (!value.trim()) return 'validation.required';
  const read = readEndpoint(value);
  return 'problem' in read ? ENDPOINT_PROBLEMS[read.problem] : null;
}

export function checkOptionalUrl(value: string): FieldProblem {
  if (!value.trim()) return null;
  const read = readHttpsUrl(value);
  if (!('problem' in read)) return null;
  return read.problem === 'format' ? 'validation.urlFormat' : 'validation.endpointHttps';
}

/** Opaque tokens go through to the service, which has the last word; an expired JWT is refused here. */
export function checkToken(value: string, now: number): FieldProblem {
  if (!value.trim()) return 'validation.required';
  const expiry = readTokenExpiry(value);
  if (expiry !== null && expiry <= now) return 'validation.tokenExpired';
  return null;
}

export function checkConnectionString(value: string): FieldProblem {
  if (!value.trim()) return 'validation.required';
  const read = readConnectionString(value);
  if ('parts' in read) return null;
  return read.problem === 'key-short' ? 'validation.accessKeyShort' : 'validation.connectionStringFormat';
}

export function checkDisplayName(value: string, required: boolean): FieldProblem {
  if (!value.trim()) return required ? 'validation.required' : null;
  return value.length > LIMITS.displayNameLength ? 'validation.tooLong' : null;
}

export function checkTopic(value: string): FieldProblem {
  if (!value.trim()) return 'validation.required';
  return value.length > LIMITS.topicLength ? 'validation.tooLong' : null;
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
