import { CipherCatalog } from '../../../lib/policy/attributes/cipher-catalog';
import { CertificateKeyType, CipherStrength, NodeTlsSupport, TlsProtocol } from '../../../lib/policy/attributes/types';

describe('CipherCatalog', () => {
  test('holds the 88 cipher attributes ELB documents, in catalog order', () => {
    const names = CipherCatalog.names();
    expect(names).toHaveLength(88);
    expect(new Set(names).size).toBe(88);
    expect(names[0]).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
    expect(names[6]).toBe('DHE-RSA-AES128-SHA');
    expect(names[87]).toBe('EXP-KRB5-RC4-MD5');
    CipherCatalog.all().forEach((s, i) => expect(s.catalogPosition).toBe(i + 1));
  });

  test('classifies 6 strong, 35 legacy and 47 weak suites, and none is NULL-encryption', () => {
    const count = (s: CipherStrength) => CipherCatalog.all().filter((c) => c.strength === s).length;
    expect([count(CipherStrength.STRONG), count(CipherStrength.LEGACY), count(CipherStrength.WEAK)]).toEqual([6, 35, 47]);
    expect(CipherCatalog.all().some((c) => /NULL/.test(c.encryption))).toBe(false);
  });

  test('records that 46 suites can be negotiated by Node 20 / OpenSSL 3.0 and 42 are absent', () => {
    const absent = CipherCatalog.all().filter((c) => c.nodeSupport === NodeTlsSupport.ABSENT);
    expect(absent).toHaveLength(42);
    expect(absent.map((c) => c.name)).toEqual(expect.arrayContaining(['RC4-SHA', 'DES-CBC3-SHA', 'EXP-RC4-MD5', 'SEED-SHA', 'IDEA-CBC-SHA']));
  });

  test('carries IANA names, code points and the properties of each suite', () => {
    expect(CipherCatalog.find('ECDHE-RSA-AES128-GCM-SHA256')).toMatchObject({
      ianaName: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', code: '0xC02F', keyExchange: 'ECDHE',
      minimumProtocol: TlsProtocol.TLS_V1_2, forwardSecrecy: true, strength: CipherStrength.STRONG,
      certificateKeyType: CertificateKeyType.RSA,
    });
    expect(CipherCatalog.find('DES-CBC3-SHA')).toMatchObject({ strength: CipherStrength.WEAK, weaknesses: ['3DES (64-bit block)'] });
    expect(CipherCatalog.find('DES-CBC3-MD5')?.ianaName).toBe('');
  });

  test('keeps ELB\'s EDH- spelling and knows the OpenSSL 1.1 name', () => {
    expect(CipherCatalog.find('EDH-RSA-DES-CBC3-SHA')?.opensslName).toBe('DHE-RSA-DES-CBC3-SHA');
    expect(CipherCatalog.isCipher('DHE-RSA-DES-CBC3-SHA')).toBe(false);
  });

  test('sorts names into catalog order', () => {
    expect(CipherCatalog.sortByCatalog(['AES256-SHA', 'DHE-RSA-AES256-SHA', 'ECDHE-RSA-AES128-GCM-SHA256']))
      .toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'AES256-SHA', 'DHE-RSA-AES256-SHA']);
  });
});
