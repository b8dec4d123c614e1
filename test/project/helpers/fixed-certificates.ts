import { createECDH, createHash, createPrivateKey, createPublicKey, KeyObject, sign } from 'crypto';
import { WalkthroughCertificates } from '../../../examples/walkthrough/certificates';
import { Der } from '../../../provider/plugin/tls/der';

/**
 * The walk-through's certificates, the same bytes on every run and machine, for golden output:
 * names and policy order derive from fingerprints and key hashes, so generated certificates would
 * reorder the output from run to run. Nothing here is secret: every key is derived from a fixed,
 * public seed, and the snapshot never holds a PEM.
 *
 * The profile mirrors `generateWalkthroughCertificates`: a root CA, an intermediate CA, a leaf for
 * www.example.com (body + chain) and a back-end certificate. Deterministic signatures need Ed25519
 * (ECDSA signs with a random nonce), so the two CAs have Ed25519 keys; the leaf and the back end
 * have ECDSA P-256 keys (a key type ELB serves), derived from their seed as the private scalar.
 * Valid from 2025-01-01 to 2049-12-31.
 */
export function fixedWalkthroughCertificates(): WalkthroughCertificates {
  const root = ed25519('seclb golden root CA');
  const intermediate = ed25519('seclb golden intermediate CA');
  const leaf = p256('seclb golden leaf www.example.com');
  const backend = p256('seclb golden back end');
  const rootCert = certificate({ serial: 1, subject: 'Golden Root CA', issuer: 'Golden Root CA', subjectKey: root.publicKey, signer: root.privateKey, ca: true });
  const intCert = certificate({ serial: 2, subject: 'Golden Intermediate CA', issuer: 'Golden Root CA', subjectKey: intermediate.publicKey, signer: root.privateKey, ca: true });
  const leafCert = certificate({ serial: 3, subject: 'www.example.com', issuer: 'Golden Intermediate CA', subjectKey: leaf.publicKey, signer: intermediate.privateKey, ca: false });
  const backendCert = certificate({ serial: 4, subject: 'backend.internal', issuer: 'Golden Root CA', subjectKey: backend.publicKey, signer: root.privateKey, ca: false });
  return {
    certPem: pem('CERTIFICATE', leafCert),
    keyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    chainPem: pem('CERTIFICATE', intCert) + pem('CERTIFICATE', rootCert),
    backendCertPem: pem('CERTIFICATE', backendCert),
    backendKeyPem: backend.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}

const ED25519 = Der.sequence(Der.oid('1.3.101.112'));
const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
const NOT_AFTER = new Date('2049-12-31T23:59:59Z');

function seed(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function ed25519(text: string): { privateKey: KeyObject; publicKey: KeyObject } {
  // PKCS#8 of an Ed25519 key is a fixed prefix and the 32-byte seed (RFC 8410).
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed(text)]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function p256(text: string): { privateKey: KeyObject; publicKey: KeyObject } {
  const d = seed(text); // below the group order for any seed but ~2^-32 of them: these are checked by use
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function name(cn: string): Buffer {
  return Der.sequence(Der.set(Der.sequence(Der.oid('2.5.4.3'), Der.utf8(cn))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return Der.sequence(Der.oid(id), ...(critical ? [Der.boolean(true)] : []), Der.octetString(value));
}

interface CertificateSpec {
  readonly serial: number;
  readonly subject: string;
  readonly issuer: string;
  readonly subjectKey: KeyObject;
  readonly signer: KeyObject;
  readonly ca: boolean;
}

function certificate(spec: CertificateSpec): Buffer {
  const extensions = spec.ca
    ? [extension('2.5.29.19', true, Der.sequence(Der.boolean(true))), extension('2.5.29.15', true, Der.bitString(Buffer.from([0x06]), 1))]
    : [extension('2.5.29.19', true, Der.sequence()), extension('2.5.29.17', false, Der.sequence(Der.tlv(0x82, Buffer.from(spec.subject, 'ascii'))))];
  const tbs = Der.sequence(
    Der.explicit(0, Der.integer(Buffer.from([2]))),
    Der.integer(Buffer.from([spec.serial])),
    ED25519,
    name(spec.issuer),
    Der.sequence(Der.time(NOT_BEFORE), Der.time(NOT_AFTER)),
    name(spec.subject),
    spec.subjectKey.export({ type: 'spki', format: 'der' }),
    Der.explicit(3, Der.sequence(...extensions)),
  );
  return Der.sequence(tbs, ED25519, Der.bitString(sign(null, tbs, spec.signer)));
}

function pem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}
