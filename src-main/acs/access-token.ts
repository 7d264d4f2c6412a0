import { ApiFailure } from '../base/api-failure.ts';
import {
  readAcsToken,
  readConnectionString,
  readEndpoint,
  type AcsTokenClaims,
  type ConnectionStringParts,
  type EndpointProblem,
  type TokenProblem,
} from '../../src-shared/credentials/credential-text.ts';

const TOKEN_PROBLEMS: Record<TokenProblem, string> = {
  parts: 'it should have three dot-separated parts',
  payload: 'its payload cannot be decoded',
  'no-user': 'it names no user (skypeid)',
  'no-expiry': 'it has no expiry (exp)',
};

const ENDPOINT_PROBLEMS: Record<EndpointProblem, string> = {
  format: 'Enter the endpoint as a full address, like https://my-resource.communication.azure.com/',
  https: 'The endpoint must start with https://',
  'extra-parts': 'The endpoint is just the resource address, with no path or query (https://<resource>.communication.azure.com/).',
};

const CONNECTION_STRING_PROBLEMS = {
  format: 'A connection string looks like endpoint=https://<resource>.communication.azure.com/;accesskey=<key>',
  'key-format': 'The connection string’s access key is not valid base64 (letters, digits, + and /, padded with =).',
  'key-short': 'The connection string’s access key is too short: copy the whole key from the portal’s Keys page.',
} as const;

/** Reads who a user access token belongs to and when it expires; the service still has the last word. */
export function decodeAcsToken(token: string): AcsTokenClaims {
  const read = readAcsToken(token);
  if ('problem' in read) throw new ApiFailure('invalid-input', `This is not an ACS user access token: ${TOKEN_PROBLEMS[read.problem]}.`, { field: 'token' });
  return read.claims;
}

export function normalizeEndpoint(text: string): string {
  const read = readEndpoint(text);
  if ('problem' in read) throw new ApiFailure('invalid-input', ENDPOINT_PROBLEMS[read.problem], { field: 'endpoint' });
  return read.endpoint;
}

export function parseConnectionString(text: string): ConnectionStringParts {
  const read = readConnectionString(text);
  if ('parts' in read) return read.parts;
  const message =
    read.problem === 'endpoint' ? `The connection string’s endpoint is not usable: ${ENDPOINT_PROBLEMS[read.endpointProblem]}` : CONNECTION_STRING_PROBLEMS[read.problem];
  throw new ApiFailure('invalid-input', message, { field: 'connectionString' });
}
