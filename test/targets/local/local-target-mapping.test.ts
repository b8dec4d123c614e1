import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { X509Certificate } from 'crypto';
import { ListenerProtocol, SecureClassicLoadBalancer, ServerCertificate } from '../../../lib';
import { standInSourceOfSubject } from '../../../lib/contract/local-mapping';
import { standInInstanceId } from '../../../lib/targets/local/local-addressing';
import { STAND_IN_FOLDER } from '../../../lib/targets/local/stand-in-certificates';
import { readLocalStack } from '../../../provider/deploy/desired/local-stack';
import { certificates } from '../../constructs/helpers';
import { DOCUMENT_SHAPE } from '../../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../../lib/targets/local/seclb-structure';
import { EXISTING_IAM_CERTIFICATE, ExistingStack } from './fixtures/existing-stack';

let stateDirectory: string;
beforeEach(() => { stateDirectory = mkdtempSync(join(tmpdir(), 'seclb-mapping-')); });
afterEach(() => rmSync(stateDirectory, { recursive: true, force: true }));

/** The stack's cdk.tf.json as `cdktf synth` writes it (Testing.synth drops the "//" comments that carry the mapping). */
function synthOut(stack: TerraformStack): any {
  const app = stack.node.root as App;
  app.synth();
  return JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
}

function synthExisting(local: Record<string, unknown> = {}): { json: any; stack: ExistingStack } {
  const app = Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory, ...local } } });
  const stack = new ExistingStack(app, 'existing', certificates().backendCertPem);
  return { json: synthOut(stack), stack };
}

const byName = (json: any, type: string) => Object.fromEntries(Object.values<any>(json.resource[type]).map((r) => [r.name, r]));
const documentOf = (json: any, name: string): any => SeclbStructure.fromTerraform(DOCUMENT_SHAPE, byName(json, 'seclb_load_balancer')[name].document);

describe('instances given as tokens', () => {
  test('get a stand-in id and a default address, the same instance the same on both load balancers; the mapping names the resource', () => {
    const { json } = synthExisting();
    const expected = [
      { instanceId: standInInstanceId('Web1'), address: '127.0.0.11' },
      { instanceId: standInInstanceId('Web2'), address: '127.0.0.12' },
    ].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1));
    expect(standInInstanceId('Web1')).toMatch(/^i-[0-9a-f]{17}$/);
    for (const name of ['web-a', 'web-b']) {
      expect([...documentOf(json, name).instances].sort((a: any, b: any) => (a.address < b.address ? -1 : 1)))
        .toEqual([...expected].sort((a, b) => (a.address < b.address ? -1 : 1)));
    }
    const mapping = byName(json, 'seclb_load_balancer')['web-a']['//'].seclb_local;
    expect(mapping.instances).toEqual(expect.arrayContaining([
      { source: '${aws_instance.Web1.id}', resourcePath: 'Web1', instanceId: standInInstanceId('Web1'), address: '127.0.0.11', rule: 'default pool' },
      { source: '${aws_instance.Web2.id}', resourcePath: 'Web2', instanceId: standInInstanceId('Web2'), address: '127.0.0.12', rule: 'default pool' },
    ]));
  });

  test('instanceAddresses maps a token instance by the construct path of its resource', () => {
    const { json } = synthExisting({ instanceAddresses: { Web2: '127.0.0.40' } });
    const doc = documentOf(json, 'web-b');
    expect(doc.instances).toEqual(expect.arrayContaining([{ instanceId: standInInstanceId('Web2'), address: '127.0.0.40' }]));
    const mapping = byName(json, 'seclb_load_balancer')['web-b']['//'].seclb_local;
    expect(mapping.instances.find((i: any) => i.resourcePath === 'Web2')).toMatchObject({ address: '127.0.0.40', rule: 'instanceAddresses' });
  });

  test('a token that names no resource of the stack fails at synth with SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN, naming the value and the fix', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory } } }), 's');
    const id = new TerraformVariable(stack, 'instance_id', { type: 'string' }).stringValue;
    new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 8081, protocol: ListenerProtocol.HTTP }], instances: [id] });
    expect(() => synthOut(stack)).toThrow(/^SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN: load balancer 'web' instances\[0\] is the token \$\{var\.instance_id\}, which names no resource of this stack\.\n  Rule: .*construct path.*\n  Fix: reference a resource of the stack/);
  });

  test('a token into a nested construct is keyed by its path below the stack', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory, instanceAddresses: { 'Fleet/Web': '127.0.0.77' } } } }), 's');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const group = new Construct(stack, 'Fleet');
    const web = new Instance(group, 'Web', { ami: 'ami-1', instanceType: 't3.micro' });
    new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', availabilityZones: ['us-east-1a'], listeners: [{ loadBalancerPort: 8081, protocol: ListenerProtocol.HTTP }], instances: [web.id] });
    const json = synthOut(stack);
    expect(documentOf(json, 'web').instances).toEqual([{ instanceId: standInInstanceId('Fleet/Web'), address: '127.0.0.77' }]);
  });
});

