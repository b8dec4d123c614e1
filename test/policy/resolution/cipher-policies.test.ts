import { TlsProtocol } from '../../../lib/policy/attributes/types';
import { SecurityPolicy } from '../../../lib/policy/predefined/security-policy';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';

const WALKTHROUGH = { enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'] };

function attr(policy: { attributes: Array<{ name: string; value: string }> }, name: string): string | undefined {
  return policy.attributes.find((a) => a.name === name)?.value;
}

describe('CipherPolicies.resolve', () => {
  test('resolves the walk-through example (default policy + TLSv1 + DHE-RSA-AES256-SHA, SSLv3 off) to the complete explicit set', () => {
    const { policy, findings } = CipherPolicies.resolve(WALKTHROUGH);
    expect(findings).toEqual([]);
    expect(policy!.basedOn).toBe('ELBSecurityPolicy-2016-08');
    expect(policy!.protocols).toEqual([TlsProtocol.TLS_V1, TlsProtocol.TLS_V1_1, TlsProtocol.TLS_V1_2]);
    const base = PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_2016_08).ciphers;
    expect(policy!.ciphers).toEqual([...base, 'DHE-RSA-AES256-SHA']);
    expect(policy!.serverDefinedCipherOrder).toBe(true);
    // 4 protocols (SSLv3..TLSv1.2), Server-Defined-Cipher-Order and all 88 ciphers, each explicit.
    expect(policy!.attributes).toHaveLength(93);
    expect(policy!.attributes.slice(0, 5)).toEqual([
      { name: 'Protocol-SSLv3', value: 'false' },
      { name: 'Protocol-TLSv1', value: 'true' },
      { name: 'Protocol-TLSv1.1', value: 'true' },
      { name: 'Protocol-TLSv1.2', value: 'true' },
      { name: 'Server-Defined-Cipher-Order', value: 'true' },
    ]);
    expect(attr(policy!, 'DHE-RSA-AES256-SHA')).toBe('true');
    expect(attr(policy!, 'RC4-SHA')).toBe('false');
    expect(policy!.attributes.filter((a) => a.value === 'true')).toHaveLength(3 + 1 + 19);
  });

  test('has a stable content hash (a change here renames every deployed policy)', () => {
    const { policy } = CipherPolicies.resolve(WALKTHROUGH);
    expect(policy!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(policy!.contentHash).toBe(CipherPolicies.resolve(WALKTHROUGH).policy!.contentHash);
    expect(policy!.contentHash).toMatchSnapshot();
  });

  test('equal content means an equal hash, however it was written', () => {
    const relative = CipherPolicies.resolve({ basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }).policy!;
    const explicit = CipherPolicies.resolve({
      protocols: [TlsProtocol.TLS_V1_2],
      ciphers: [...PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01).ciphers].reverse(),
      serverDefinedCipherOrder: true,
    }).policy!;
    expect(explicit.contentHash).toBe(relative.contentHash);
    expect(explicit.ciphers).toEqual(relative.ciphers);
    expect(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01).contentHash).toBe(relative.contentHash);
  });

  test('the explicit form defaults to server order', () => {
    const { policy } = CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1_2], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] });
    expect(policy!.serverDefinedCipherOrder).toBe(true);
    expect(policy!.basedOn).toBeUndefined();
  });

  test('serverDefinedCipherOrder overrides the base policy', () => {
    const { policy } = CipherPolicies.resolve({ serverDefinedCipherOrder: false });
    expect(attr(policy!, 'Server-Defined-Cipher-Order')).toBe('false');
  });

  test('rejects an unknown attribute and suggests the nearest name', () => {
    const { policy, findings } = CipherPolicies.resolve({ enable: ['Server-Order-Preference'] }, 'cipherPolicy');
    expect(policy).toBeUndefined();
    expect(findings[0].code).toBe('SECLB_POLICY_UNKNOWN_ATTRIBUTE');
    expect(findings[0].path).toBe('cipherPolicy.enable[0]');
    expect(findings[0].message).toMatch(/cipherPolicy\.enable\[0\] is 'Server-Order-Preference'.*Did you mean 'Server-Defined-Cipher-Order'\?/);
  });

  test('rejects a name both enabled and disabled', () => {
    const { findings } = CipherPolicies.resolve({ enable: ['Protocol-TLSv1'], disable: ['Protocol-TLSv1'] });
    expect(findings.map((f) => f.code)).toEqual(['SECLB_POLICY_ENABLE_DISABLE_CONFLICT']);
    expect(findings[0].message).toMatch(/cipherPolicy.enable\[0\] is 'Protocol-TLSv1', which cipherPolicy.disable also lists/);
  });

  test('rejects mixing the explicit and relative forms', () => {
    const { findings } = CipherPolicies.resolve({ basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08, protocols: [TlsProtocol.TLS_V1_2] });
    expect(findings[0].code).toBe('SECLB_POLICY_MIXED_FORMS');
    expect(findings[0].message).toMatch(/mixes the explicit form/);
  });

  test('rejects a policy with no protocol or no cipher (ELB: at least one of each)', () => {
    const noProtocol = CipherPolicies.resolve({ protocols: [], ciphers: ['AES128-SHA'] }).findings;
    expect(noProtocol.map((f) => f.code)).toEqual(['SECLB_POLICY_NO_PROTOCOL']);
    expect(noProtocol[0].message).toMatch(/enables no protocol/);
    const noCipher = CipherPolicies.resolve({ disable: PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_2016_08).ciphers }).findings;
    expect(noCipher.map((f) => f.code)).toEqual(['SECLB_POLICY_NO_CIPHER']);
  });

  test('rejects a policy whose ciphers no enabled protocol can carry', () => {
    const { findings } = CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] });
    expect(findings[0].code).toBe('SECLB_POLICY_NO_USABLE_CIPHER_FOR_PROTOCOLS');
    expect(findings[0].message).toMatch(/only ciphers that need a newer protocol/);
  });

  test('rejects SSL 2.0', () => {
    const { findings } = CipherPolicies.resolve({ enable: ['Protocol-SSLv2'] });
    expect(findings[0].code).toBe('SECLB_POLICY_SSLV2_UNSUPPORTED');
  });

  test('rejects a cipher in the protocols list and Reference-Security-Policy in enable', () => {
    expect(CipherPolicies.resolve({ protocols: ['AES128-SHA' as TlsProtocol], ciphers: ['AES128-SHA'] }).findings[0].code).toBe('SECLB_POLICY_NOT_A_PROTOCOL');
    expect(CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1_2], ciphers: ['Protocol-TLSv1'] }).findings[0].code).toBe('SECLB_POLICY_NOT_A_CIPHER');
    expect(CipherPolicies.resolve({ enable: ['Reference-Security-Policy'] }).findings[0].code).toBe('SECLB_POLICY_REFERENCE_IN_LIST');
  });

  test('rejects an unknown predefined policy, naming the Classic ones', () => {
    const { findings } = CipherPolicies.resolve({ basedOn: 'ELBSecurityPolicy-TLS13-1-2-2021-06' as SecurityPolicy });
    expect(findings[0].code).toBe('SECLB_POLICY_UNKNOWN_PREDEFINED');
    expect(findings[0].rule).toMatch(/ELBSecurityPolicy-2016-08/);
  });
});

