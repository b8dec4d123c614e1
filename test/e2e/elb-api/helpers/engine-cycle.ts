import { Backends, startBackends } from '../../../../examples/demo/backends';
import { get } from '../../../../examples/demo/probes';
import { lineOf } from '../../../targets/aws/apply-cycle';
import { findProviderMirror, requireTerraform, TerraformDir } from '../../../targets/aws/terraform-fixture';
import { certificates } from '../../../constructs/helpers';
import { freePort } from '../../helpers/local-project';
import { members, texts } from '../../../provider/engine/elb-api/helpers/query-client';
import { waitFor } from '../../../provider/engine/helpers/wait';
import { EngineTarget, startEngineTarget } from './api-targets';
import { parseQueryXml } from './query-xml';
import { ElbApiSubject } from './subjects';
import { unexpectedHandshakes } from './wire';
import { orderedSteps } from '../../../helpers/ordered-steps';

/** Terraform's output of one run (both streams), or a thrown error with it when the exit status is not allowed. */
export async function terraform(tf: TerraformDir, env: NodeJS.ProcessEnv, allowed: number[], ...args: string[]): Promise<{ status: number; output: string }> {
  const r = await tf.runAsync(args, env);
  const output = `${r.stdout}\n${r.stderr}`;
  if (!allowed.includes(r.status)) throw new Error(`terraform ${args.join(' ')} exited ${r.status}:\n${output}`);
  return { status: r.status, output };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The back ends' loopback addresses: 127.0.0.<base>, <base + 1>, ... in the order of `instances`. */
function addresses(instances: string[], base: number): Array<{ instanceId: string; address: string }> {
  return instances.map((instanceId, n) => ({ instanceId, address: `127.0.0.${base + n}` }));
}

/**
 * The point 5 against the engine, with the real Terraform CLI and AWS provider (local
 * mirror) and the provider block's `endpoints` at the engine's ELB API: apply -> traffic through
 * both listeners with the cipher policy enforced on the wire -> no-op plan -> cipher change
 * (create-before-destroy order read from Terraform's output; deleting the policy still in use
 * refused as AWS refuses it) -> no-op plan -> destroy, and the engine empty. The engine is started
 * with `seclb engine start --elb-api-port 0`; instances are mapped to real HTTP/HTTPS back ends on
 * loopback and the ports 80/443/8080 to free local ports (`instance-addresses.json`,
 * `elb-api-ports.json`). Each step is one test; a step fails when an earlier one did. Fails with a
 * message (never skips) when Terraform, the mirror or the build is missing.
 */
export function describeEngineCycle(makeSubject: (certs: ReturnType<typeof certificates>) => ElbApiSubject, addressBase: number): void {
  const certs = certificates();
  const subject = makeSubject(certs);
  describe(`${subject.name}: apply cycle against the engine's ELB API (real Terraform + AWS provider)`, () => {
    let engine: EngineTarget | undefined;
    let backends: Backends | undefined;
    let tf: TerraformDir;
    let listenerPorts: { 80: number; 443: number };
    let changed = false;
    const env = () => subject.env(engine!, changed);
    const lb = subject.loadBalancerName;

    beforeAll(async () => {
      requireTerraform();
      const mirror = findProviderMirror();
      engine = await startEngineTarget();
      const instances = addresses(subject.instances, addressBase);
      backends = await startBackends(instances, { certPem: certs.backendCertPem, keyPem: certs.backendKeyPem! });
      listenerPorts = { 80: await freePort(), 443: await freePort() };
      engine.mapInstances(Object.fromEntries(instances.map((i) => [i.instanceId, i.address])));
      engine.mapPorts({ listenerPorts, instancePorts: { 8080: backends.httpPort, 443: backends.httpsPort } });
      tf = new TerraformDir(mirror);
      subject.write(tf, engine, false);
      await terraform(tf, env(), [0], 'init', '-input=false', '-no-color');
    });

    afterAll(async () => {
      await engine?.stop();
      await backends?.close();
    });

    /** Later steps depend on the state earlier ones left: each runs only when all before it passed. */
    const step = orderedSteps();

    const expectNoChanges = async () => {
      const plan = await terraform(tf, env(), [0, 2], 'plan', '-detailed-exitcode', '-input=false', '-no-color');
      expect({ status: plan.status, warnings: plan.output.match(/Warning.*/g) ?? [], output: plan.status === 0 ? '' : plan.output })
        .toEqual({ status: 0, warnings: [], output: '' });
      expect(plan.output).toMatch(/No changes\./);
    };

    const inService = () => waitFor(`every instance of ${lb} InService`, async () => {
      const health = await engine!.api.elb('DescribeInstanceHealth', { LoadBalancerName: lb });
      const states = texts(health.xml, 'State');
      return states.length === subject.instances.length && states.every((s) => s === 'InService');
    }, 60_000, 250);

    /** The policy names bound to the listener on AWS port 443, read with DescribeLoadBalancers. */
    const policyOfListener = async (): Promise<string[]> => {
      const described = await engine!.api.elb('DescribeLoadBalancers', members('LoadBalancerNames', [lb]));
      const tree = parseQueryXml(described.xml) as any;
      const [description] = tree.DescribeLoadBalancersResponse?.DescribeLoadBalancersResult?.LoadBalancerDescriptions ?? [];
      const listener = (description?.ListenerDescriptions || []).find((l: any) => l.Listener.LoadBalancerPort === '443');
      if (!listener) throw new Error(`no listener on port 443 in DescribeLoadBalancers:\n${described.xml}`);
      return listener.PolicyNames || [];
    };

    step(`apply creates all ${subject.resourceCount} resources with no warning`, async () => {
      const apply = await terraform(tf, env(), [0], 'apply', '-auto-approve', '-input=false', '-no-color');
      expect(apply.output).toContain(`Apply complete! Resources: ${subject.resourceCount} added, 0 changed, 0 destroyed.`);
      expect(apply.output).not.toMatch(/Warning/);
    });

    step('traffic through both listeners reaches the back ends; the cipher policy holds on the wire', async () => {
      await inService();
      const http = await get('http', listenerPorts[80], '/through-80');
      expect({ status: http.status, instance: subject.instances.includes(http.instance) }).toEqual({ status: 200, instance: true });
      expect(JSON.parse(http.body)).toMatchObject({ scheme: 'http', path: '/through-80', forwardedProto: 'http' });
      // 443 -> 443 HTTPS: the engine authenticates the back end by the key the BackendServerAuthenticationPolicy pins.
      const https = await get('https', listenerPorts[443], '/through-443', certs.chainPem);
      expect({ status: https.status, instance: subject.instances.includes(https.instance) }).toEqual({ status: 200, instance: true });
      expect(JSON.parse(https.body)).toMatchObject({ scheme: 'https', path: '/through-443', forwardedProto: 'https' });
      expect(await unexpectedHandshakes(listenerPorts[443], subject.wire(false), certs.chainPem)).toEqual([]);
      // One state: what Terraform created through the ELB API is ordinary engine state.
      const status = await engine!.seclb(['--json', 'status']);
      expect(JSON.parse(status.stdout).loadBalancers.map((l: { name: string }) => l.name)).toEqual([lb]);
    });

    step('a plan right after the apply shows no changes (-detailed-exitcode 0)', expectNoChanges);

    step('a cipher change: new policy created, listener re-pointed, old policy deleted, in that order; the wire follows', async () => {
      const before = await policyOfListener();
      expect(before).toEqual([expect.stringMatching(subject.policyNamePattern)]);
      changed = true;
      subject.write(tf, engine!, true);
      // The no-change plan just before refreshed everything; skip a second refresh (tens of seconds on a loaded machine).
      const apply = await terraform(tf, env(), [0], 'apply', '-auto-approve', '-refresh=false', '-input=false', '-no-color');
      expect(apply.output).toContain('Apply complete! Resources: 1 added, 1 changed, 1 destroyed.');
      const [created, modifying, modified, destroying] = lineOf(apply.output,
        new RegExp(`^${escape(subject.policyAddress)}: Creation complete`),
        new RegExp(`^${escape(subject.listenerPolicyAddress)}: Modifying\\.\\.\\.`),
        new RegExp(`^${escape(subject.listenerPolicyAddress)}: Modifications complete`),
        new RegExp(`^${escape(subject.policyAddress)} \\(deposed object \\w+\\): Destroying\\.\\.\\.`));
      const missing = Object.entries({ created, modifying, modified, destroying }).filter(([, line]) => line < 0).map(([event]) => event);
      expect({ missing, output: missing.length ? apply.output : '' }).toEqual({ missing: [], output: '' });
      expect(created).toBeLessThan(modifying);
      expect(modified).toBeLessThan(destroying);
      expect(apply.output).not.toMatch(/Warning/);

      const after = await policyOfListener();
      expect(after).toEqual([expect.stringMatching(subject.policyNamePattern)]);
      expect(after).not.toEqual(before);
      const policies = texts((await engine!.api.elb('DescribeLoadBalancerPolicies', { LoadBalancerName: lb })).xml, 'PolicyName');
      expect(policies).not.toContain(before[0]);
      expect(await unexpectedHandshakes(listenerPorts[443], subject.wire(true), certs.chainPem)).toEqual([]);
    });

    step('deleting the policy the listener uses is refused as AWS refuses it (InvalidConfigurationRequest) and changes nothing', async () => {
      const [inUse] = await policyOfListener();
      const admin = (await engine!.seclb(['--json', 'status'])).stdout;
      const refused = await engine!.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: lb, PolicyName: inUse });
      expect({ status: refused.status, code: refused.code }).toEqual({ status: 409, code: 'InvalidConfigurationRequest' });
      expect(refused.message).toContain(inUse);
      expect(await policyOfListener()).toEqual([inUse]);
      expect((await engine!.seclb(['--json', 'status'])).stdout).toBe(admin);
      expect(await unexpectedHandshakes(listenerPorts[443], subject.wire(true), certs.chainPem)).toEqual([]);
    });

    step('a plan right after the change shows no changes', expectNoChanges);

    step('destroy removes everything from the engine', async () => {
      const destroy = await terraform(tf, env(), [0], 'destroy', '-auto-approve', '-refresh=false', '-input=false', '-no-color');
      expect(destroy.output).toContain(`Destroy complete! Resources: ${subject.resourceCount} destroyed.`);
      expect(destroy.output).not.toMatch(/Warning/);
      expect((await terraform(tf, env(), [0], 'state', 'list')).output.trim()).toBe('');
      expect(texts((await engine!.api.elb('DescribeLoadBalancers')).xml, 'LoadBalancerName')).toEqual([]);
      expect(texts((await engine!.api.iam('ListServerCertificates')).xml, 'ServerCertificateName')).toEqual([]);
      const status = JSON.parse((await engine!.seclb(['--json', 'status'])).stdout);
      expect({ loadBalancers: status.loadBalancers, serverCertificates: status.serverCertificates }).toEqual({ loadBalancers: [], serverCertificates: [] });
      await expect(get('http', listenerPorts[80], '/gone')).rejects.toThrow(/ECONNREFUSED/);
    });
  });
}
