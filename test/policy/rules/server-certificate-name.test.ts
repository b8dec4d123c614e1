import { checkServerCertificateName } from '../../../lib/policy/rules/server-certificate-name';
import { ServerCertificates } from '../../../lib/policy/certificates/server-certificates';
import { expectOnly } from './expect-finding';

describe('checkServerCertificateName', () => {
  test.each([['www.example.com_2026', undefined], ['a', '/'], ['a@b=c,d+e', '/cloudfront/prod/']])('accepts %s at %s', (name, iamPath) => {
    expect(checkServerCertificateName('serverCertificate', name, iamPath)).toEqual([]);
  });

  test('rejects a name with a space and suggests one', () => {
    const f = expectOnly(checkServerCertificateName('serverCertificate', 'my cert'), 'SECLB_CERT_NAME_INVALID',
      /^serverCertificate\.name is 'my cert', which is not 1-128 characters of letters, digits and \+ = , \. @ _ -\.$/);
    expect(f.fix).toBe("use e.g. 'my-cert'.");
  });

  test('rejects a 129-character name', () => {
    expectOnly(checkServerCertificateName('serverCertificate', 'a'.repeat(129)), 'SECLB_CERT_NAME_INVALID', /is 'a{129}'/);
  });

  test('rejects a path without the closing slash', () => {
    const f = expectOnly(ServerCertificates.checkName('web', '/certs'), 'SECLB_CERT_PATH_INVALID',
      /^serverCertificate\.path is '\/certs', which is not '\/' or a path that starts and ends with '\/'\.$/);
    expect(f.fix).toBe("write it as '/certs/'.");
  });
});
