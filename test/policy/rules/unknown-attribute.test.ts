import { SslNegotiationAttributes } from '../../../lib/policy/attributes/ssl-negotiation-attributes';
import { checkKnownAttribute } from '../../../lib/policy/rules/unknown-attribute';
import { expectOnly } from './expect-finding';

describe('checkKnownAttribute', () => {
  test('accepts an ELB attribute name', () => {
    expect(checkKnownAttribute('cipherPolicy.enable[0]', 'Server-Defined-Cipher-Order')).toEqual([]);
  });

  test('rejects a typo and suggests the nearest name (the style guide example)', () => {
    const f = expectOnly(checkKnownAttribute('cipherPolicy.attributes[3]', 'ECDHE-RSA-AES128-GCM-SHA265'), 'SECLB_POLICY_UNKNOWN_ATTRIBUTE',
      /^cipherPolicy\.attributes\[3\] is 'ECDHE-RSA-AES128-GCM-SHA265', which is not an SSL negotiation attribute Classic ELB knows\. Did you mean 'ECDHE-RSA-AES128-GCM-SHA256'\?$/);
    expect(f.fix).toBe("use 'ECDHE-RSA-AES128-GCM-SHA256'.");
  });
});

describe('checkKnownAttribute never suggests a weaker protocol', () => {
  test("answers 'Protocol-TLSv1.3' with what Classic ELB has and the strongest predefined policy, not 'Protocol-TLSv1.1'", () => {
    const f = expectOnly(checkKnownAttribute('enable[0]', 'Protocol-TLSv1.3'), 'SECLB_POLICY_UNKNOWN_ATTRIBUTE',
      /^enable\[0\] is 'Protocol-TLSv1\.3', but Classic ELB has no TLS 1\.3: its newest protocol is TLSv1\.2 \('Protocol-TLSv1\.2'\)\.$/);
    expect(f.fix).toBe("remove 'Protocol-TLSv1.3'; for the strongest TLS Classic ELB offers use the predefined policy ELBSecurityPolicy-TLS-1-2-2017-01 "
      + '(Protocol-TLSv1.2 only), or move to an Application or Network Load Balancer for TLS 1.3.');
    expect(`${f.message} ${f.fix}`).not.toMatch(/Did you mean|TLSv1\.1|TLSv1'/);
  });

  test('the same for other spellings of TLS 1.3', () => {
    for (const name of ['Protocol-TLSv13', 'TLSv1.3', 'Protocol-TLSv1_3']) {
      expectOnly(checkKnownAttribute('enable[0]', name), 'SECLB_POLICY_UNKNOWN_ATTRIBUTE', /but Classic ELB has no TLS 1\.3/);
    }
  });

  test('still suggests the same version written another way', () => {
    const f = expectOnly(checkKnownAttribute('enable[0]', 'protocol-tlsv1.2'), 'SECLB_POLICY_UNKNOWN_ATTRIBUTE', /Did you mean 'Protocol-TLSv1\.2'\?$/);
    expect(f.fix).toBe("use 'Protocol-TLSv1.2'.");
    expectOnly(checkKnownAttribute('enable[0]', 'Protocol-TLSv1.0'), 'SECLB_POLICY_UNKNOWN_ATTRIBUTE', /Did you mean 'Protocol-TLSv1'\?$/);
  });

  test('a version ELB has under another spelling gets it; no protocol name is answered with an older version', () => {
    expect(SslNegotiationAttributes.suggest('Protocol-TLSv1.3')).toBeUndefined();
    expect(SslNegotiationAttributes.suggest('Protocol-TLSv1.4')).toBeUndefined();
    expect(SslNegotiationAttributes.suggest('Protocol-TLSv12')).toBe('Protocol-TLSv1.2');
    expect(SslNegotiationAttributes.suggest('Protocol-SSLv3x')).toBe('Protocol-SSLv3');
  });
});