describe('certificates given by ARN or token', () => {
  test('get stand-ins named like the original where known, marked, kept 0600, listeners and dependencies pointing at them', () => {
    const { json } = synthExisting();
    const certs = byName(json, 'seclb_server_certificate');
    expect(Object.keys(certs).sort()).toEqual(['aws_acm_certificate-SiteCertificate', 'web-b-cert']);
    expect(certs['web-b-cert']['//'].seclb_local).toEqual({ standInFor: EXISTING_IAM_CERTIFICATE });
    expect(certs['aws_acm_certificate-SiteCertificate']['//'].seclb_local).toEqual({ standInFor: '${aws_acm_certificate.SiteCertificate.arn}' });
    expect(standInSourceOfSubject(new X509Certificate(certs['web-b-cert'].certificate_body).subject)).toBe(EXISTING_IAM_CERTIFICATE);
    expect(documentOf(json, 'web-a').listeners.find((l: any) => l.protocol === 'HTTPS').sslCertificateId).toBe('aws_acm_certificate-SiteCertificate');
    expect(documentOf(json, 'web-b').listeners[0].sslCertificateId).toBe('web-b-cert');
    const lbs = byName(json, 'seclb_load_balancer');
    expect(lbs['web-b'].depends_on).toEqual([expect.stringMatching(/^seclb_server_certificate\.seclb-stand-in-web-b-cert/)]);
    expect(statSync(join(stateDirectory, STAND_IN_FOLDER, 'web-b-cert.json')).mode & 0o777).toBe(0o600);
    // Kept: synthesizing again gives the same certificate (no change to plan).
    expect(byName(synthExisting().json, 'seclb_server_certificate')['web-b-cert'].certificate_body).toBe(certs['web-b-cert'].certificate_body);
  });

  test('with certificateStandIns: false an ARN fails at synth with SECLB_TARGET_LOCAL_UNMAPPED_CERTIFICATE', () => {
    expect(() => synthExisting({ certificateStandIns: false })).toThrow(
      /^SECLB_TARGET_LOCAL_UNMAPPED_CERTIFICATE: load balancer 'web-a' listener 443 certificate is \$\{aws_acm_certificate\.SiteCertificate\.arn\}, which the local engine cannot have, and certificateStandIns is false\.\n  Rule: .*\n  Fix: leave certificateStandIns unset/);
  });

  test('a literal ACM ARN gets a stand-in named acm-<id>', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory } } }), 's');
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
    new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', availabilityZones: ['us-east-1a'], instances: ['i-0123456789abcdef0'],
      listeners: [{ loadBalancerPort: 8443, protocol: ListenerProtocol.HTTPS, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP, certificate: ServerCertificate.fromArn(stack, 'C', arn) }] });
    const read = readLocalStack(synthOut(stack));
    expect(read.desired.loadBalancers[0].listeners[0].sslCertificateId).toBe('acm-0f1e2d3c-aaaa-bbbb-cccc-123456789abc');
    expect(read.mapping.standInCertificates).toEqual([{ name: 'acm-0f1e2d3c-aaaa-bbbb-cccc-123456789abc', standInFor: arn }]);
  });
});

