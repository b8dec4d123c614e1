import { Testing } from 'cdktf';
import { SecurityEffect } from '../../../lib/policy';
import { PlanAction, PlanFormat, previewTerraformPlan, renderPlan } from '../../../provider/deploy';
import { generateWalkthroughCertificates, WalkthroughCertificates } from '../../../examples/walkthrough/certificates';
import { WALKTHROUGH_CIPHER_POLICY, WalkthroughStack } from '../../../examples/walkthrough/walkthrough-stack';
import { stateFromCreatePlan } from './fixtures/plan-to-state';
import { TerraformWorkspace } from './fixtures/terraform-workspace';

// The AWS preview of the real example: synthesize examples/walkthrough for AWS, plan it (Terraform
// 1.11, hashicorp/aws 5.100.0 from the local mirror, fake credentials), record what that apply
// would have left as state, change the app (drop TLS 1.0), plan again and preview that plan.

const FAKE_AWS = {
  accessKey: 'AKIAFAKEFAKEFAKE', secretKey: 'fake', skipCredentialsValidation: true, skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true', skipRegionValidation: true,
};

function synth(certificates: WalkthroughCertificates, dropTls10: boolean): unknown {
  const cipherPolicy = dropTls10
    ? { ...WALKTHROUGH_CIPHER_POLICY, enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] }
    : WALKTHROUGH_CIPHER_POLICY;
  const stack = new WalkthroughStack(Testing.app(), 'walkthrough', { certificates, provider: FAKE_AWS, cipherPolicy });
  return JSON.parse(Testing.synth(stack));
}

describe('the AWS preview of the synthesized walk-through', () => {
  let ws: TerraformWorkspace;
  let certificates: WalkthroughCertificates;
  let changedPlan: string;

  beforeAll(() => {
    TerraformWorkspace.assertToolsPresent();
    ws = new TerraformWorkspace();
    certificates = generateWalkthroughCertificates();
    ws.writeConfig(synth(certificates, false));
    ws.init();
    ws.writeState(stateFromCreatePlan(ws.planJson()));
    ws.writeConfig(synth(certificates, true));
    changedPlan = ws.planJson();
  }, 90000);

  afterAll(() => ws?.dispose());

  test('flags exactly the TLS 1.0 change on listener 443, strengthening', () => {
    const preview = previewTerraformPlan(changedPlan, { stack: 'walkthrough' });
    expect(preview.loadBalancers.map((lb) => [lb.name, lb.action])).toEqual([['MyLoadBalancer', PlanAction.UPDATE]]);
    expect(preview.loadBalancers[0].security.map((i) => [i.scope, i.attribute, i.before, i.after, i.effect])).toEqual([
      ['listener 443', 'Protocol-TLSv1', 'true', 'false', SecurityEffect.STRENGTHENS],
    ]);
    expect(preview.summary).toMatchObject({ update: 1, weakening: 0, strengthening: 1, certificateChanges: 0 });
  });

  test('shows the policy swap through the listener binder, and nothing else', () => {
    const lb = previewTerraformPlan(changedPlan).loadBalancers[0];
    expect(lb.changes.map((c) => [c.subject, c.action]).sort()).toEqual([
      ['listener', 'modify'], ['policy', 'add'], ['policy', 'remove'],
    ].sort());
    expect(lb.changes.find((c) => c.subject === 'listener')?.resource).toMatch(/^aws_load_balancer_listener_policy\./);
  });

  test('renders the Markdown security summary without key material', () => {
    const md = renderPlan(previewTerraformPlan(changedPlan, { stack: 'walkthrough' }), PlanFormat.MARKDOWN);
    expect(md).toMatch(/^<!-- seclb-plan -->\n### Terraform plan security preview: `walkthrough`\n\n\| Create \|/);
    expect(md).toMatch(/#### ✅ 1 change\(s\) strengthen security/);
    expect(md).not.toMatch(/⚠️/);
    expect(md).not.toContain(certificates.keyPem.split('\n')[1]);
    expect(changedPlan).toContain(certificates.keyPem.split('\n')[1]);
  });
});
