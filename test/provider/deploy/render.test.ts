import {
  DEPLOY_CODES, MARKDOWN_MARKER, parsePlan, parsePlanFormat, planDeployment, PlanFormat, renderPlan, serializePlan,
} from '../../../provider/deploy';
import { fingerprint, NO_TLS10_SSL, sslPolicy, walkthrough } from './fixtures/documents';

const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDSECRETSECRET\n-----END PRIVATE KEY-----';
const CERTS = [{ name: 'my-server-cert', fingerprint: fingerprint('a') }];

function mixedPlan() {
  const weak = sslPolicy({ enable: ['Protocol-TLSv1', 'Protocol-SSLv3', 'DHE-RSA-AES256-SHA'] });
  const applied = walkthrough();
  return planDeployment(
    { loadBalancers: [walkthrough({}, weak), walkthrough({ name: 'second-lb' }, NO_TLS10_SSL), walkthrough({ name: 'unchanged-lb' })], serverCertificates: CERTS },
    {
      loadBalancers: [walkthrough({ idleTimeoutSeconds: 5 }), walkthrough({ name: 'second-lb' }), walkthrough({ name: 'unchanged-lb' })],
      serverCertificates: CERTS, revisions: { 'my-loadbalancer': 4, 'second-lb': 9, 'unchanged-lb': 1 },
    },
    { lastApplied: { loadBalancers: [applied, walkthrough({ name: 'second-lb' }), walkthrough({ name: 'unchanged-lb' })], serverCertificates: CERTS }, stack: 'walkthrough', createdAt: new Date('2026-01-01T00:00:00Z') });
}

describe('plan files', () => {
  test('a plan survives a JSON round trip unchanged', () => {
    const plan = mixedPlan();
    expect(parsePlan(serializePlan(plan))).toEqual(plan);
  });

  test('a plan of another format version is refused with the version named', () => {
    const text = serializePlan(mixedPlan()).replace('"formatVersion": 1', '"formatVersion": 99');
    expect(() => parsePlan(text, 'seclb-plan.json')).toThrow(expect.objectContaining({ code: DEPLOY_CODES.PLAN_VERSION, message: expect.stringMatching(/'seclb-plan.json' has formatVersion 99/) }));
  });

  test('text that is not a plan is refused', () => {
    expect(() => parsePlan('{"format_version":"1.2"}', 'tf.json')).toThrow(/SECLB_DEPLOY_PLAN_FORMAT: 'tf.json' is not a seclb plan: its kind is undefined/);
    expect(() => parsePlan('not json', 'x')).toThrow(/SECLB_DEPLOY_PLAN_FORMAT: 'x' is not a seclb plan: it is not JSON/);
  });
});

describe('redaction: key material is never rendered', () => {
  // A document that holds a private key by mistake (in a tag and in a policy attribute), and a
  // certificate summary that smuggles one in a member named privateKey.
  const leaky = walkthrough({
    tags: { team: 'edge', note: PRIVATE_KEY },
    policies: [...walkthrough().policies, { policyName: 'oops', policyTypeName: 'PublicKeyPolicyType', attributes: [{ name: 'PublicKey', value: PRIVATE_KEY }] }],
  });
  const plan = planDeployment(
    { loadBalancers: [leaky], serverCertificates: [{ name: 'my-server-cert', fingerprint: fingerprint('b'), privateKey: PRIVATE_KEY } as never] },
    { loadBalancers: [walkthrough()], serverCertificates: CERTS });

  test.each(Object.values(PlanFormat))('%s output holds no private key', (format) => {
    const out = renderPlan(plan, format);
    expect(out).not.toMatch(/SECRETSECRET/);
    expect(out).not.toMatch(/BEGIN PRIVATE KEY/);
    expect(out).toMatch(/\(redacted\)/);
  });

  test('the plan object itself holds none', () => {
    expect(JSON.stringify(plan)).not.toMatch(/SECRETSECRET/);
  });

  test('a plan file edited to hold a key is redacted when read back', () => {
    const text = serializePlan(mixedPlan()).replace('"team": "edge"', `"team": ${JSON.stringify(PRIVATE_KEY)}`);
    expect(JSON.stringify(parsePlan(text))).not.toMatch(/SECRETSECRET/);
  });
});

