import { parseHealthCheckTarget } from '../../../../provider/engine/health/health-check-target';

describe('health-check targets', () => {
  test.each([
    ['HTTP:80/index.html', { protocol: 'HTTP', port: 80, path: '/index.html' }],
    ['https:443/', { protocol: 'HTTPS', port: 443, path: '/' }],
    ['TCP:5000', { protocol: 'TCP', port: 5000, path: '' }],
    ['SSL:8443', { protocol: 'SSL', port: 8443, path: '' }],
  ])('accepts %s', (text, expected) => {
    expect(parseHealthCheckTarget(text)).toEqual(expected);
  });
  test.each(['HTTP:80', 'TCP:80/x', 'UDP:53', 'HTTP:0/', 'HTTP:70000/'])('refuses %s', (text) => {
    expect(parseHealthCheckTarget(text)).toBeUndefined();
  });
});
