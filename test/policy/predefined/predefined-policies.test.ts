import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { SecurityPolicy } from '../../../lib/policy/predefined/security-policy';
import { CipherCatalog } from '../../../lib/policy/attributes/cipher-catalog';
import { TlsProtocol } from '../../../lib/policy/attributes/types';

const P = TlsProtocol;

// The documented summary (elb-facts §2.1): protocols, server order and cipher count per policy.
const SUMMARY: Array<[SecurityPolicy, TlsProtocol[], boolean, number]> = [
  [SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, [P.TLS_V1_2], true, 12],
  [SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_1_2017_01, [P.TLS_V1_1, P.TLS_V1_2], true, 18],
  [SecurityPolicy.ELB_SECURITY_POLICY_2016_08, [P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 18],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_05, [P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 19],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_03, [P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 21],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_02, [P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 20],
  [SecurityPolicy.ELB_SECURITY_POLICY_2014_10, [P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 22],
  [SecurityPolicy.ELB_SECURITY_POLICY_2014_01, [P.SSL_V3, P.TLS_V1, P.TLS_V1_1, P.TLS_V1_2], true, 22],
  [SecurityPolicy.ELB_SECURITY_POLICY_2011_08, [P.SSL_V3, P.TLS_V1], false, 16],
  [SecurityPolicy.ELB_SAMPLE_ELB_DEFAULT_CIPHER_POLICY, [P.SSL_V3, P.TLS_V1], false, 44],
  [SecurityPolicy.ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY, [P.SSL_V3, P.TLS_V1], false, 5],
];

// The documented differences between consecutive versions (elb-facts §2.4), an independent cross-check of the matrix.
const STEPS: Array<[SecurityPolicy, SecurityPolicy, string[], string[]]> = [
  [SecurityPolicy.ELB_SECURITY_POLICY_2011_08, SecurityPolicy.ELB_SECURITY_POLICY_2014_01,
    ['Protocol-TLSv1.1', 'Protocol-TLSv1.2', 'Server-Defined-Cipher-Order',
      ...[1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18].map((n) => CipherCatalog.all()[n - 1].name), 'ECDHE-RSA-RC4-SHA'],
    ['CAMELLIA128-SHA', 'CAMELLIA256-SHA', 'EDH-RSA-DES-CBC3-SHA', 'EDH-DSS-DES-CBC3-SHA', 'DES-CBC3-SHA', 'DHE-RSA-AES256-SHA',
      'DHE-DSS-AES256-SHA', 'DHE-RSA-CAMELLIA256-SHA', 'DHE-DSS-CAMELLIA256-SHA', 'DHE-RSA-CAMELLIA128-SHA', 'DHE-DSS-CAMELLIA128-SHA']],
  [SecurityPolicy.ELB_SECURITY_POLICY_2014_01, SecurityPolicy.ELB_SECURITY_POLICY_2014_10, [], ['Protocol-SSLv3']],
  [SecurityPolicy.ELB_SECURITY_POLICY_2014_10, SecurityPolicy.ELB_SECURITY_POLICY_2015_02, [], ['ECDHE-RSA-RC4-SHA', 'RC4-SHA']],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_02, SecurityPolicy.ELB_SECURITY_POLICY_2015_03, ['DES-CBC3-SHA'], []],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_03, SecurityPolicy.ELB_SECURITY_POLICY_2015_05, [], ['DHE-RSA-AES128-SHA', 'DHE-DSS-AES128-SHA']],
  [SecurityPolicy.ELB_SECURITY_POLICY_2015_05, SecurityPolicy.ELB_SECURITY_POLICY_2016_08, [], ['DES-CBC3-SHA']],
  [SecurityPolicy.ELB_SECURITY_POLICY_2016_08, SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_1_2017_01, [], ['Protocol-TLSv1']],
  [SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_1_2017_01, SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01, [],
    ['Protocol-TLSv1.1', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'ECDHE-RSA-AES256-SHA', 'ECDHE-ECDSA-AES256-SHA', 'AES128-SHA', 'AES256-SHA']],
];

function enabledSet(policy: SecurityPolicy): Set<string> {
  const d = PredefinedPolicies.definition(policy);
  return new Set<string>([...d.protocols, ...(d.serverDefinedCipherOrder ? ['Server-Defined-Cipher-Order'] : []), ...d.ciphers]);
}

describe('PredefinedPolicies', () => {
  test('lists the eleven Classic policies and nothing from ALB/NLB', () => {
    expect(PredefinedPolicies.all()).toHaveLength(11);
    expect(PredefinedPolicies.find('ELBSecurityPolicy-TLS13-1-2-2021-06')).toBeUndefined();
    expect(PredefinedPolicies.find('ELBSecurityPolicy-FS-2018-06')).toBeUndefined();
  });

  test('ELBSecurityPolicy-2016-08 is the default for a new HTTPS/SSL listener', () => {
    expect(PredefinedPolicies.DEFAULT).toBe('ELBSecurityPolicy-2016-08');
  });

  test.each(SUMMARY)('%s has the documented protocols, server order and cipher count', (name, protocols, order, count) => {
    const d = PredefinedPolicies.definition(name);
    expect(d.protocols).toEqual(protocols);
    expect(d.serverDefinedCipherOrder).toBe(order);
    expect(d.ciphers).toHaveLength(count);
    expect(d.ciphers).toEqual(CipherCatalog.sortByCatalog(d.ciphers));
    d.ciphers.forEach((c) => expect(CipherCatalog.isCipher(c)).toBe(true));
  });

  test.each(STEPS)('%s -> %s adds and removes exactly what AWS documents', (from, to, added, removed) => {
    const a = enabledSet(from);
    const b = enabledSet(to);
    expect([...b].filter((x) => !a.has(x)).sort()).toEqual([...added].sort());
    expect([...a].filter((x) => !b.has(x)).sort()).toEqual([...removed].sort());
  });

  test('ELBSecurityPolicy-TLS-1-2-2017-01 is exactly the AWS table', () => {
    expect(PredefinedPolicies.definition(SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01).ciphers).toEqual([
      'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384',
      'AES128-GCM-SHA256', 'AES128-SHA256', 'AES256-GCM-SHA384', 'AES256-SHA256',
    ]);
  });

  test('the samples answer to their older names too', () => {
    expect(PredefinedPolicies.find('ELBSample-ELBDefaultNegotiationPolicy')?.name).toBe('ELBSample-ELBDefaultCipherPolicy');
    expect(PredefinedPolicies.find('ELBSample-OpenSSLDefaultNegotiationPolicy')?.ciphers)
      .toEqual(['AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA', 'RC4-SHA', 'RC4-MD5']);
  });

  test('only the 2014-2015 generations list Protocol-SSLv2', () => {
    const listing = PredefinedPolicies.all().filter((p) => p.listsSslV2).map((p) => p.name);
    expect(listing.sort()).toEqual(['ELBSecurityPolicy-2011-08', 'ELBSecurityPolicy-2014-01', 'ELBSecurityPolicy-2014-10',
      'ELBSecurityPolicy-2015-02', 'ELBSecurityPolicy-2015-03', 'ELBSecurityPolicy-2015-05']);
  });
});
