import { assertNoUnacknowledgedWarnings, DEPLOY_CODES, planDeployment } from '../../../../provider/deploy';

const base = planDeployment({ loadBalancers: [] }, { loadBalancers: [] }, { stack: 'web' });
const open = { ruleId: 'SECLB_WARN_SSLV3_ENABLED', constructPath: 'web/Tls', message: "policy enables 'Protocol-SSLv3'", acknowledged: false };
const acked = { ruleId: 'SECLB_WARN_TLS10_ENABLED', constructPath: 'web/Tls', message: "policy enables 'Protocol-TLSv1'", acknowledged: true, reason: 'kiosks' };

test('strict mode fails on an unacknowledged warning, listing it', () => {
  expect(() => assertNoUnacknowledgedWarnings({ ...base, warnings: [open, acked] })).toThrow(expect.objectContaining({
    code: DEPLOY_CODES.UNACKNOWLEDGED_WARNINGS,
    message: expect.stringMatching(/^SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS: stack 'web' has 1 unacknowledged security warning\(s\):\n  - SECLB_WARN_SSLV3_ENABLED on web\/Tls: policy enables 'Protocol-SSLv3'\n.*Fix: /s),
  }));
});

test('strict mode passes when every warning is acknowledged, or there are none', () => {
  expect(() => assertNoUnacknowledgedWarnings({ ...base, warnings: [acked] })).not.toThrow();
  expect(() => assertNoUnacknowledgedWarnings({ ...base, warnings: [] })).not.toThrow();
});