describe('markdown', () => {
  const md = renderPlan(mixedPlan(), PlanFormat.MARKDOWN);

  test('opens with the marker, a title and the summary table', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe(MARKDOWN_MARKER);
    expect(lines[1]).toBe('### seclb plan: `walkthrough`');
    expect(lines[3]).toMatch(/^\| Create \| Update \| Delete \| Unchanged \|/);
    expect(lines[5]).toBe('| 0 | 2 | 0 | 1 | 0 | ⚠️ 1 | 1 | 1 |');
  });

  test('calls out weakening changes right after the summary, before strengthening ones and details', () => {
    const table = md.indexOf('| Create |');
    const weak = md.indexOf('#### ⚠️ 1 change(s) weaken security');
    const strong = md.indexOf('#### ✅ 1 change(s) strengthen security');
    const details = md.indexOf('<details>');
    expect(table).toBeGreaterThan(0);
    expect(weak).toBeGreaterThan(table);
    expect(strong).toBeGreaterThan(weak);
    expect(details).toBeGreaterThan(strong);
    expect(md.slice(weak, strong)).toMatch(/\| `my-loadbalancer` \| listener 443<br>`My-SSLNegotiation-Policy-[0-9a-f]{8}` → `My-SSLNegotiation-Policy-[0-9a-f]{8}` \| `Protocol-SSLv3` \| `false` \| `true` \| enables Protocol-SSLv3 \(weak:/);
  });

  test('puts each changing load balancer in its own collapsible section, drift marked, unchanged ones left out', () => {
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(2);
    expect(md).toMatch(/<details><summary><b>my-loadbalancer<\/b>: update \(4 change\(s\), ⚠️ 1 weakening, drift\)<\/summary>/);
    expect(md).toMatch(/\| ~ \| idle timeout \(s\) \| `5` \| `60` \| drift: changed outside seclb \(last applied `60`\) \|/);
    expect(md).toMatch(/\| \+ \| policy My-SSLNegotiation-Policy-[0-9a-f]{8} \|  \| `SSLNegotiationPolicyType: SSLv3, TLSv1, TLSv1.1, TLSv1.2; 19 ciphers; server cipher order/);
    expect(md).not.toMatch(/unchanged-lb/);
  });

  test('without weakening changes there is no ⚠️ callout', () => {
    const plain = renderPlan(planDeployment({ loadBalancers: [walkthrough({}, NO_TLS10_SSL)] }, { loadBalancers: [walkthrough()] }), PlanFormat.MARKDOWN);
    expect(plain).not.toMatch(/⚠️/);
    expect(plain).toMatch(/#### ✅ 1 change\(s\) strengthen security/);
  });

  test('a plan without changes says so', () => {
    const none = renderPlan(planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [walkthrough()] }), PlanFormat.MARKDOWN);
    expect(none).toMatch(/No changes\. Live state matches the desired configuration\./);
    expect(none).not.toMatch(/<details>/);
  });
});

describe('markdown size', () => {
  test('a large plan stays within the comment limit, keeping the summary and the weakening callout', () => {
    const weak = sslPolicy({ enable: ['Protocol-TLSv1', 'Protocol-SSLv3', 'DHE-RSA-AES256-SHA'] });
    const names = Array.from({ length: 200 }, (_, i) => `lb-${i}`);
    const plan = planDeployment(
      { loadBalancers: names.map((name, i) => walkthrough({ name }, i === 0 ? weak : NO_TLS10_SSL)) },
      { loadBalancers: names.map((name) => walkthrough({ name })) });
    const md = renderPlan(plan, PlanFormat.MARKDOWN, { maxMarkdownLength: 8000 });
    expect(md.length).toBeLessThanOrEqual(8000);
    expect(md).toMatch(/\| 0 \| 200 \| 0 \| 0 \| 0 \| ⚠️ 1 \| 199 \| 0 \|/);
    expect(md).toMatch(/#### ⚠️ 1 change\(s\) weaken security\n\n\| Load balancer .*\n.*\n\| `lb-0` \|/);
    expect(md).toMatch(/_\d+ more strengthening change\(s\) left out to fit a pull-request comment\._/);
    expect(md).toMatch(/_200 more section\(s\) left out to fit a pull-request comment; the full plan is in `seclb plan --format text`/);
  });

  test('by default it stays below GitHub\'s 65,536-character limit', () => {
    const names = Array.from({ length: 300 }, (_, i) => `lb-${i}`);
    const plan = planDeployment({ loadBalancers: names.map((name) => walkthrough({ name }, NO_TLS10_SSL)) }, { loadBalancers: names.map((name) => walkthrough({ name })) });
    expect(renderPlan(plan, PlanFormat.MARKDOWN).length).toBeLessThan(65536);
  });
});

describe('text', () => {
  test('lists changes, drift and security per load balancer and ends with a summary line; no colour unless asked', () => {
    const text = renderPlan(mixedPlan(), PlanFormat.TEXT);
    expect(text).not.toMatch(/\u001b\[/);
    expect(text).toMatch(/^~ load balancer my-loadbalancer will be updated \(live revision 4\)$/m);
    expect(text).toMatch(/^ {4}~ idle timeout \(s\): 5 → 60 {2}\[drift: changed outside seclb; last applied 60\]$/m);
    expect(text).toMatch(/^ {6}WEAKENS listener 443 Protocol-SSLv3: false → true \(enables Protocol-SSLv3/m);
    expect(text.trimEnd().split('\n').pop()).toBe('Plan: 0 to create, 2 to update, 0 to delete, 1 unchanged; 0 certificate change(s). Security: 1 weakening, 1 strengthening. Drift: 1 change(s) revert edits made outside seclb.');
  });

  test('a plan without changes says so', () => {
    const text = renderPlan(planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [walkthrough()] }), PlanFormat.TEXT);
    expect(text).toBe('seclb plan\n\nNo changes. Live state matches the desired configuration.\n\nPlan: 0 to create, 0 to update, 0 to delete, 1 unchanged; 0 certificate change(s). Security: 0 weakening, 0 strengthening.\n');
  });

  test('colours when asked', () => {
    expect(renderPlan(mixedPlan(), PlanFormat.TEXT, { color: true })).toMatch(/\u001b\[31mWEAKENS\u001b\[0m/);
  });
});

describe('formats', () => {
  test('json output is the plan file', () => {
    const plan = mixedPlan();
    expect(renderPlan(plan, PlanFormat.JSON)).toBe(serializePlan(plan));
  });

  test('an unknown format is refused naming the allowed ones', () => {
    expect(parsePlanFormat('Markdown')).toBe(PlanFormat.MARKDOWN);
    expect(() => parsePlanFormat('html')).toThrow(/SECLB_DEPLOY_UNKNOWN_FORMAT: --format is 'html', .* text, markdown, json/);
  });
});
