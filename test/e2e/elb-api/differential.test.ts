import { Backends, startBackends } from '../../../examples/demo/backends';
import { certificates } from '../../constructs/helpers';
import { members } from '../../provider/engine/elb-api/helpers/query-client';
import { waitFor } from '../../provider/engine/helpers/wait';
import { findProviderMirror, requireTerraform, TerraformDir } from '../../targets/aws/terraform-fixture';
import { freePort } from '../helpers/local-project';
import { ApiTarget, EngineTarget, startEngineTarget, startMotoTarget } from './helpers/api-targets';
import { terraform } from './helpers/engine-cycle';
import { normalizeAnswer } from './helpers/normalize';
import { hclSubject } from './helpers/subjects';
import { orderedSteps } from '../../helpers/ordered-steps';

/*
 * Issue 18 point 5, the differential: one Terraform configuration (examples/elb-api/main.tf,
 * unchanged) applied by the real Terraform CLI and AWS provider to moto_server and to the engine's
 * ELB API side by side; after the apply and after the cipher change, the same signed Describe*
 * calls go to both and their answers, normalized (helpers/normalize.ts says what is left out and
 * why), must be equal. Fails with a message (never skips) when Terraform, the mirror, moto_server
 * or the build is missing.
 */

jest.setTimeout(300_000);

const certs = certificates();
const subject = hclSubject(certs);
const LB = subject.loadBalancerName;

interface Side {
  readonly target: ApiTarget;
  readonly tf: TerraformDir;
}

let moto: Side | undefined;
let engine: (Side & { target: EngineTarget }) | undefined;
let backends: Backends | undefined;
let changed = false;

const sides = () => [moto!, engine!];
const run = (side: Side, ...args: string[]) => terraform(side.tf, subject.env(side.target, changed), [0], ...args);

beforeAll(async () => {
  requireTerraform();
  const mirror = findProviderMirror();
  const target = await startMotoTarget();
  moto = { target, tf: new TerraformDir(mirror) };
  const engineTarget = await startEngineTarget();
  engine = { target: engineTarget, tf: new TerraformDir(mirror) };
  const instances = subject.instances.map((instanceId, n) => ({ instanceId, address: `127.0.0.${51 + n}` }));
  backends = await startBackends(instances, { certPem: certs.backendCertPem, keyPem: certs.backendKeyPem! });
  engineTarget.mapInstances(Object.fromEntries(instances.map((i) => [i.instanceId, i.address])));
  engineTarget.mapPorts({ listenerPorts: { 80: await freePort(), 443: await freePort() }, instancePorts: { 8080: backends.httpPort, 443: backends.httpsPort } });
  for (const side of sides()) subject.write(side.tf, side.target, false);
  await Promise.all(sides().map((side) => run(side, 'init', '-input=false', '-no-color')));
});

afterAll(async () => {
  await engine?.target.stop();
  await moto?.target.stop();
  await backends?.close();
});

/** Later steps depend on the state earlier ones left: each runs only when all before it passed. */
const step = orderedSteps();

/**
 * The ELB and IAM reads of the load balancer on one side, normalized. DescribeInstanceHealth is not
 * among them: moto answers it only for instances its own EC2 emulation holds (an empty list here),
 * so the registered instances are compared through DescribeLoadBalancers' `Instances`, and the
 * engine's health is checked on its own below.
 */
async function describe(side: Side): Promise<Record<string, unknown>> {
  const { api } = side.target;
  const lb = { LoadBalancerName: LB };
  const read = async (action: string, answer: Promise<Parameters<typeof normalizeAnswer>[1]>, drop: string[] = []) => normalizeAnswer(action, await answer, drop);
  return {
    DescribeLoadBalancers: await read('DescribeLoadBalancers', api.elb('DescribeLoadBalancers', members('LoadBalancerNames', [LB]))),
    DescribeLoadBalancerAttributes: await read('DescribeLoadBalancerAttributes', api.elb('DescribeLoadBalancerAttributes', lb)),
    DescribeLoadBalancerPolicies: await read('DescribeLoadBalancerPolicies', api.elb('DescribeLoadBalancerPolicies', lb)),
    DescribeTags: await read('DescribeTags', api.elb('DescribeTags', members('LoadBalancerNames', [LB]))),
    ListServerCertificates: await read('ListServerCertificates', api.iam('ListServerCertificates')),
    GetServerCertificate: await read('GetServerCertificate', api.iam('GetServerCertificate', { ServerCertificateName: 'web-certificate' })),
  };
}

/** Applies on both sides at once; each must report `summary`. */
async function applyBoth(summary: string, ...extra: string[]): Promise<void> {
  const outputs = await Promise.all(sides().map((side) => run(side, 'apply', '-auto-approve', '-input=false', '-no-color', ...extra)));
  outputs.forEach((o, i) => expect({ side: sides()[i].target.kind, applied: o.output.includes(summary) ? summary : o.output })
    .toEqual({ side: sides()[i].target.kind, applied: summary }));
}

step('the same configuration applies to moto and to the engine', async () => {
  await applyBoth(`Apply complete! Resources: ${subject.resourceCount} added, 0 changed, 0 destroyed.`);
});

step('the Describe* answers of both are equal after the apply (normalized)', async () => {
  const [fromMoto, fromEngine] = await Promise.all(sides().map(describe));
  expect(fromEngine).toEqual(fromMoto);
  // Not vacuous: the answers carry what the configuration declared.
  expect(JSON.stringify(fromEngine)).toMatch(/"LoadBalancerPort":"443".*"SSLCertificateId":"arn:aws:iam::\d{12}:server-certificate\/web-certificate"/);
  expect(JSON.stringify(fromEngine)).toContain('"AttributeName":"PublicKey"');
  expect(JSON.stringify(fromEngine)).toContain('"Key":"team","Value":"web"');
});

step('the engine carries traffic for what it answers (the registered instances go InService)', async () => {
  await waitFor('both instances InService on the engine', async () => {
    const health = normalizeAnswer('DescribeInstanceHealth', await engine!.target.api.elb('DescribeInstanceHealth', { LoadBalancerName: LB })) as any;
    return health.InstanceStates?.length === 2 && health.InstanceStates.every((s: any) => s.State === 'InService');
  }, 60_000, 250);
});

step('after the same cipher change on both, the answers are equal again', async () => {
  changed = true;
  await applyBoth('Apply complete! Resources: 1 added, 1 changed, 1 destroyed.', '-refresh=false');
  const [fromMoto, fromEngine] = await Promise.all(sides().map(describe));
  expect(fromEngine).toEqual(fromMoto);
  const policies = JSON.stringify((fromEngine as any).DescribeLoadBalancerPolicies);
  expect(policies).toContain('"AttributeName":"ECDHE-RSA-AES256-GCM-SHA384"');
  expect(policies).not.toContain('"AttributeName":"ECDHE-RSA-AES128-GCM-SHA256"');
});

step('destroy empties both', async () => {
  const outputs = await Promise.all(sides().map((side) => run(side, 'destroy', '-auto-approve', '-refresh=false', '-input=false', '-no-color')));
  for (const o of outputs) expect(o.output).toContain(`Destroy complete! Resources: ${subject.resourceCount} destroyed.`);
  for (const side of sides()) {
    const lbs = normalizeAnswer('DescribeLoadBalancers', await side.target.api.elb('DescribeLoadBalancers'));
    expect({ side: side.target.kind, lbs }).toEqual({ side: side.target.kind, lbs: {} });
  }
});
