import { checkCipherPolicyContent } from '../../../lib/policy/rules/cipher-policy-content';
import { TlsProtocol } from '../../../lib/policy/attributes/types';
import { expectOnly } from './expect-finding';

describe('checkCipherPolicyContent', () => {
  test('accepts TLS 1.2 with a GCM suite', () => {
    expect(checkCipherPolicyContent('cipherPolicy', [TlsProtocol.TLS_V1_2], ['ECDHE-RSA-AES128-GCM-SHA256'])).toEqual([]);
  });

  test('rejects no protocol', () => {
    expectOnly(checkCipherPolicyContent('cipherPolicy', [], ['AES128-SHA']), 'SECLB_POLICY_NO_PROTOCOL', /^cipherPolicy enables no protocol\.$/);
  });

  test('rejects no cipher', () => {
    expectOnly(checkCipherPolicyContent('cipherPolicy', [TlsProtocol.TLS_V1_2], []), 'SECLB_POLICY_NO_CIPHER', /^cipherPolicy enables no cipher\.$/);
  });

  test('rejects SSLv2', () => {
    expectOnly(checkCipherPolicyContent('cipherPolicy', [TlsProtocol.SSL_V2, TlsProtocol.TLS_V1_2], ['AES128-SHA']), 'SECLB_POLICY_SSLV2_UNSUPPORTED', /enables 'Protocol-SSLv2'/);
  });

  test('rejects TLS 1.0 with only TLS 1.2 suites', () => {
    expectOnly(checkCipherPolicyContent('cipherPolicy', [TlsProtocol.TLS_V1], ['ECDHE-RSA-AES128-GCM-SHA256']), 'SECLB_POLICY_NO_USABLE_CIPHER_FOR_PROTOCOLS',
      /enables only ciphers that need a newer protocol than any it enables \(Protocol-TLSv1\)/);
  });
});
