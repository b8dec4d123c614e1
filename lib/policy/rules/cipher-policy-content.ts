import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { TlsProtocol } from '../attributes/types';
import { Finding, Findings } from '../findings';

/** Codes of the cipher-policy content rules. */
export const CIPHER_POLICY_CONTENT_CODES = {
  NO_PROTOCOL: 'SECLB_POLICY_NO_PROTOCOL',
  NO_CIPHER: 'SECLB_POLICY_NO_CIPHER',
  NO_USABLE_PAIR: 'SECLB_POLICY_NO_USABLE_CIPHER_FOR_PROTOCOLS',
  SSLV2: 'SECLB_POLICY_SSLV2_UNSUPPORTED',
} as const;

/**
 * ELB's content rules for a custom SSL negotiation policy: at least one protocol and one cipher
 * enabled, SSL 2.0 not offered, and at least one enabled cipher that an enabled protocol can carry
 * (a TLS 1.0-only policy with only GCM suites can complete no handshake).
 */
export function checkCipherPolicyContent(path: string, protocols: TlsProtocol[], ciphers: string[]): Finding[] {
  const findings: Finding[] = [];
  if (protocols.length === 0) {
    findings.push(Findings.error(CIPHER_POLICY_CONTENT_CODES.NO_PROTOCOL, path, '[]',
      `${path} enables no protocol.`,
      'A Classic ELB SSL negotiation policy must enable at least one protocol and at least one cipher.',
      `enable at least one protocol, e.g. add '${TlsProtocol.TLS_V1_2}'.`));
  }
  if (ciphers.length === 0) {
    findings.push(Findings.error(CIPHER_POLICY_CONTENT_CODES.NO_CIPHER, path, '[]',
      `${path} enables no cipher.`,
      'A Classic ELB SSL negotiation policy must enable at least one protocol and at least one cipher.',
      "enable at least one cipher, e.g. 'ECDHE-RSA-AES128-GCM-SHA256', or start from a predefined policy with basedOn."));
  }
  if (protocols.includes(TlsProtocol.SSL_V2)) {
    findings.push(Findings.error(CIPHER_POLICY_CONTENT_CODES.SSLV2, `${path}.${TlsProtocol.SSL_V2}`, "'true'",
      `${path} enables '${TlsProtocol.SSL_V2}'.`,
      'SSL 2.0 is broken (DROWN), forbidden by RFC 6176, and no longer listed by ELB.',
      `remove '${TlsProtocol.SSL_V2}' from the enabled attributes.`));
  }
  if (protocols.length > 0 && ciphers.length > 0) {
    const newest = Math.max(...protocols.map((p) => TlsProtocols.find(p)!.rank));
    const usable = ciphers.some((c) => {
      const suite = CipherCatalog.find(c);
      return suite !== undefined && TlsProtocols.find(suite.minimumProtocol)!.rank <= newest;
    });
    if (!usable) {
      findings.push(Findings.error(CIPHER_POLICY_CONTENT_CODES.NO_USABLE_PAIR, path, `'${ciphers.join(',')}'`,
        `${path} enables only ciphers that need a newer protocol than any it enables (${protocols.join(', ')}).`,
        'Every handshake needs a cipher the negotiated protocol can carry; TLS 1.2-only suites (GCM, SHA-256/384) never work on TLS 1.0/1.1.',
        `enable '${TlsProtocol.TLS_V1_2}' or a cipher that older protocols carry, e.g. 'ECDHE-RSA-AES128-SHA'.`));
    }
  }
  return findings;
}
