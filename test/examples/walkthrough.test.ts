import { Testing } from 'cdktf';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WalkthroughStack } from '../../examples/walkthrough/walkthrough-stack';
import { certificates } from '../constructs/helpers';

/*
 * One snapshot of the example. Its certificates are generated per run, so everything derived from
 * their bytes (PEM fields, the fingerprint-suffixed certificate name, the back-end public key and the
 * key-hashed policy names) is replaced by a placeholder; everything else must match exactly.
 */

function stable(json: any): any {
  const certs = json.resource.aws_iam_server_certificate;
  for (const cert of Object.values<any>(certs)) {
    cert.certificate_body = '<leaf certificate PEM>';
    cert.certificate_chain = '<chain PEM>';
    cert.private_key = '<private key PEM>';
    cert.name = cert.name.replace(/-[0-9a-f]{8}$/, '-<fingerprint>');
  }
  for (const policy of Object.values<any>(json.resource.aws_load_balancer_policy)) {
    if (policy.policy_type_name === 'PublicKeyPolicyType' || policy.policy_type_name === 'BackendServerAuthenticationPolicyType') {
      policy.policy_name = policy.policy_name.replace(/-[0-9a-f]{8}$/, '-<key hash>');
    }
    if (policy.policy_type_name === 'PublicKeyPolicyType') policy.policy_attribute = [{ name: 'PublicKey', value: '<back-end SPKI base64>' }];
  }
  return json;
}

test('the walk-through synthesizes to the reference layout', () => {
  const stack = new WalkthroughStack(Testing.app(), 'walkthrough', { certificates: certificates() });
  expect(stable(JSON.parse(Testing.synth(stack)))).toMatchSnapshot();
});

test('the example app (cdktf.json "app") synthesizes into an output directory without Terraform', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('../../cdktf.json').app).toBe('node build/examples/walkthrough/main.js');
  const outdir = mkdtempSync(join(tmpdir(), 'seclb-example-'));
  const saved = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require('../../examples/walkthrough/main'));
  } finally {
    if (saved === undefined) delete process.env.CDKTF_OUTDIR; else process.env.CDKTF_OUTDIR = saved;
  }
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stackDir = join(outdir, manifest.stacks.walkthrough.workingDirectory);
  const tf = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(tf.resource).sort()).toEqual(['aws_elb', 'aws_elb_attachment', 'aws_iam_server_certificate',
    'aws_load_balancer_backend_server_policy', 'aws_load_balancer_listener_policy', 'aws_load_balancer_policy']);
  // The private key is in the Terraform JSON and nowhere else (manifest, annotations, metadata).
  const key = Object.values<any>(tf.resource.aws_iam_server_certificate)[0].private_key as string;
  const keyLine = key.split('\n')[1];
  for (const file of ['manifest.json']) expect(readFileSync(join(outdir, file), 'utf8')).not.toContain(keyLine);
  expect(JSON.stringify(manifest.stacks.walkthrough.annotations)).not.toContain(keyLine);
});
