import { SslNegotiationAttributes } from '../../../lib/policy/attributes/ssl-negotiation-attributes';

describe('SslNegotiationAttributes', () => {
  test('knows the 5 protocols, the two options and the 88 ciphers', () => {
    expect(SslNegotiationAttributes.names()).toHaveLength(95);
    expect(SslNegotiationAttributes.isKnown('Protocol-TLSv1.2')).toBe(true);
    expect(SslNegotiationAttributes.isKnown('protocol-tlsv1.2')).toBe(false);
  });

  test.each([
    ['Server-Order-Preference', 'Server-Defined-Cipher-Order'],
    ['ECDHE-RSA-AES128-GCM-SHA265', 'ECDHE-RSA-AES128-GCM-SHA256'],
    ['Protocol-TLSv1.0', 'Protocol-TLSv1'],
    ['ecdhe-rsa-aes128-sha', 'ECDHE-RSA-AES128-SHA'],
    ['Server-Defined-Order', 'Server-Defined-Cipher-Order'],
  ])('suggests %s -> %s', (typo, expected) => {
    expect(SslNegotiationAttributes.suggest(typo)).toBe(expected);
  });

  test('suggests nothing for a distant name', () => {
    expect(SslNegotiationAttributes.suggest('Banana')).toBeUndefined();
  });
});
