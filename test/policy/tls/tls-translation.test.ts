import { createSecureContext } from 'tls';
import { TlsProtocol } from '../../../lib/policy/attributes/types';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { SecurityPolicy } from '../../../lib/policy/predefined/security-policy';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { TlsCapabilitySets } from '../../../lib/policy/tls/tls-capabilities';
import { TlsTranslation } from '../../../lib/policy/tls/tls-translation';

const translate = (p: SecurityPolicy) => TlsTranslation.translate(CipherPolicies.fromPredefined(p));

describe('TlsTranslation', () => {
  test('TLS-1-2-2017-01: TLS 1.2 only at the default security level, in catalog order, server order', () => {
    const s = translate(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01);
    expect(s).toMatchObject({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', disabledVersions: [], securityLevel: 2, honorCipherOrder: true, needsDhParameters: false, unenforceable: [], canNegotiate: true });
    expect(s.cipherString.split(':')).toEqual(PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01).ciphers);
  });

  test('2016-08: TLS 1.0 needs security level 0, which the cipher string carries', () => {
    const s = translate(SecurityPolicy.ELB_SECURITY_POLICY_2016_08);
    expect(s.minVersion).toBe('TLSv1');
    expect(s.securityLevel).toBe(0);
    expect(s.cipherString.startsWith('ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:')).toBe(true);
    expect(s.cipherString.endsWith(':@SECLEVEL=0')).toBe(true);
    expect(s.conditions).toEqual(expect.arrayContaining([{ cipher: 'ECDHE-ECDSA-AES128-GCM-SHA256', condition: 'needs an ECDSA (EC) certificate' }]));
  });

  test('a hole in the protocol ladder (TLS 1.0 and 1.2, not 1.1) becomes a disabled version', () => {
    const policy = CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1, TlsProtocol.TLS_V1_2], ciphers: ['AES128-SHA'] }).policy!;
    const s = TlsTranslation.translate(policy);
    expect(s.minVersion).toBe('TLSv1');
    expect(s.disabledVersions).toEqual(['TLSv1.1']);
  });

  test('enabledVersions lists what is accepted, oldest first; a gap is flagged, a run is not', () => {
    const gap = TlsTranslation.translate(CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1_2, TlsProtocol.TLS_V1], ciphers: ['AES128-SHA'] }).policy!);
    expect(gap).toMatchObject({ enabledVersions: ['TLSv1', 'TLSv1.2'], versionGap: true });
    const run = TlsTranslation.translate(CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1_1, TlsProtocol.TLS_V1_2], ciphers: ['AES128-SHA'] }).policy!);
    expect(run).toMatchObject({ enabledVersions: ['TLSv1.1', 'TLSv1.2'], versionGap: false });
  });

  test('SSL 3.0, which this library cannot negotiate, neither counts as enabled nor opens a gap', () => {
    const s = TlsTranslation.translate(CipherPolicies.resolve({ protocols: [TlsProtocol.SSL_V3, TlsProtocol.TLS_V1_1], ciphers: ['AES128-SHA'] }).policy!);
    expect(s).toMatchObject({ enabledVersions: ['TLSv1.1'], versionGap: false });
    expect(s.unenforceable.map((u) => u.attribute)).toEqual(['Protocol-SSLv3']);
  });

  test('a policy that stops below TLS 1.2 switches TLS 1.2 off; TLS 1.3 is never offered', () => {
    const policy = CipherPolicies.resolve({ protocols: [TlsProtocol.TLS_V1], ciphers: ['AES128-SHA'] }).policy!;
    const s = TlsTranslation.translate(policy);
    expect(s.maxVersion).toBe('TLSv1.2');
    expect(s.disabledVersions).toEqual(['TLSv1.1', 'TLSv1.2']);
  });

  test('reports what OpenSSL 3 cannot negotiate (3DES in 2015-05) instead of dropping it silently', () => {
    const s = translate(SecurityPolicy.ELB_SECURITY_POLICY_2015_05);
    expect(s.unenforceable.map((u) => u.attribute)).toEqual(['DES-CBC3-SHA']);
    expect(s.unenforceable[0].reason).toMatch(/not available in this TLS library \(documented: Node.js 20/);
    expect(s.offeredCiphers).not.toContain('DES-CBC3-SHA');
  });

  test('reports SSL 3.0 and RC4 of 2014-01, and DHE needs DH parameters', () => {
    const s = translate(SecurityPolicy.ELB_SECURITY_POLICY_2014_01);
    expect(s.unenforceable.map((u) => u.attribute)).toEqual(['Protocol-SSLv3', 'ECDHE-RSA-RC4-SHA', 'RC4-SHA']);
    expect(s.needsDhParameters).toBe(true);
  });

  test('a policy of nothing enforceable here cannot negotiate at all', () => {
    const s = translate(SecurityPolicy.ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY);
    expect(s.offeredCiphers).toEqual(['AES128-SHA', 'AES256-SHA']);
    const only = CipherPolicies.resolve({ protocols: [TlsProtocol.SSL_V3], ciphers: ['RC4-SHA'] }).policy!;
    expect(TlsTranslation.translate(only).canNegotiate).toBe(false);
  });

  test('PSK suites are reported as unenforceable: an ELB listener has no pre-shared key', () => {
    const policy = CipherPolicies.resolve({ enable: ['PSK-AES128-CBC-SHA'] }).policy!;
    const s = TlsTranslation.translate(policy);
    expect(s.unenforceable).toEqual([{ attribute: 'PSK-AES128-CBC-SHA', reason: expect.stringMatching(/pre-shared key/) }]);
  });

  test('uses probed capabilities when given', () => {
    const caps = { ...TlsCapabilitySets.documentedNode20(), ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'], source: 'probed: test' };
    const s = TlsTranslation.translate(CipherPolicies.fromPredefined(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01), caps);
    expect(s.offeredCiphers).toEqual(['ECDHE-RSA-AES128-GCM-SHA256']);
    expect(s.unenforceable).toHaveLength(11);
  });

  test.each(PredefinedPolicies.all().map((p) => [p.name]))('this Node.js accepts the cipher string of %s', (name) => {
    const s = translate(name as SecurityPolicy);
    expect(() => createSecureContext({ ciphers: s.cipherString, minVersion: s.minVersion as any, maxVersion: s.maxVersion as any })).not.toThrow();
  });
});
