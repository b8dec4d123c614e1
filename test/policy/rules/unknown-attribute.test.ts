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
