import { planDeployment, PlanFormat, renderPlan, serializePlan } from '../../../../provider/deploy';
import { DeployPlan } from '../../../../provider/deploy/plan/deploy-plan';
import {
  jsonMayHoldSecrets, mayHoldSecrets, redactPlanForRendering, redactPlanSecrets, redactSecrets, REDACTED,
} from '../../../../provider/deploy/plan/redaction';
import { fingerprint, walkthrough } from '../fixtures/documents';

const PRIVATE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDSECRETSECRET\n-----END PRIVATE KEY-----';
const CERTS = [{ name: 'my-server-cert', fingerprint: fingerprint('a') }];

/** A plan as the diff builds it before redaction (a key in a document, another in a change, or none). */
function rawPlan(where: 'nowhere' | 'document' | 'change' | 'member'): DeployPlan {
  const desired = walkthrough(where === 'document' ? { tags: { team: 'edge', note: PRIVATE_KEY } } : { idleTimeoutSeconds: 61 });
  const plan = planDeployment({ loadBalancers: [desired, walkthrough({ name: 'other' })], serverCertificates: CERTS },
    { loadBalancers: [walkthrough(), walkthrough({ name: 'other' })], serverCertificates: CERTS }, { createdAt: new Date(0) });
  // planDeployment redacts; put the secret back where the test wants it, as a caller could.
  const lb = plan.loadBalancers[0];
  if (where === 'document') return { ...plan, loadBalancers: [{ ...lb, desired }, plan.loadBalancers[1]] };
  if (where === 'change') return { ...plan, loadBalancers: [{ ...lb, changes: [{ ...lb.changes[0], after: PRIVATE_KEY }] }, plan.loadBalancers[1]] };
  if (where === 'member') return { ...plan, serverCertificates: [{ ...plan.serverCertificates[0], privateKey: 'x' } as never] };
  return plan;
}

describe('redactPlanSecrets: the documents scanned in place', () => {
  test.each(['nowhere', 'document', 'change', 'member'] as const)('gives what redactSecrets gives with a secret %s', (where) => {
    const plan = rawPlan(where);
    const result = redactPlanSecrets(plan);
    expect(result).toEqual(redactSecrets(plan));
    expect(JSON.stringify(result).includes('SECRETSECRET')).toBe(false);
    if (where === 'nowhere') expect(result).toBe(plan);
    else expect(JSON.stringify(result)).toContain(REDACTED);
  });
});

describe('redactPlanForRendering', () => {
  test('is the redacted plan without the desired documents', () => {
    const plan = rawPlan('change');
    const safe = redactPlanForRendering(plan);
    expect(safe.loadBalancers.every((lb) => lb.desired === undefined)).toBe(true);
    expect(safe).toEqual(redactSecrets({ ...plan, loadBalancers: plan.loadBalancers.map(({ desired: _d, ...lb }) => lb) }));
    expect(JSON.stringify(safe)).not.toContain('SECRETSECRET');
  });

  test.each([PlanFormat.TEXT, PlanFormat.MARKDOWN])('the %s rendering shows no key that sits in a change', (format) => {
    const out = renderPlan(rawPlan('change'), format);
    expect(out).not.toContain('SECRETSECRET');
    expect(out).toContain(REDACTED);
  });
});

describe('serializePlan', () => {
  test.each(['nowhere', 'document', 'change', 'member'] as const)('writes the redacted plan, indented, with a secret %s', (where) => {
    const plan = rawPlan(where);
    expect(serializePlan(plan)).toBe(`${JSON.stringify(redactSecrets(plan), null, 2)}\n`);
  });

  test('the quick scan reads indented and compact text alike', () => {
    for (const where of ['nowhere', 'document', 'change', 'member'] as const) {
      const plan = rawPlan(where);
      expect(mayHoldSecrets(JSON.stringify(plan, null, 2))).toBe(mayHoldSecrets(JSON.stringify(plan)));
    }
  });
});

describe('jsonMayHoldSecrets: the quick scan without writing the text', () => {
  class Thing {
    public readonly token = 'x';
  }
  const values: Array<[string, unknown]> = [
    ['a plain document', walkthrough()],
    ['a key in a tag value', { tags: { note: PRIVATE_KEY } }],
    ['the words in lower case', { note: 'private key' }],
    ['the words split by a newline', { note: 'PRIVATE\nKEY' }],
    ['the words in a member name', { 'my PRIVATE KEY': 1 }],
    ['a secret member', { token: 'abc' }],
    ['a secret member in another case', { PrivateKey: 'abc' }],
    ['a secret member that is null or empty', { password: null, secret: '' }],
    ['a secret member that is undefined', { password: undefined }],
    ['a member name ending in a quote and a secret name', { 'x"token': 1 }],
    ['a member name with a secret name inside', { 'tokens': 1, 'my_token': 2 }],
    ['a secret name in a value, quoted', { note: '"token": 1' }],
    ['a secret name as a value', ['token', 'password']],
    ['numbers, booleans and null', [1, 2.5, true, null, -0]],
    ['arrays with holes and undefined', [, undefined, 'x']],
    ['a function member (not written)', { token: () => 1, a: 1 }],
    ['a Date', { when: new Date(0) }],
    ['a class instance', { thing: new Thing() }],
    ['an object with toJSON', { a: { toJSON: () => ({ token: 'x' }) } }],
    ['a null-prototype object', Object.assign(Object.create(null), { secret: 's' })],
  ];

  test.each(values)('answers as the text scan does: %s', (_name, value) => {
    expect(jsonMayHoldSecrets(value)).toBe(mayHoldSecrets(JSON.stringify(value)));
  });
});
