import { DEPLOY_CODES, parsePlan, planDeployment, sealPlan, serializePlan, verifyPlanDigest } from '../../../../provider/deploy';
import { walkthrough } from '../fixtures/documents';

const INPUTS = [{ name: 'cdk.tf.json', text: '{"resource":{}}' }];

function sealed() {
  return sealPlan(planDeployment({ loadBalancers: [walkthrough()] }, { loadBalancers: [] }, { stack: 's', createdAt: new Date(0) }), INPUTS);
}

test('a sealed plan carries sha256 digests of its content and inputs, and survives a round trip through its file', () => {
  const plan = sealed();
  expect(plan.digest).toEqual({ algorithm: 'sha256', content: expect.stringMatching(/^[0-9a-f]{64}$/), inputs: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(Object.keys(plan).pop()).toBe('digest');
  const text = serializePlan(plan);
  expect(parsePlan(text, 'p.json')).toEqual(plan);
  expect(() => verifyPlanDigest(JSON.parse(text), 'p.json', INPUTS)).not.toThrow();
  // Sealing again (e.g. after adding review facts) replaces the digest rather than digesting it.
  expect(sealPlan(plan, INPUTS).digest).toEqual(plan.digest);
});

test('any edit of the content is refused with SECLB_DEPLOY_PLAN_TAMPERED, also through parsePlan', () => {
  const text = serializePlan(sealed());
  const edited = text.replace('"Protocol-TLSv1.1",\n', '"Protocol-TLSv1.1" ,\n').replace(/"value": "false"/, '"value": "true"');
  expect(edited).not.toBe(text);
  expect(() => parsePlan(edited, 'p.json')).toThrow(expect.objectContaining({ code: DEPLOY_CODES.PLAN_TAMPERED,
    message: expect.stringMatching(/^SECLB_DEPLOY_PLAN_TAMPERED: 'p.json' has content with digest sha256:[0-9a-f]{64}, but its digest.content says sha256:[0-9a-f]{64}: it was modified/) }));
  // Whitespace is not content: the file may be re-indented.
  expect(() => parsePlan(JSON.stringify(JSON.parse(text)), 'p.json')).not.toThrow();
});

test('a plan without digest, or with another algorithm, is refused for apply', () => {
  const { digest, ...unsealed } = sealed();
  expect(() => verifyPlanDigest(unsealed, 'p.json')).toThrow(/^SECLB_DEPLOY_PLAN_TAMPERED: 'p.json' carries no digest/);
  expect(() => verifyPlanDigest({ ...unsealed, digest: { ...digest!, algorithm: 'md5' } }, 'p.json')).toThrow(/digest algorithm "md5", not 'sha256'/);
});

test('other inputs than the plan was made from are refused with SECLB_DEPLOY_PLAN_INPUTS_CHANGED', () => {
  const plan = sealed();
  expect(() => verifyPlanDigest(plan, 'p.json', [{ name: 'cdk.tf.json', text: '{"resource":{"x":1}}' }]))
    .toThrow(expect.objectContaining({ code: DEPLOY_CODES.PLAN_INPUTS_CHANGED, message: expect.stringMatching(/^SECLB_DEPLOY_PLAN_INPUTS_CHANGED: 'p.json' was made from synthesized inputs with digest sha256:/) }));
});
