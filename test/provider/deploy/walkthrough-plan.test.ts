import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CipherPolicies, LoadBalancerDocument, PolicyTypeName, SecurityEffect } from '../../../lib/policy';
import {
  ChangeAction, DEPLOY_CODES, describeServerCertificate, PlanExitCode, planDeployment, planExitCode, PlanFormat, renderPlan,
} from '../../../provider/deploy';
import { WALKTHROUGH_NAMES, walkthroughDocument } from '../../policy/fixtures/walkthrough-document';
import { selfSignedCertificate } from './fixtures/terraform-workspace';

/** The walk-through with its SSL policy replaced by one that drops TLS 1.0 (what the demo does). */
function withoutTls10(doc: LoadBalancerDocument): LoadBalancerDocument {
  const next = CipherPolicies.resolve({ enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] }).policy!;
  const name = CipherPolicies.policyName('MySSLNegotiationPolicy', next.contentHash);
  const old = WALKTHROUGH_NAMES.sslPolicy();
  return {
    ...doc,
    listeners: doc.listeners.map((l) => ({ ...l, policyNames: l.policyNames.map((n) => (n === old ? name : n)) })),
    policies: [...doc.policies.filter((p) => p.policyName !== old), { policyName: name, policyTypeName: PolicyTypeName.SSL_NEGOTIATION, attributes: next.attributes }],
  };
}

describe('the shared walk-through document', () => {
  const doc = walkthroughDocument();

  test('planned against itself: no changes, exit code 0', () => {
    const plan = planDeployment({ loadBalancers: [doc] }, { loadBalancers: [doc], revisions: { [doc.name]: 1 } });
    expect(plan.summary.hasChanges).toBe(false);
    expect(planExitCode(plan)).toBe(PlanExitCode.NO_CHANGES);
    expect(planExitCode(plan, true)).toBe(PlanExitCode.NO_CHANGES);
  });

  test('order and case that carry no meaning are not changes (documents are normalized first)', () => {
    const shuffled = {
      ...doc,
      listeners: [...doc.listeners].reverse().map((l) => ({ ...l, protocol: l.protocol.toLowerCase() as never })),
      instances: [...doc.instances].reverse(),
      policies: [...doc.policies].reverse(),
    };
    expect(planDeployment({ loadBalancers: [doc] }, { loadBalancers: [shuffled] }).summary.hasChanges).toBe(false);
  });

  test('dropping TLS 1.0: the plan shows exactly that change, strengthening, and exit code 2 with --detailed-exitcode', () => {
    const plan = planDeployment({ loadBalancers: [withoutTls10(doc)] }, { loadBalancers: [doc], revisions: { [doc.name]: 3 } });
    const lb = plan.loadBalancers[0];
    expect(lb.changes.map((c) => [c.subject, c.action])).toEqual(expect.arrayContaining([
      ['listener', ChangeAction.MODIFY], ['policy', ChangeAction.ADD], ['policy', ChangeAction.REMOVE],
    ]));
    expect(lb.changes).toHaveLength(3);
    expect(lb.security.map((i) => [i.scope, i.attribute, i.before, i.after, i.effect])).toEqual([
      ['listener 443', 'Protocol-TLSv1', 'true', 'false', SecurityEffect.STRENGTHENS],
    ]);
    expect(planExitCode(plan, true)).toBe(PlanExitCode.CHANGES);
    expect(planExitCode(plan)).toBe(PlanExitCode.NO_CHANGES); // without --detailed-exitcode, as terraform plan
    expect(renderPlan(plan, PlanFormat.MARKDOWN)).toMatch(/#### ✅ 1 change\(s\) strengthen security/);
  });
});

describe('describeServerCertificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-cert-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('gives name, SHA-256 fingerprint, subject and expiry, and nothing of the key', () => {
    const pems = selfSignedCertificate(dir);
    const summary = describeServerCertificate('testCert', pems.certificatePem);
    expect(summary).toEqual({ name: 'testCert', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), subject: 'CN=www.example.com', notAfter: expect.any(String) });
    expect(JSON.stringify(summary)).not.toMatch(/PRIVATE KEY/);
  });

  test('a body that is not a certificate is refused with the certificate named', () => {
    expect(() => describeServerCertificate('testCert', 'not a pem'))
      .toThrow(expect.objectContaining({ code: DEPLOY_CODES.BAD_CERTIFICATE, message: expect.stringMatching(/server certificate 'testCert' has a body that cannot be read/) }));
  });
});
