import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from './tls.ts';

describe('TLS material', () => {
  const material = ensureTlsMaterial({});
  const ca = new X509Certificate(material.caCertPem);
  const server = new X509Certificate(material.serverCertPem);

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
  });

  it('keeps a CA it is given and reissues only what is missing', () => {
    const again = ensureTlsMaterial({ caCertPem: material.caCertPem, caKeyPem: material.caKeyPem });
    expect(again.caCertPem).toBe(material.caCertPem);
    expect(new X509Certificate(again.serverCertPem).verify(ca.publicKey)).toBe(true);
    expect(ensureTlsMaterial(material)).toEqual(material);
  });
});
