import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ecdsaWithSHA256 } from '@peculiar/asn1-ecc';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_serverAuth,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/**
 * The emulator's private CA and its localhost server certificate (ECDSA P-256, SHA-256).
 * The ASN.1 structures come from @peculiar/asn1-x509 (RFC 5280 schemas); Node's crypto makes the
 * keys and signatures synchronously, so starting an emulator needs no await for its certificate.
 */

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
const SERVER_NAMES = [new GeneralName({ dNSName: 'localhost' }), new GeneralName({ iPAddress: '127.0.0.1' }), new GeneralName({ iPAddress: '::1' })];

// RFC 5280 attribute types (asn1-x509 has the structures but not these two constants).
const id_at_commonName = '2.5.4.3';
const id_at_organizationName = '2.5.4.10';

function name(subject: { commonName: string; organization: string }): Name {
  const attribute = (type: string, text: string) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: text }) })]);
  return new Name([attribute(id_at_commonName, subject.commonName), attribute(id_at_organizationName, subject.organization)]);
}

function extension(extnID: string, critical: boolean, value: object): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function subjectPublicKeyInfo(publicKey: KeyObject): SubjectPublicKeyInfo {
  return AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
}

/** The bytes of a Node buffer as the standalone ArrayBuffer the ASN.1 schemas take. */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

/** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: SubjectPublicKeyInfo): ArrayBuffer {
  return arrayBufferOf(createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest());
}

/** A positive 16-byte serial whose first byte is neither 0 nor >= 0x80, so DER needs no extra byte. */
function serialNumber(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  return arrayBufferOf(serial);
}

interface CertificateRequest {
  subject: Name;
  issuer: Name;
  subjectKey: SubjectPublicKeyInfo;
  signingKey: KeyObject;
  lifetimeDays: number;
  extensions: Extension[];
}

function issueCertificate(request: CertificateRequest): string {
  const now = Date.now();
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(),
    signature: ecdsaWithSHA256,
    issuer: request.issuer,
    validity: new Validity({ notBefore: new Date(now - DAY_MS), notAfter: new Date(now + request.lifetimeDays * DAY_MS) }),
    subject: request.subject,
    subjectPublicKeyInfo: request.subjectKey,
    extensions: new Extensions(request.extensions),
  });
  // Node signs ECDSA as a DER ECDSA-Sig-Value, the form X.509 carries.
  const signatureValue = sign('sha256', Buffer.from(AsnConvert.serialize(tbsCertificate)), request.signingKey);
  const der = AsnConvert.serialize(new Certificate({ tbsCertificate, signatureAlgorithm: ecdsaWithSHA256, signatureValue: arrayBufferOf(signatureValue) }));
  return new X509Certificate(Buffer.from(der)).toString();
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function createCa(): { certPem: string; keyPem: string } {
  const { publicKey, privateKey } = newKeyPair();
  const spki = subjectPublicKeyInfo(publicKey);
  const certPem = issueCertificate({
    subject: name(CA_SUBJECT),
    issuer: name(CA_SUBJECT),
    subjectKey: spki,
    signingKey: privateKey,
    lifetimeDays: CA_LIFETIME_DAYS,
    extensions: [
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: true, pathLenConstraint: 0 })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)),
      extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(spki))),
    ],
  });
  return { certPem, keyPem: privateKeyPem(privateKey) };
}

function derOf(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}

/**
 * Issued under the CA as stored: its subject is copied as the issuer and its own subject key
 * identifier as the authority key identifier, so a CA kept from an older profile (whose key
 * identifier was computed another way) still chains.
 */
function createServerCertificate(caCertPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
  const ca = AsnConvert.parse(derOf(caCertPem), Certificate).tbsCertificate;
  const caKeyIdExtension = ca.extensions?.find((candidate) => candidate.extnID === id_ce_subjectKeyIdentifier);
  const caKeyId = caKeyIdExtension ? AsnConvert.parse(caKeyIdExtension.extnValue.buffer, SubjectKeyIdentifier).buffer : keyIdentifier(ca.subjectPublicKeyInfo);
  const { publicKey, privateKey } = newKeyPair();
  const certPem = issueCertificate({
    subject: name(SERVER_SUBJECT),
    issuer: ca.subject,
    subjectKey: subjectPublicKeyInfo(publicKey),
    signingKey: createPrivateKey(caKeyPem),
    lifetimeDays: SERVER_LIFETIME_DAYS,
    extensions: [
      extension(id_ce_basicConstraints, true, new BasicConstraints({ cA: false })),
      extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.digitalSignature)),
      extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth])),
      extension(id_ce_subjectAltName, false, new SubjectAlternativeName(SERVER_NAMES)),
      extension(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(caKeyId) })),
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
    ({ certPem: serverCertPem, keyPem: serverKeyPem } = createServerCertificate(caCertPem, caKeyPem));
  }
  return { caCertPem, caKeyPem, serverCertPem, serverKeyPem };
}
