import { generateKeyPairSync, randomBytes, sign } from 'crypto';
import { Der } from './der';

/** The plugin's one-time TLS identity for AutoMTLS. */
export interface PluginCertificate {
  /** The certificate, PEM. */
  readonly certPem: string;
  /** Its private key (PKCS#8), PEM. */
  readonly keyPem: string;
  /** The certificate's DER bytes (handshake field 6 is their unpadded base64). */
  readonly certDer: Buffer;
}

const ECDSA_WITH_SHA256 = Der.sequence(Der.oid('1.2.840.10045.4.3.2'));

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return Der.sequence(Der.oid(oid), ...(critical ? [Der.boolean(true)] : []), Der.octetString(value));
}

/**
 * Issues the self-signed certificate go-plugin's AutoMTLS expects from a plugin (tfplugin6.md
 * §1.6), the same profile as go-plugin's own: `CN=localhost, O=HashiCorp`, DNS SAN `localhost`,
 * key usage digitalSignature/keyEncipherment/keyAgreement/keyCertSign, extended key usage
 * clientAuth+serverAuth, CA true, valid from 30 s ago for 30 years. ECDSA P-256 with SHA-256
 * (P-521 costs more per start and Go accepts both). Built with node:crypto alone.
 */
export function issuePluginCertificate(now: Date = new Date()): PluginCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const name = Der.sequence(
    Der.set(Der.sequence(Der.oid('2.5.4.10'), Der.utf8('HashiCorp'))),
    Der.set(Der.sequence(Der.oid('2.5.4.3'), Der.utf8('localhost'))),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const notBefore = new Date(now.getTime() - 30_000);
  const notAfter = new Date(now.getTime() + 262_980 * 3600_000);
  const extensions = Der.sequence(
    // keyUsage: digitalSignature(0) keyEncipherment(2) keyAgreement(4) keyCertSign(5) = 0b10101100, 2 unused bits.
    extension('2.5.29.15', true, Der.bitString(Buffer.from([0xac]), 2)),
    extension('2.5.29.37', false, Der.sequence(Der.oid('1.3.6.1.5.5.7.3.2'), Der.oid('1.3.6.1.5.5.7.3.1'))),
    extension('2.5.29.19', true, Der.sequence(Der.boolean(true))),
    extension('2.5.29.17', false, Der.sequence(Der.tlv(0x82, Buffer.from('localhost', 'ascii')))),
  );
  const tbs = Der.sequence(
    Der.explicit(0, Der.integer(Buffer.from([2]))),
    Der.integer(serial),
    ECDSA_WITH_SHA256,
    name,
    Der.sequence(Der.time(notBefore), Der.time(notAfter)),
    name,
    spki,
    Der.explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certDer = Der.sequence(tbs, ECDSA_WITH_SHA256, Der.bitString(signature));
  const b64 = certDer.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certDer,
  };
}
