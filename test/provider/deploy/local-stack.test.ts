import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LoadBalancerDocuments } from '../../../lib/policy';
import { DEPLOY_CODES, planDeployment, PlanFormat, readLocalStack, renderPlan } from '../../../provider/deploy';
import { walkthroughDocument } from '../../policy/fixtures/walkthrough-document';
import { selfSignedCertificate } from './fixtures/terraform-workspace';
import { DOCUMENT_SHAPE } from '../../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';

// A cdk.tf.json in the shape docs/local-target.md describes (the local target's synthesis).
function stackJson(document: unknown, cert: { certificatePem: string; privateKeyPem: string }) {
  return {
    terraform: { required_providers: { seclb: { source: 'cdktf-secure-elb/seclb', version: '0.1.0' } } },
    provider: { seclb: [{ state_directory: '/tmp/x/.seclb' }] },
    resource: {
      seclb_server_certificate: { testCert: { name: 'testCert', certificate_body: cert.certificatePem, private_key: cert.privateKeyPem } },
      seclb_load_balancer: { MyLoadBalancer: { name: 'my-loadbalancer', document, depends_on: ['seclb_server_certificate.testCert'] } },
    },
  };
}

describe('readLocalStack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-stack-'));
  const cert = selfSignedCertificate(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads documents and certificates: the desired state holds fingerprints, the material is kept apart', () => {
    const stack = readLocalStack(JSON.stringify(stackJson(LoadBalancerDocuments.serialize(walkthroughDocument()), cert)));
    expect(stack.desired.loadBalancers).toEqual([walkthroughDocument()]);
    expect(stack.desired.serverCertificates).toEqual([expect.objectContaining({ name: 'testCert', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(JSON.stringify(stack.desired)).not.toContain('PRIVATE KEY');
    expect(stack.certificates).toEqual([{ name: 'testCert', certificateBody: cert.certificatePem, privateKey: cert.privateKeyPem }]);
    expect(stack.provider).toEqual({ stateDirectory: '/tmp/x/.seclb' });
  });

  test('the structured document (seclb schema 1) reads as the same document as the JSON string of schema 0', () => {
    const structured = SeclbStructure.toTerraform(DOCUMENT_SHAPE, JSON.parse(LoadBalancerDocuments.serialize(walkthroughDocument())));
    const stack = readLocalStack(JSON.stringify(stackJson(structured, cert)));
    expect(stack.desired.loadBalancers).toEqual([walkthroughDocument()]);
    const broken = { ...(structured as object), idle_timeout_seconds: 0 };
    expect(() => readLocalStack(stackJson(broken, cert))).toThrow(/^SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT.*resource\.seclb_load_balancer\.MyLoadBalancer\.document[\s\S]*idleTimeoutSeconds/);
  });

  test('a plan from it, against an empty engine, creates both and renders no key', () => {
    const stack = readLocalStack(stackJson(LoadBalancerDocuments.serialize(walkthroughDocument()), cert));
    const plan = planDeployment(stack.desired, { loadBalancers: [] });
    expect(plan.summary).toMatchObject({ create: 1, certificateChanges: 1 });
    for (const format of Object.values(PlanFormat)) expect(renderPlan(plan, format)).not.toContain(cert.privateKeyPem.split('\n')[1]);
  });

  test('a document the model rejects is refused with every finding', () => {
    const bad = JSON.parse(LoadBalancerDocuments.serialize(walkthroughDocument()));
    bad.healthCheck.timeoutSeconds = 30;
    expect(() => readLocalStack(stackJson(JSON.stringify(bad), cert), 'cdktf.out/stacks/walkthrough/cdk.tf.json'))
      .toThrow(expect.objectContaining({ code: DEPLOY_CODES.INVALID_DESIRED_DOCUMENT, message: expect.stringMatching(/'cdktf.out\/stacks\/walkthrough\/cdk.tf.json' resource.seclb_load_balancer.MyLoadBalancer.document holds .*\n.*healthCheck/s) }));
  });

  test('an unresolved reference is refused', () => {
    expect(() => readLocalStack(stackJson('${seclb_x.y.document}', cert)))
      .toThrow(/SECLB_DEPLOY_STACK_FORMAT: 'cdk.tf.json' resource.seclb_load_balancer.MyLoadBalancer.document holds an unresolved \$\{...\} reference/);
  });
});
