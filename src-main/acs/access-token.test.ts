import { describe, expect, it } from 'vitest';
import { decodeAcsToken, normalizeEndpoint, parseConnectionString } from './access-token.ts';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (payload: object) => `${encode({ alg: 'HS256' })}.${encode(payload)}.c2ln`;

describe('decodeAcsToken', () => {
  it('reads the user and expiry', () => {
    expect(decodeAcsToken(token({ skypeid: 'acs:res_0001', exp: 1_900_000_000 }))).toEqual({ userId: '8:acs:res_0001', expiresOn: 1_900_000_000_000 });
  });

  it('explains what is wrong with a bad token, at the token field', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.!!!.c', token({ exp: 1 }), token({ skypeid: 'acs:x' })]) {
      expect(() => decodeAcsToken(bad)).toThrow(expect.objectContaining({ code: 'invalid-input', field: 'token' }));
    }
  });
});

describe('normalizeEndpoint', () => {
  it('keeps just the origin with a trailing slash', () => {
    expect(normalizeEndpoint(' https://contoso.communication.azure.com ')).toBe('https://contoso.communication.azure.com/');
    expect(normalizeEndpoint('https://localhost:8443/')).toBe('https://localhost:8443/');
  });

  it('refuses what the SDK cannot use', () => {
    for (const bad of ['contoso', 'http://contoso.communication.azure.com/', 'https://x/chat', 'https://x/?a=1', 'https://u:p@x/', 'ftp://x/']) {
      expect(() => normalizeEndpoint(bad)).toThrow(expect.objectContaining({ field: 'endpoint' }));
    }
  });
});

describe('parseConnectionString', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('parses the portal format', () => {
    expect(parseConnectionString(`endpoint=https://contoso.communication.azure.com/;accesskey=${key}`)).toEqual({
      endpoint: 'https://contoso.communication.azure.com/',
      accessKey: key,
    });
  });

  it('refuses the wrong order, a missing key, a bad key and http', () => {
    for (const bad of [
      `accesskey=${key};endpoint=https://x/`,
      'endpoint=https://x/;accesskey=',
      'endpoint=https://x/;accesskey=not base64!',
      `endpoint=http://x/;accesskey=${key}`,
      'nonsense',
    ]) {
      expect(() => parseConnectionString(bad)).toThrow(expect.objectContaining({ field: 'connectionString' }));
    }
  });
});
