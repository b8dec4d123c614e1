import { TlsVersionNegotiation } from '../../../lib/policy/tls/tls-version-negotiation';

describe('TlsVersionNegotiation.choose: the highest version both sides have, among the enabled ones', () => {
  const gap = ['TLSv1', 'TLSv1.2'];

  test.each([
    [['TLSv1.3', 'TLSv1.2'], 'TLSv1.2'],
    [['TLSv1.2', 'TLSv1.1', 'TLSv1', 'SSLv3'], 'TLSv1.2'],
    [['TLSv1.1', 'TLSv1', 'SSLv3'], 'TLSv1'],
    [['TLSv1', 'SSLv3'], 'TLSv1'],
  ])('a client offering %j gets %s from a listener with TLS 1.0 and 1.2', (offered, chosen) => {
    expect(TlsVersionNegotiation.choose(gap, offered)).toBe(chosen);
  });

  test('a client offering no enabled version gets none (the handshake is refused)', () => {
    expect(TlsVersionNegotiation.choose(gap, ['TLSv1.3'])).toBeUndefined();
    expect(TlsVersionNegotiation.choose(gap, ['TLSv1.1'])).toBeUndefined();
    expect(TlsVersionNegotiation.choose(['TLSv1.2'], ['TLSv1.1', 'TLSv1', 'SSLv3'])).toBeUndefined();
    expect(TlsVersionNegotiation.choose([], ['TLSv1.2'])).toBeUndefined();
  });

  test('the order of the offer does not matter', () => {
    expect(TlsVersionNegotiation.choose(['TLSv1', 'TLSv1.1'], ['TLSv1', 'TLSv1.1'])).toBe('TLSv1.1');
  });
});
