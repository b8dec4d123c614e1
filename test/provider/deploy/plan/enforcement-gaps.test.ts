import { SecurityPolicy } from '../../../../lib/policy';
import { TlsCapabilitySets } from '../../../../lib/policy/tls/tls-capabilities';
import { capabilitiesFromStatus, enforcementGaps } from '../../../../provider/deploy';
import { sslPolicy, walkthrough } from '../fixtures/documents';

const NODE = TlsCapabilitySets.documentedNode20();

test('a listener whose policy enables SSL 3.0, RC4 and 3DES shows exactly those as not enforceable', () => {
  const weak = sslPolicy({ enable: ['Protocol-SSLv3', 'RC4-SHA', 'DES-CBC3-SHA', 'Protocol-TLSv1'] }, 'Weak');
  const doc = walkthrough({}, weak);
  const report = enforcementGaps([doc], NODE);
  expect(report.capabilitySource).toBe(NODE.source);
  expect(report.listeners).toHaveLength(1);
  const [gap] = report.listeners;
  expect(gap).toMatchObject({ loadBalancer: doc.name, port: 443, policyName: weak.policyName, canNegotiate: true });
  const names = gap.unenforceable.map((u) => u.attribute);
  expect(names).toEqual(expect.arrayContaining(['Protocol-SSLv3', 'RC4-SHA', 'DES-CBC3-SHA']));
  expect(names).not.toContain('Protocol-TLSv1');
  for (const u of gap.unenforceable) expect(u.reason).toMatch(/\S/);
});

test('a policy this OpenSSL can enforce entirely, and HTTP listeners, have no gap', () => {
  const strict = sslPolicy({ basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 }, 'Strict');
  expect(enforcementGaps([walkthrough({}, strict)], NODE).listeners).toEqual([]);
});

test('the capability report is read from /v1/status, or is absent', () => {
  expect(capabilitiesFromStatus({ tls: { capabilities: NODE } })).toEqual(NODE);
  expect(capabilitiesFromStatus({})).toBeUndefined();
  expect(capabilitiesFromStatus({ tls: { capabilities: { protocols: 'x' } } })).toBeUndefined();
});