describe('listener ports per load balancer', () => {
  test('the first load balancer keeps the mapped port, the second gets the next free one; outputs and listenerEndpoint say where', () => {
    const { json, stack } = synthExisting({ listenerPorts: { 80: 18080, 443: 18443 } });
    expect(documentOf(json, 'web-a').listeners.map((l: any) => l.loadBalancerPort)).toEqual([18080, 18443]);
    expect(documentOf(json, 'web-b').listeners.map((l: any) => l.loadBalancerPort)).toEqual([18444]);
    const mapping = byName(json, 'seclb_load_balancer')['web-b']['//'].seclb_local;
    expect(mapping.listeners).toEqual([{ loadBalancerPort: 443, localPort: 18444, rule: 'allocated' }]);
    expect(byName(json, 'seclb_load_balancer')['web-a']['//'].seclb_local.listeners)
      .toEqual([{ loadBalancerPort: 80, localPort: 18080, rule: 'listenerPorts' }, { loadBalancerPort: 443, localPort: 18443, rule: 'listenerPorts' }]);
    const outputs = Object.entries<any>(json.output).filter(([k]) => k.includes('LocalEndpoint')).map(([, o]) => o.value).sort();
    expect(outputs).toEqual(['127.0.0.1:18080', '127.0.0.1:18443', '127.0.0.1:18444']);
    void stack;
  });

  test('listenerEndpoint() resolves to the local endpoint in an output of the app', () => {
    const app = Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory } } });
    const stack = new ExistingStack(app, 'existing', certificates().backendCertPem);
    new TerraformOutput(stack, 'b443', { value: stack.loadBalancers[1].listenerEndpoint(443) });
    const json = synthOut(stack);
    expect(json.output.b443.value).toBe('127.0.0.1:444');
  });

  test('loadBalancerPorts gives one load balancer its own port', () => {
    const { json } = synthExisting({ listenerPorts: { 443: 18443 }, loadBalancerPorts: { 'web-b': { 443: 19443 } } });
    expect(documentOf(json, 'web-b').listeners.map((l: any) => l.loadBalancerPort)).toEqual([19443]);
    expect(byName(json, 'seclb_load_balancer')['web-b']['//'].seclb_local.listeners).toEqual([{ loadBalancerPort: 443, localPort: 19443, rule: 'loadBalancerPorts' }]);
  });

  test('no free port above a taken one fails at synth with SECLB_TARGET_LOCAL_NO_FREE_PORT naming the load balancer and the option', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory } } }), 's');
    for (const id of ['A', 'B']) {
      new SecureClassicLoadBalancer(stack, id, { name: id.toLowerCase(), availabilityZones: ['us-east-1a'], instances: ['i-0123456789abcdef0'],
        listeners: [{ loadBalancerPort: 65535, protocol: ListenerProtocol.HTTP, instancePort: 8080 }] });
    }
    expect(() => synthOut(stack)).toThrow(
      /^SECLB_TARGET_LOCAL_NO_FREE_PORT: load balancer 'b' listener 65535 needs a local port, and no port above 65535 is free of earlier load balancers of the stack\.\n  Rule: .*\n  Fix: give it one with loadBalancerPorts: \{ 'b': \{ '65535': <a free port> \} \}/);
  });

  test('a loadBalancerPorts entry that is not a port fails with SECLB_TARGET_LOCAL_BAD_PORT naming the load balancer', () => {
    expect(() => synthExisting({ loadBalancerPorts: { 'web-b': { 443: 0 } } }))
      .toThrow(/^SECLB_TARGET_LOCAL_BAD_PORT: loadBalancerPorts\['web-b'\]\['443'\] is 0/);
  });
});

test('readLocalStack returns the mapping for the plan', () => {
  const read = readLocalStack(JSON.stringify(synthExisting({ listenerPorts: { 443: 18443 } }).json));
  expect(read.mapping.loadBalancers.map((l) => [l.name, l.listeners.map((x) => x.localPort)])).toEqual([['web-a', [80, 18443]], ['web-b', [18444]]]);
  expect(read.mapping.standInCertificates.map((c) => c.name)).toEqual(['aws_acm_certificate-SiteCertificate', 'web-b-cert']);
  // The stack's AWS resources are not the local engine's business.
  expect(read.desired.loadBalancers.map((d) => d.name)).toEqual(['web-a', 'web-b']);
});
