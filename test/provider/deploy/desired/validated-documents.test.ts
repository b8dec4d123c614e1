import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { LoadBalancerDocuments } from '../../../../lib';
import { WalkthroughStack } from '../../../../examples/walkthrough/walkthrough-stack';
import { readLocalStack } from '../../../../provider/deploy/desired/local-stack';
import { ValidatedDocuments } from '../../../../provider/deploy/desired/validated-documents';
import { DOCUMENT_SHAPE } from '../../../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../../../lib/contract/seclb-structure';
import { certificates } from '../../../constructs/helpers';

const synthesized = () => JSON.parse(Testing.synth(new WalkthroughStack(Testing.app({ context: { 'seclb:target': 'local' } }), 'walkthrough', { certificates: certificates() })));

test('a document validated before is only JSON-parsed, with the same result', () => {
  const json = synthesized();
  const full = readLocalStack(json);
  const fast = readLocalStack(json, 'cdk.tf.json', { validated: () => true });
  expect(fast.desired).toEqual(full.desired);
});

test('the cache remembers the texts of the last successful read (0600) and nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-validated-'));
  try {
    const json = synthesized();
    const first = ValidatedDocuments.load(dir, 'walkthrough');
    readLocalStack(json, 'cdk.tf.json', { validated: first.has });
    expect(first.has('{}')).toBe(false);
    const second = ValidatedDocuments.load(dir, 'walkthrough');
    expect(second.has('{}')).toBe(false);
    first.save();
    const third = ValidatedDocuments.load(dir, 'walkthrough');
    const text = JSON.stringify(SeclbStructure.fromTerraform(DOCUMENT_SHAPE, Object.values<any>(json.resource.seclb_load_balancer)[0].document));
    expect(third.has(text)).toBe(true);
    expect(statSync(join(dir, 'applied', 'walkthrough.validated.json')).mode & 0o777).toBe(0o600);
    // A text changed since is validated again: a broken one still fails.
    const broken = JSON.parse(JSON.stringify(json));
    const [id] = Object.keys(broken.resource.seclb_load_balancer);
    const doc = LoadBalancerDocuments.parse(text).document!;
    // (in the JSON-string form older synths wrote, which is still read)
    broken.resource.seclb_load_balancer[id].document = JSON.stringify({ ...doc, idleTimeoutSeconds: 0 });
    expect(() => readLocalStack(broken, 'cdk.tf.json', { validated: third.has })).toThrow(/^SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
