import { createPublicKey, KeyObject } from 'crypto';
import { Finding, Findings } from '../findings';
import { PUBLIC_KEY_CODES } from './certificate-codes';
import { isPrivateKeyDer, looksLikePem, parseCertificate, pemBlocks, preview } from './pem';

/** The outcome of normalising a public key for a PublicKeyPolicyType policy. */
export interface PublicKeyNormalization {
  /**
   * The key as AWS expects it: base64 of the DER SubjectPublicKeyInfo on one line, no PEM armour.
   * @default - undefined when `findings` holds an error
   */
  readonly publicKey?: string;
  /** Every problem found (empty on success). */
  readonly findings: Finding[];
}

const RULE = "A PublicKeyPolicyType policy's PublicKey is the base64 DER SubjectPublicKeyInfo on one line (what `openssl x509 -pubkey -noout` prints, without the PEM lines).";
const ACCEPTED = 'a PEM public key, a PEM certificate, or bare base64 of an SPKI or certificate DER';

/**
 * Converts the public keys people have at hand into the one form ELB's back-end authentication
 * expects (elb-facts §3.2): accepts a PEM public key (SPKI or PKCS#1 RSA), a PEM certificate, or
 * bare base64 of an SPKI or a certificate DER; returns one-line base64 SPKI.
 */
export class PublicKeys {
  /**
   * Normalises `input` to one-line base64 SPKI. Never throws; a private key given by mistake is
   * reported without echoing it.
   *
   * @param input the key or certificate as written
   * @param path the property path to name in findings (default: `publicKey`)
   */
  public static normalize(input: string, path: string = 'publicKey'): PublicKeyNormalization {
    const text = typeof input === 'string' ? input.trim() : '';
    if (text === '') {
      return failure(PUBLIC_KEY_CODES.EMPTY, path, '', `${path} is empty.`, `set ${path} to ${ACCEPTED}.`);
    }
    if (looksLikePem(text)) return PublicKeys.fromPem(text, path);
    if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-)/.test(text)) {
      return failure(PUBLIC_KEY_CODES.INVALID, path, preview(text), `${path} is an OpenSSH public key.`,
        'convert it first: ssh-keygen -e -m PKCS8 -f key.pub (then pass the PEM public key).');
    }
    const compact = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      return failure(PUBLIC_KEY_CODES.INVALID, path, preview(text), `${path} is neither PEM nor base64.`, `pass ${ACCEPTED}.`);
    }
    const der = Buffer.from(compact, 'base64');
    const spki = tryKey(() => createPublicKey({ key: der, format: 'der', type: 'spki' }));
    if (spki) return success(spki);
    const cert = parseCertificate(der);
    if (cert) return success(cert.publicKey);
    if (isPrivateKeyDer(compact)) return privateGiven(path);
    return failure(PUBLIC_KEY_CODES.INVALID, path, preview(text), `${path} is base64 but decodes to neither an SPKI public key nor a certificate.`,
      `pass ${ACCEPTED}; check the value was not truncated.`);
  }

  private static fromPem(text: string, path: string): PublicKeyNormalization {
    const blocks = pemBlocks(text);
    if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) return privateGiven(path);
    if (blocks.length !== 1) {
      return failure(PUBLIC_KEY_CODES.MULTIPLE, path, `${blocks.length} PEM blocks`,
        `${path} holds ${blocks.length} PEM blocks (${blocks.map((b) => b.label).join(', ') || 'none complete'}).`,
        `pass one key or one certificate per PublicKeyPolicyType policy; several keys need several policies listed under one BackendServerAuthenticationPolicyType policy.`);
    }
    const block = blocks[0];
    if (block.label === 'CERTIFICATE') {
      const cert = parseCertificate(block.text);
      if (cert) return success(cert.publicKey);
    } else if (block.label === 'PUBLIC KEY' || block.label === 'RSA PUBLIC KEY') {
      const key = tryKey(() => createPublicKey(block.text));
      if (key) return success(key);
    } else {
      return failure(PUBLIC_KEY_CODES.INVALID, path, `'${block.label}'`, `${path} is a '${block.label}' PEM block.`, `pass ${ACCEPTED}.`);
    }
    return failure(PUBLIC_KEY_CODES.INVALID, path, preview(block.text), `${path} is a '${block.label}' PEM block whose content does not parse.`,
      'export it again and check it was not truncated.');
  }

  private constructor() {}
}

function tryKey(make: () => KeyObject): KeyObject | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

function success(key: KeyObject): PublicKeyNormalization {
  return { publicKey: key.export({ type: 'spki', format: 'der' }).toString('base64'), findings: [] };
}

function failure(code: string, path: string, value: string, message: string, fix: string): PublicKeyNormalization {
  return { findings: [Findings.error(code, path, value, message, RULE, fix)] };
}

function privateGiven(path: string): PublicKeyNormalization {
  return failure(PUBLIC_KEY_CODES.PRIVATE_KEY_GIVEN, path, '', `${path} holds a private key (its content is not repeated here).`,
    'never share the private key: pass its public half (openssl pkey -in key.pem -pubout) or the certificate, and treat the exposed key as compromised.');
}
