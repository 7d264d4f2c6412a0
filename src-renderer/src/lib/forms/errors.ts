import type { ApiError, ErrorCode } from '$contract';
import type { MessageKey } from '../i18n/en.ts';

const TITLE_BY_CODE: Record<ErrorCode, MessageKey> = {
  'invalid-input': 'error.invalid-input',
  'signed-out': 'error.signed-out',
  forbidden: 'error.forbidden',
  'not-found': 'error.not-found',
  throttled: 'error.throttled',
  transient: 'error.transient',
  permanent: 'error.permanent',
  'keychain-unavailable': 'error.keychain-unavailable',
  'bridge-unavailable': 'error.bridge-unavailable',
  'bridge-key-missing': 'error.bridge-key-missing',
  'bridge-key-stale': 'error.bridge-key-stale',
  internal: 'error.internal',
};

/** A sentence, in the user's language, for the kind of failure; the service's own message is the detail. */
export function errorTitleKey(error: ApiError): MessageKey {
  return TITLE_BY_CODE[error.code];
}

/**
 * Which form field an error belongs to. Main names it in `field`; an expired or revoked token
 * (`signed-out`) belongs to the token when the form has one.
 */
export function errorField(error: ApiError, fields: readonly string[]): string | null {
  if (error.field && fields.includes(error.field)) return error.field;
  if (error.code === 'signed-out' && fields.includes('token')) return 'token';
  return null;
}
