import { describe, expect, it } from 'vitest';
import { readAcsToken, readConnectionString, readEndpoint, readHttpsUrl, readTokenExpiry } from './credential-text.ts';

const encode = (value: object) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
const token = (payload: object) => `${encode({ alg: 'HS256' })}.${encode(payload)}.c2ln`;

describe('readEndpoint', () => {
  it('keeps the origin with a trailing slash and names each problem', () => {
    expect(readEndpoint(' https://contoso.communication.azure.com ')).toEqual({ endpoint: 'https://contoso.communication.azure.com/' });
    expect(readEndpoint('contoso')).toEqual({ problem: 'format' });
    expect(readEndpoint('http://contoso/')).toEqual({ problem: 'https' });
    expect(readEndpoint('https://x/chat')).toEqual({ problem: 'extra-parts' });
    expect(readEndpoint('https://u:p@x/')).toEqual({ problem: 'extra-parts' });
  });
  it('takes any https URL for a service of the user own', () => {
    expect(readHttpsUrl('https://tokens.example/refresh?user=1')).toEqual({ url: 'https://tokens.example/refresh?user=1' });
    expect(readHttpsUrl('http://tokens.example/')).toEqual({ problem: 'https' });
  });
});

describe('readAcsToken', () => {
  it('reads the user and expiry, non-ASCII payloads included', () => {
    expect(readAcsToken(token({ skypeid: 'acs:res_0001', exp: 1_900_000_000, name: '민아' }))).toEqual({ claims: { userId: '8:acs:res_0001', expiresOn: 1_900_000_000_000 } });
  });
  it('names what is missing', () => {
    expect(readAcsToken('abc')).toEqual({ problem: 'parts' });
    expect(readAcsToken('a.!!!.c')).toEqual({ problem: 'payload' });
    expect(readAcsToken(token({ exp: 1 }))).toEqual({ problem: 'no-user' });
    expect(readAcsToken(token({ skypeid: 'acs:x' }))).toEqual({ problem: 'no-expiry' });
  });
  it('reads the expiry of any JWT', () => {
    expect(readTokenExpiry(token({ exp: 1_700_000_100 }))).toBe(1_700_000_100_000);
    expect(readTokenExpiry('opaque')).toBeNull();
  });
});

describe('readConnectionString', () => {
  const key = btoa('k'.repeat(32));
  it('parses the portal format', () => {
    expect(readConnectionString(`endpoint=https://contoso.communication.azure.com/;accesskey=${key}`)).toEqual({
      parts: { endpoint: 'https://contoso.communication.azure.com/', accessKey: key },
    });
  });
  it('tells a short key from a malformed one', () => {
    expect(readConnectionString('endpoint=https://x/;accesskey=Zm9v')).toEqual({ problem: 'key-short' });
    expect(readConnectionString('endpoint=https://x/;accesskey=not-base64!')).toEqual({ problem: 'key-format' });
    expect(readConnectionString(`endpoint=http://x/;accesskey=${key}`)).toEqual({ problem: 'endpoint', endpointProblem: 'https' });
    expect(readConnectionString(`accesskey=${key};endpoint=https://x/`)).toEqual({ problem: 'format' });
  });
});
