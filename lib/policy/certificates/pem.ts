import { createPrivateKey, X509Certificate } from 'crypto';

/** One `-----BEGIN X-----` ... `-----END X-----` block of a PEM text (internal). */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE` or `PRIVATE KEY`. */
  readonly label: string;
  /** The whole block, armour included. */
  readonly text: string;
  /** True when the block carries `Proc-Type: 4,ENCRYPTED` headers (legacy encrypted PEM). */
  readonly legacyEncrypted: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  if (typeof text !== 'string') return blocks;
  for (const m of text.matchAll(BLOCK)) {
    blocks.push({ label: m[1], text: m[0], legacyEncrypted: /Proc-Type:\s*4,ENCRYPTED/.test(m[2]) });
  }
  return blocks;
}

/** True when `text` contains PEM armour at all. */
export function looksLikePem(text: string): boolean {
  return typeof text === 'string' && text.includes('-----BEGIN ');
}

/** Parses one certificate, or undefined when it does not parse. */
export function parseCertificate(input: string | Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(input);
  } catch {
    return undefined;
  }
}

/** A distinguished name on one line (`CN=Example Root CA, O=Example`). */
export function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/** True when `signer` issued `cert` (names match and the signature verifies with the signer's key). */
export function signedBy(cert: X509Certificate, signer: X509Certificate): boolean {
  try {
    return cert.checkIssued(signer) && cert.verify(signer.publicKey);
  } catch {
    return false;
  }
}

/** True when bare base64 `text` decodes to a private key (PKCS#8, PKCS#1 RSA or SEC1 EC DER). */
export function isPrivateKeyDer(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return false;
  const der = Buffer.from(compact, 'base64');
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

/**
 * A short preview of a value for a finding's `value`. Anything that is or may hold a private key
 * gives an empty string: key material never appears in a finding.
 */
export function preview(value: string): string {
  if (typeof value !== 'string' || /PRIVATE/.test(value) || isPrivateKeyDer(value)) return '';
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 32 ? `'${flat.slice(0, 32)}...'` : `'${flat}'`;
}
