import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { bitString, booleanTrue, explicit, implicit, integer, objectIdentifier, octetString, sequence, set, time, utf8String } from './der.ts';

/** The emulator's private CA and its localhost server certificate (ECDSA P-256, SHA-256). */

export interface TlsMaterial {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_LIFETIME_DAYS = 3650;
// Kept under the 398 days that browsers accept for a server certificate.
const SERVER_LIFETIME_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;
const CA_SUBJECT = { commonName: 'Parley ACS Emulator Local CA', organization: 'Parley' };
const SERVER_SUBJECT = { commonName: 'localhost', organization: 'Parley' };

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

function name(subject: { commonName: string; organization: string }): Buffer {
  return sequence(
    set(sequence(objectIdentifier(OID.commonName), utf8String(subject.commonName))),
    set(sequence(objectIdentifier(OID.organization), utf8String(subject.organization))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(objectIdentifier(oid), booleanTrue(), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

function spki(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: 'spki', format: 'der' });
}

function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1').update(spki(publicKey)).digest();
}

function toPem(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

interface CertificateRequest {
  subject: Buffer;
  issuer: Buffer;
  subjectKey: KeyObject;
  signingKey: KeyObject;
  lifetimeDays: number;
  extensions: Buffer[];
}

function issueCertificate(request: CertificateRequest): string {
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    signatureAlgorithm,
    request.issuer,
    sequence(time(new Date(now - DAY_MS)), time(new Date(now + request.lifetimeDays * DAY_MS))),
    request.subject,
    spki(request.subjectKey),
    explicit(3, sequence(...request.extensions)),
  );
  const signature = sign('sha256', tbs, request.signingKey);
  return toPem(sequence(tbs, signatureAlgorithm, bitString(signature)), 'CERTIFICATE');
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function createCa(): { certPem: string; keyPem: string } {
  const { publicKey, privateKey } = newKeyPair();
  const keyCertSignAndCrlSign = bitString(Buffer.from([0x06]), 1);
  const certPem = issueCertificate({
    subject: name(CA_SUBJECT),
    issuer: name(CA_SUBJECT),
    subjectKey: publicKey,
    signingKey: privateKey,
    lifetimeDays: CA_LIFETIME_DAYS,
    extensions: [
      extension(OID.basicConstraints, true, sequence(booleanTrue(), integer(0))),
      extension(OID.keyUsage, true, keyCertSignAndCrlSign),
      extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey))),
    ],
  });
  return { certPem, keyPem: privateKeyPem(privateKey) };
}

function createServerCertificate(caKeyPem: string): { certPem: string; keyPem: string } {
  const caPrivateKey = createPrivateKey(caKeyPem);
  const { publicKey, privateKey } = newKeyPair();
  const digitalSignature = bitString(Buffer.from([0x80]), 7);
  const subjectAltNames = sequence(
    implicit(2, Buffer.from('localhost', 'ascii')),
    implicit(7, Buffer.from([127, 0, 0, 1])),
    implicit(7, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
  );
  const certPem = issueCertificate({
    subject: name(SERVER_SUBJECT),
    issuer: name(CA_SUBJECT),
    subjectKey: publicKey,
    signingKey: caPrivateKey,
    lifetimeDays: SERVER_LIFETIME_DAYS,
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      extension(OID.keyUsage, true, digitalSignature),
      extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
      extension(OID.subjectAltName, false, subjectAltNames),
      extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, keyIdentifier(createPublicKey(caPrivateKey))))),
    ],
  });
  return { certPem, keyPem: privateKeyPem(privateKey) };
}

function expiresSoon(certPem: string): boolean {
  return Date.parse(new X509Certificate(certPem).validTo) - Date.now() < RENEW_BEFORE_DAYS * DAY_MS;
}

/**
 * Completes (or creates) the CA and server certificate. A kept CA is reused so that a client
 * trusting `<data>/ca.pem` keeps working; the server certificate is reissued when close to expiry.
 */
export function ensureTlsMaterial(existing: Partial<TlsMaterial>): TlsMaterial {
  let { caCertPem, caKeyPem, serverCertPem, serverKeyPem } = existing;
  if (!caCertPem || !caKeyPem || expiresSoon(caCertPem)) {
    ({ certPem: caCertPem, keyPem: caKeyPem } = createCa());
    serverCertPem = undefined;
  }
  if (!serverCertPem || !serverKeyPem || expiresSoon(serverCertPem)) {
    ({ certPem: serverCertPem, keyPem: serverKeyPem } = createServerCertificate(caKeyPem));
  }
  return { caCertPem, caKeyPem, serverCertPem, serverKeyPem };
}
