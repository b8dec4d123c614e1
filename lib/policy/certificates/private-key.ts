import { createPrivateKey, KeyObject, X509Certificate } from 'crypto';
import { Finding, Findings } from '../findings';
import { CERTIFICATE_CODES } from './certificate-codes';
import { oneLineName, pemBlocks } from './pem';

const RULE_FORM = 'IAM takes the private key as one unencrypted PEM key (PKCS#8 "PRIVATE KEY", "RSA PRIVATE KEY" or "EC PRIVATE KEY").';

/**
 * The private key is one unencrypted PEM key, and it belongs to the certificate (IAM's
 * `KeyPairMismatch`). Key material never appears in a finding.
 */
export function checkPrivateKey(path: string, privateKey: string, certificate?: X509Certificate): Finding[] {
  const blocks = pemBlocks(privateKey).filter((b) => b.label.includes('PRIVATE KEY'));
  if (blocks.length !== 1) {
    return [Findings.error(CERTIFICATE_CODES.KEY_NOT_PEM, path, '',
      `${path} holds ${blocks.length === 0 ? 'no PEM private key' : `${blocks.length} private keys`}.`, RULE_FORM,
      blocks.length === 0 ? 'pass the key in PEM form (openssl pkey -in key.der -inform der -out key.pem).' : 'pass exactly one private key: the one of the server certificate.')];
  }
  const block = blocks[0];
  if (block.label === 'ENCRYPTED PRIVATE KEY' || block.legacyEncrypted) {
    return [Findings.error(CERTIFICATE_CODES.KEY_ENCRYPTED, path, '',
      `${path} is encrypted with a passphrase.`,
      'IAM and the load balancer need the private key without a passphrase.',
      'decrypt it first: openssl pkey -in encrypted.pem -out key.pem (and keep the result secret).')];
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(block.text);
  } catch {
    return [Findings.error(CERTIFICATE_CODES.KEY_NOT_PEM, path, '',
      `${path} has PEM armour but does not parse as a private key.`, RULE_FORM,
      'export the key again and check it was not truncated.')];
  }
  if (certificate && !certificate.checkPrivateKey(key)) {
    return [Findings.error(CERTIFICATE_CODES.KEY_PAIR_MISMATCH, path, '',
      `${path} does not belong to the certificate '${oneLineName(certificate.subject)}'.`,
      'The private key must match the public key of the server certificate (IAM answers KeyPairMismatch).',
      'pass the key the certificate was issued for (compare `openssl x509 -noout -pubkey` with `openssl pkey -pubout`).')];
  }
  return [];
}

/**
 * The certificate's key is one ELB can serve: RSA 1024, 2048 or 4096 bits, or ECDSA.
 */
export function checkKeyType(path: string, certificate: X509Certificate): Finding[] {
  const key = certificate.publicKey;
  const type = key.asymmetricKeyType;
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (type === 'ec') return [];
  if (type === 'rsa' && (bits === 1024 || bits === 2048 || bits === 4096)) return [];
  const what = type === 'rsa' ? `an RSA-${bits} key` : `a ${type} key`;
  return [Findings.error(CERTIFICATE_CODES.KEY_TYPE_UNSUPPORTED, path, `'${type}${bits ? `-${bits}` : ''}'`,
    `${path} '${oneLineName(certificate.subject)}' has ${what}.`,
    'Classic ELB serves RSA keys of 1024, 2048 (recommended) or 4096 bits and ECDSA keys.',
    'issue the certificate for an RSA-2048 or ECDSA P-256 key.')];
}