describe('CipherPolicies.fromAttributes', () => {
  test('expands Reference-Security-Policy and applies explicit overrides', () => {
    const { policy, findings } = CipherPolicies.fromAttributes([
      { name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2016-08' },
      { name: 'Protocol-TLSv1', value: 'false' },
    ]);
    expect(findings).toEqual([]);
    expect(policy!.contentHash).toBe(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_1_2017_01).contentHash);
  });

  test('round-trips the canonical attribute set', () => {
    const resolved = CipherPolicies.resolve(WALKTHROUGH).policy!;
    expect(CipherPolicies.fromAttributes(resolved.attributes).policy!.contentHash).toBe(resolved.contentHash);
  });

  test('rejects non-boolean values and duplicates', () => {
    const { findings } = CipherPolicies.fromAttributes([
      { name: 'Protocol-TLSv1.2', value: 'True' },
      { name: 'AES128-SHA', value: 'true' },
      { name: 'AES128-SHA', value: 'false' },
    ]);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SECLB_POLICY_BAD_BOOLEAN', 'SECLB_POLICY_DUPLICATE_ATTRIBUTE']));
    expect(findings.find((f) => f.code === 'SECLB_POLICY_BAD_BOOLEAN')!.message).toMatch(/attributes\[0\]\.value is 'True'/);
  });
});

describe('CipherPolicies.policyName', () => {
  test('is the stem plus the short content hash, letters digits and hyphens only', () => {
    expect(CipherPolicies.policyName('My_SSL policy', 'abcdef0123456789')).toBe('My-SSL-policy-abcdef01');
  });
});
