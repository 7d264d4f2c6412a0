import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ensureTlsMaterial } from './tls.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A throwaway CA (it protects nothing) made by the hand-written DER encoder that tls.ts used before
 * @peculiar/asn1-x509, as profiles made then keep it. Its subject key identifier is the SHA-1 of the
 * whole SubjectPublicKeyInfo, not RFC 5280's method 1, so a reissued server certificate must copy it.
 */
const LEGACY_CA = {
  caCertPem: `-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIQGcDBOYBFLMkvqSiEqFpD1zAKBggqhkjOPQQDAjA4MSUw
IwYDVQQDDBxQYXJsZXkgQUNTIEVtdWxhdG9yIExvY2FsIENBMQ8wDQYDVQQKDAZQ
YXJsZXkwHhcNMjYxMjAxMjE0MzUwWhcNMzYxMTI5MjE0MzUwWjA4MSUwIwYDVQQD
DBxQYXJsZXkgQUNTIEVtdWxhdG9yIExvY2FsIENBMQ8wDQYDVQQKDAZQYXJsZXkw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT6bRUE1kw7XDvAQqQUH8KUmjwJMfrx
UsizQEz7hhWi0AiEC+FeMhlqjmd53gv5tlO6Hn5uvGG6vDOQc9h9J2x3o0UwQzAS
BgNVHRMBAf8ECDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIBBjAdBgNVHQ4EFgQUSJCK
26FNhTRJ/iEIPFIS0J6vsdkwCgYIKoZIzj0EAwIDSAAwRQIhAKtgzyH5l/bTv9hQ
mLhmvp5OnzE3H7rY1xRhqSMX2aMZAiBMsBkNQuCeHCP4jz3+FLxZ4/U7HKNqUNh2
Qeumncpe5w==
-----END CERTIFICATE-----
`,
  caKeyPem: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYogRc9XTmjnhf/wk
U7NdsF/AKJHobmj6yZZQyIzD1PmhRANCAAT6bRUE1kw7XDvAQqQUH8KUmjwJMfrx
UsizQEz7hhWi0AiEC+FeMhlqjmd53gv5tlO6Hn5uvGG6vDOQc9h9J2x3
-----END PRIVATE KEY-----
`,
};
const LEGACY_CA_ISSUED_AT = new Date('2026-12-02T21:43:50Z');

describe('TLS material', () => {
  const material = ensureTlsMaterial({});
  const ca = new X509Certificate(material.caCertPem);
  const server = new X509Certificate(material.serverCertPem);

  afterEach(() => {
    vi.useRealTimers();
  });

  it('issues a CA and a localhost server certificate signed by it', () => {
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
  });

  it('names localhost, 127.0.0.1 and ::1', () => {
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
  });

  it('keeps the subjects, the serverAuth purpose and the lifetimes', () => {
    expect(ca.subject).toBe('CN=Parley ACS Emulator Local CA\nO=Parley');
    expect(server.subject).toBe('CN=localhost\nO=Parley');
    expect(server.issuer).toBe(ca.subject);
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const days = (certificate: X509Certificate) => (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / DAY_MS;
    expect(days(ca)).toBe(3651);
    // Within the 398 days that browsers accept for a server certificate.
    expect(days(server)).toBeLessThanOrEqual(398);
  });

  it('keeps a CA it is given and reissues only what is missing', () => {
    const again = ensureTlsMaterial({ caCertPem: material.caCertPem, caKeyPem: material.caKeyPem });
    expect(again.caCertPem).toBe(material.caCertPem);
    expect(new X509Certificate(again.serverCertPem).verify(ca.publicKey)).toBe(true);
    expect(ensureTlsMaterial(material)).toEqual(material);
  });

  it('goes on issuing under a CA kept from the earlier encoder', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(LEGACY_CA_ISSUED_AT.getTime() + DAY_MS));
    const legacy = new X509Certificate(LEGACY_CA.caCertPem);
    const renewed = ensureTlsMaterial(LEGACY_CA);
    expect(renewed.caCertPem).toBe(LEGACY_CA.caCertPem);
    const reissued = new X509Certificate(renewed.serverCertPem);
    expect(reissued.verify(legacy.publicKey)).toBe(true);
    // OpenSSL's issuer check includes the authority key identifier against the CA's own.
    expect(reissued.checkIssued(legacy)).toBe(true);
    expect(reissued.checkHost('localhost')).toBe('localhost');
  });
});
