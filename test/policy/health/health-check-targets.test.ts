import { HealthCheckTargets } from '../../../lib/policy/health/health-check-targets';

describe('HealthCheckTargets.parse', () => {
  test.each([
    ['HTTP:8080/ping', { protocol: 'HTTP', port: 8080, path: '/ping' }],
    ['https:443/', { protocol: 'HTTPS', port: 443, path: '/' }],
    ['TCP:5000', { protocol: 'TCP', port: 5000, path: '' }],
    ['ssl:8443', { protocol: 'SSL', port: 8443, path: '' }],
  ])('splits %s', (text, expected) => {
    expect(HealthCheckTargets.parse(text)).toEqual(expected);
  });

  test.each(['', 'HTTP:80', 'TCP:80/x', 'UDP:53', 'HTTP:0/', 'HTTP:70000/', `HTTP:80/${'a'.repeat(1100)}`])('refuses what the rule rejects: %s', (text) => {
    expect(HealthCheckTargets.parse(text)).toBeUndefined();
  });
});
