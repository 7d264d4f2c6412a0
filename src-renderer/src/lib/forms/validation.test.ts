import { describe, expect, it } from 'vitest';
import { readTokenExpiry as tokenExpiry } from '$shared/credentials/credential-text.ts';
import { checkConnectionString, checkEndpoint, checkOptionalUrl, checkToken, checkTopic, collectProblems } from './validation.ts';

const jwt = (payload: object) => `e30.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.sig`;

describe('checkEndpoint', () => {
  it('wants an https URL with no path, as the SDKs do', () => {
    expect(checkEndpoint('')).toBe('validation.required');
    expect(checkEndpoint('not a url')).toBe('validation.endpointFormat');
    expect(checkEndpoint('http://example.com')).toBe('validation.endpointHttps');
    expect(checkEndpoint('ftp://example.com')).toBe('validation.endpointHttps');
    expect(checkEndpoint('https://contoso.communication.azure.com/')).toBeNull();
    expect(checkEndpoint('http://127.0.0.1:8080')).toBe('validation.endpointHttps');
    expect(checkEndpoint('https://contoso.communication.azure.com/chat')).toBe('validation.endpointExtraParts');
  });
  it('lets an optional URL be empty', () => {
    expect(checkOptionalUrl('')).toBeNull();
    expect(checkOptionalUrl('nope')).toBe('validation.urlFormat');
  });
});

describe('checkToken', () => {
  const now = 1_700_000_000_000;
  it('reads a JWT expiry', () => {
    expect(tokenExpiry(jwt({ exp: 1_700_000_100 }))).toBe(1_700_000_100_000);
    expect(tokenExpiry('opaque')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });
  it('refuses an empty or expired token, and lets opaque ones through to the service', () => {
    expect(checkToken(' ', now)).toBe('validation.required');
    expect(checkToken(jwt({ exp: 1_600_000_000 }), now)).toBe('validation.tokenExpired');
    expect(checkToken(jwt({ exp: 1_800_000_000 }), now)).toBeNull();
    expect(checkToken('opaque-token', now)).toBeNull();
  });
});

describe('checkConnectionString', () => {
  it('needs an endpoint and an access key', () => {
    expect(checkConnectionString('')).toBe('validation.required');
    expect(checkConnectionString('endpoint=https://x.example/;')).toBe('validation.connectionStringFormat');
    expect(checkConnectionString('endpoint=ftp://x/;accesskey=abc')).toBe('validation.connectionStringFormat');
    expect(checkConnectionString(`endpoint=https://x.example/;accesskey=${btoa('k'.repeat(32))}`)).toBeNull();
  });
  it('says a well-formed but short key is too short', () => {
    expect(checkConnectionString('endpoint=https://x.example/;accesskey=Zm9v')).toBe('validation.accessKeyShort');
  });
});

describe('collectProblems', () => {
  it('keeps only the fields with a problem', () => {
    expect(collectProblems({ topic: checkTopic(''), other: null })).toEqual({ topic: 'validation.required' });
    expect(checkTopic('x'.repeat(257))).toBe('validation.tooLong');
  });
});
