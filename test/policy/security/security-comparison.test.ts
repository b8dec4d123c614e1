import { AttributeRisk, SecurityClassification } from '../../../lib/policy/security/attribute-classification';
import { SecurityComparison, SecurityEffect } from '../../../lib/policy/security/policy-comparison';
import { SecurityPolicy } from '../../../lib/policy/predefined/security-policy';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';

describe('SecurityClassification', () => {
  test.each([
    ['Protocol-SSLv3', AttributeRisk.WEAK, /POODLE/],
    ['Protocol-TLSv1', AttributeRisk.WEAK, /RFC 8996/],
    ['Protocol-TLSv1.1', AttributeRisk.WEAK, /RFC 8996/],
    ['Protocol-TLSv1.2', AttributeRisk.STRONG, /^$/],
    ['RC4-SHA', AttributeRisk.WEAK, /RC4/],
    ['DES-CBC3-SHA', AttributeRisk.WEAK, /3DES/],
    ['EXP-RC4-MD5', AttributeRisk.WEAK, /export/],
    ['ADH-AES128-SHA', AttributeRisk.WEAK, /anonymous/],
    ['AES128-SHA', AttributeRisk.LEGACY, /no FS/],
    ['ECDHE-RSA-AES128-GCM-SHA256', AttributeRisk.STRONG, /^$/],
  ])('%s is %s', (name, risk, reason) => {
    const c = SecurityClassification.ofAttribute(name)!;
    expect(c.risk).toBe(risk);
    expect(c.reason).toMatch(reason);
  });

  test('knows nothing of names outside the catalog', () => {
    expect(SecurityClassification.ofAttribute('Reference-Security-Policy')).toBeUndefined();
  });
});

describe('SecurityComparison', () => {
  const walkthrough = CipherPolicies.resolve({ enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'] }).policy!;

  test('dropping TLS 1.0 strengthens, and nothing weakens', () => {
    const next = CipherPolicies.resolve({ enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] }).policy!;
    const cmp = SecurityComparison.compare(walkthrough, next);
    expect(cmp.changes).toEqual([{ attribute: 'Protocol-TLSv1', before: 'true', after: 'false', effect: SecurityEffect.STRENGTHENS, reason: expect.stringMatching(/disables Protocol-TLSv1 \(weak: TLS 1.0 is deprecated/) }]);
    expect(cmp.weakens).toBe(false);
    expect(cmp.strengthens).toBe(true);
  });

  test('moving to 2015-03 weakens (3DES, DHE) and lists weakening changes first', () => {
    const cmp = SecurityComparison.compare(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01),
      CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_2015_03));
    expect(cmp.weakens).toBe(true);
    expect(cmp.changes[0].effect).toBe(SecurityEffect.WEAKENS);
    expect(cmp.changes.find((c) => c.attribute === 'DES-CBC3-SHA')).toMatchObject({ after: 'true', effect: SecurityEffect.WEAKENS });
    expect(cmp.changes.find((c) => c.attribute === 'Protocol-TLSv1')).toMatchObject({ effect: SecurityEffect.WEAKENS });
  });

  test('client cipher order weakens; disabling a strong suite weakens', () => {
    const off = CipherPolicies.resolve({ serverDefinedCipherOrder: false, disable: ['ECDHE-RSA-AES128-GCM-SHA256'] }).policy!;
    const cmp = SecurityComparison.compare(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_2016_08), off);
    expect(cmp.changes.map((c) => [c.attribute, c.effect])).toEqual([
      ['Server-Defined-Cipher-Order', SecurityEffect.WEAKENS],
      ['ECDHE-RSA-AES128-GCM-SHA256', SecurityEffect.WEAKENS],
    ]);
  });

  test('identical policies have no changes', () => {
    expect(SecurityComparison.compare(walkthrough, walkthrough).changes).toEqual([]);
  });
});
