import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** Sample "OpenSSL default" configuration (5 ciphers, SSL 3.0 and TLS 1.0). */
export const ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY,
  aliases: ['ELBSample-OpenSSLDefaultNegotiationPolicy'],
  summary: 'Sample \"OpenSSL default\" configuration (5 ciphers, SSL 3.0 and TLS 1.0).',
  protocols: [TlsProtocol.SSL_V3, TlsProtocol.TLS_V1],
  serverDefinedCipherOrder: false,
  listsSslV2: false,
  ciphers: [
    'AES128-SHA',
    'AES256-SHA',
    'DES-CBC3-SHA',
    'RC4-SHA',
    'RC4-MD5',
  ],
};
