import { checkListenerCertificate } from '../../../lib/policy/rules/listener-certificate';
import { expectOnly } from './expect-finding';

describe('checkListenerCertificate', () => {
  test('accepts HTTPS with a certificate and HTTP without', () => {
    expect(checkListenerCertificate('listeners[1]', 'HTTPS', 'testCert')).toEqual([]);
    expect(checkListenerCertificate('listeners[0]', 'HTTP')).toEqual([]);
  });

  test('rejects SSL without a certificate', () => {
    const f = expectOnly(checkListenerCertificate('listeners[1]', 'SSL'), 'SECLB_LISTENER_CERTIFICATE_REQUIRED',
      /^listeners\[1\]\.sslCertificateId is missing but listeners\[1\]\.protocol is 'SSL'\.$/);
    expect(f.fix).toMatch(/change listeners\[1\]\.protocol to 'TCP'/);
  });

  test('rejects a certificate on a TCP listener', () => {
    expectOnly(checkListenerCertificate('listeners[0]', 'TCP', 'arn:aws:iam::123456789012:server-certificate/x'), 'SECLB_LISTENER_CERTIFICATE_UNEXPECTED',
      /^listeners\[0\]\.sslCertificateId is 'arn:aws:iam::123456789012:server-certificate\/x' but listeners\[0\]\.protocol is 'TCP', which does not use a certificate\.$/);
  });
});
