import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, string | number>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'parley-emulator', typ: 'JWT' })).toString('base64url');
const PADDING_CLAIM = 'pad';

function sign(secret: Buffer, signingInput: string): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

/**
 * Signs an HS256 JWT. Hand-written on purpose, not a JWT library: Python's ACS SDK
 * (`create_access_token` in `azure/communication/<package>/_shared/utils.py`) reads `exp` with
 * `base64.b64decode(payload + "==")`, the *standard* alphabet in non-validating mode, which
 * silently drops `-` and `_` and so corrupts any base64url payload holding them. A filler claim
 * is grown until the payload segment contains neither; no JWT library lets the signer do that.
 */
export function signJwt(claims: JwtClaims, secret: Buffer): string {
  let payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  for (let fill = 1; /[-_]/.test(payload); fill++) {
    payload = Buffer.from(JSON.stringify({ ...claims, [PADDING_CLAIM]: 'x'.repeat(fill) })).toString('base64url');
  }
  const signingInput = `${HEADER}.${payload}`;
  return `${signingInput}.${sign(secret, signingInput)}`;
}

/** Returns the claims of a token signed by `secret`, or undefined when it is malformed or forged. */
export function verifyJwt(token: string, secret: Buffer): JwtClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${header}.${payload}`));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}
