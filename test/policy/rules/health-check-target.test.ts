import { checkHealthCheckTarget } from '../../../lib/policy/rules/health-check-target';
import { expectOnly } from './expect-finding';

const P = 'healthCheck.target';

describe('checkHealthCheckTarget', () => {
  test.each(['HTTP:8080/ping', 'HTTPS:443/', 'TCP:80', 'SSL:443', 'http:80/index.html'])('accepts %s', (t) => {
    expect(checkHealthCheckTarget(P, t)).toEqual([]);
  });

  test('rejects an HTTP target without a path', () => {
    const f = expectOnly(checkHealthCheckTarget(P, 'HTTP:8080'), 'SECLB_HC_TARGET_INVALID', /^healthCheck\.target is 'HTTP:8080', which has no path after the port/);
    expect(f.fix).toBe("add a path, e.g. 'HTTP:8080/'.");
  });

  test('rejects a TCP target with a path', () => {
    expectOnly(checkHealthCheckTarget(P, 'TCP:80/ping'), 'SECLB_HC_TARGET_INVALID', /but TCP checks only open a connection and take no path/);
  });

  test('rejects an unknown protocol', () => {
    expectOnly(checkHealthCheckTarget(P, 'UDP:53'), 'SECLB_HC_TARGET_INVALID', /whose protocol 'UDP' is not TCP, SSL, HTTP or HTTPS/);
  });

  test('rejects port 0', () => {
    expectOnly(checkHealthCheckTarget(P, 'TCP:0'), 'SECLB_HC_TARGET_INVALID', /whose port '0' is not from 1 to 65535/);
  });

  test('rejects a target without a port', () => {
    expectOnly(checkHealthCheckTarget(P, '/ping'), 'SECLB_HC_TARGET_INVALID', /does not start with a protocol and a port/);
  });

  test('rejects a target over 1024 characters', () => {
    expectOnly(checkHealthCheckTarget(P, `HTTP:80/${'a'.repeat(1017)}`), 'SECLB_HC_TARGET_TOO_LONG', /^healthCheck\.target is 1025 characters long\.$/);
    expect(checkHealthCheckTarget(P, `HTTP:80/${'a'.repeat(1016)}`)).toEqual([]);
  });
});
