import { App, TerraformOutput, Testing } from 'cdktf';
import { resolve } from 'path';
import {
  DeploymentTarget, DeploymentTargetKind, ListenerProtocol, LoadBalancerDocuments, SecureClassicLoadBalancer, ServerCertificate,
} from '../../../lib';
import { WalkthroughStack } from '../../../examples/walkthrough/walkthrough-stack';
import { readLocalStack } from '../../../provider/deploy/desired/local-stack';
import { certificates } from '../../constructs/helpers';
import { DOCUMENT_SHAPE } from '../../../lib/policy/document/document-shape';
import { SeclbStructure } from '../../../lib/contract/seclb-structure';
import { TerraformStack, TerraformVariable } from 'cdktf';

const LOCAL_PORTS = { listenerPorts: { 80: 18080, 443: 18443 }, instancePorts: { 8080: 28080, 443: 28443 } };

function synthWalkthrough(context: Record<string, unknown>): any {
  const app = Testing.app({ context });
  const stack = new WalkthroughStack(app, 'walkthrough', { certificates: certificates() });
  return JSON.parse(Testing.synth(stack));
}

function documentOf(json: any): any {
  return SeclbStructure.fromTerraform(DOCUMENT_SHAPE, Object.values<any>(json.resource.seclb_load_balancer)[0].document);
}

test('seclb:target=local synthesizes seclb_* resources, the seclb provider block and nothing of AWS', () => {
  const json = synthWalkthrough({ 'seclb:target': 'local' });
  expect(json.terraform.required_providers).toEqual({ seclb: { source: 'cdktf-secure-elb/seclb', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  expect(json.provider).toEqual({ seclb: [{ state_directory: resolve('.seclb') }] });
  expect(Object.keys(json.resource).sort()).toEqual(['seclb_load_balancer', 'seclb_server_certificate']);
});

test('the load balancer carries the canonical document, valid for the model, depending on its certificate', () => {
  const json = synthWalkthrough({ 'seclb:target': 'local' });
  const [lb] = Object.values<any>(json.resource.seclb_load_balancer);
  const [certId, cert] = Object.entries<any>(json.resource.seclb_server_certificate)[0];
  expect(lb.name).toBe('MyLoadBalancer');
  expect(lb.depends_on).toEqual([`seclb_server_certificate.${certId}`]);
  // A rotated certificate (new fingerprint, new name) is created before the old one is deleted.
  expect(cert.lifecycle).toEqual({ create_before_destroy: true });
  // The document as nested attributes (snake_case fields), in canonical form.
  expect(lb.document.health_check).toEqual({ target: expect.stringMatching(/^HTTP:\d+\/ping$/), interval_seconds: 30, timeout_seconds: 3, healthy_threshold: 2, unhealthy_threshold: 2 });
  const text = JSON.stringify(SeclbStructure.fromTerraform(DOCUMENT_SHAPE, lb.document));
  const parsed = LoadBalancerDocuments.parse(text);
  expect(parsed.document).toBeDefined();
  expect(JSON.parse(text)).toEqual(JSON.parse(LoadBalancerDocuments.serialize(parsed.document!)));
  expect(parsed.document!.listeners.find((l) => l.loadBalancerPort === 443)!.sslCertificateId).toBe(cert.name);
  expect(cert.name).toMatch(/^testCert-[0-9a-f]{8}$/);
  expect(cert.private_key).toContain('PRIVATE KEY');
  // The key appears nowhere else.
  expect(JSON.stringify(lb.document)).not.toContain('PRIVATE KEY');
});

test('without options, instances get 127.0.0.11, .12 ... and ports stay as written', () => {
  const doc = documentOf(synthWalkthrough({ 'seclb:target': 'local' }));
  expect(doc.instances).toEqual([{ instanceId: 'i-0bb7ca62', address: '127.0.0.11' }, { instanceId: 'i-4f8cf126', address: '127.0.0.12' }]);
  expect(doc.listeners.map((l: any) => [l.loadBalancerPort, l.instancePort])).toEqual([[80, 8080], [443, 443]]);
});

test('seclb:local remaps listener and instance ports; back-end policies and the health check follow', () => {
  const doc = documentOf(synthWalkthrough({ 'seclb:target': 'local', 'seclb:local': LOCAL_PORTS }));
  expect(doc.listeners.map((l: any) => [l.loadBalancerPort, l.instancePort])).toEqual([[18080, 28080], [18443, 28443]]);
  expect(doc.backendServers.map((b: any) => b.instancePort)).toEqual([28443]);
  expect(doc.healthCheck.target).toBe('HTTP:28080/ping');
});

test('the seclb:local context may be a JSON string (CDKTF_CONTEXT_JSON)', () => {
  const doc = documentOf(synthWalkthrough({ 'seclb:target': 'local', 'seclb:local': JSON.stringify({ instanceAddresses: { 'i-4f8cf126': '127.0.0.40' } }) }));
  expect(doc.instances).toEqual([{ instanceId: 'i-0bb7ca62', address: '127.0.0.11' }, { instanceId: 'i-4f8cf126', address: '127.0.0.40' }]);
});

test('DeploymentTarget.local({...}) writes stateDirectory (absolute) and adminAddress into the provider block', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  const target = DeploymentTarget.local({ stateDirectory: 'state', adminAddress: 'http://127.0.0.1:8490' });
  expect(target.kind).toBe(DeploymentTargetKind.LOCAL);
  new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', listeners: [{ loadBalancerPort: 8081, protocol: ListenerProtocol.HTTP }], instances: ['i-00000001'], target });
  const json = JSON.parse(Testing.synth(stack));
  expect(json.provider.seclb).toEqual([{ state_directory: resolve('state'), admin_address: 'http://127.0.0.1:8490' }]);
});

test('one instance id gets the same address on every load balancer of a stack', () => {
  const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local' } }), 's');
  new SecureClassicLoadBalancer(stack, 'A', { name: 'a', listeners: [{ loadBalancerPort: 8081, protocol: ListenerProtocol.HTTP }], instances: ['i-00000001', 'i-00000002'] });
  new SecureClassicLoadBalancer(stack, 'B', { name: 'b', listeners: [{ loadBalancerPort: 8082, protocol: ListenerProtocol.HTTP }], instances: ['i-00000002', 'i-00000003'] });
  const stackRead = readLocalStack(Testing.synth(stack));
  const addresses = Object.fromEntries(stackRead.desired.loadBalancers.flatMap((d) => d.instances.map((i) => [`${d.name}/${i.instanceId}`, i.address])));
  expect(addresses).toEqual({ 'a/i-00000001': '127.0.0.11', 'a/i-00000002': '127.0.0.12', 'b/i-00000002': '127.0.0.12', 'b/i-00000003': '127.0.0.13' });
});

test('the synthesized stack reads back through the deploy core (desired state + certificate material)', () => {
  const read = readLocalStack(JSON.stringify(synthWalkthrough({ 'seclb:target': 'local' })));
  expect(read.desired.loadBalancers.map((d) => d.name)).toEqual(['MyLoadBalancer']);
  expect(read.certificates).toHaveLength(1);
  expect(read.desired.serverCertificates![0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
});

test('a port map entry that is not a port fails with SECLB_TARGET_LOCAL_BAD_PORT naming the option', () => {
  expect(() => DeploymentTarget.local({ listenerPorts: { 443: 70000 } }))
    .toThrow(/^SECLB_TARGET_LOCAL_BAD_PORT: listenerPorts\['443'\] is 70000[\s\S]*Rule:[\s\S]*Fix:/);
  expect(() => DeploymentTarget.local({ instancePorts: { http: 8080 } })).toThrow(/^SECLB_TARGET_LOCAL_BAD_PORT: instancePorts\['http'\]/);
});

test('a non-loopback instance address fails with SECLB_TARGET_LOCAL_BAD_ADDRESS', () => {
  expect(() => DeploymentTarget.local({ instanceAddresses: { 'i-00000001': '10.0.0.5' } }))
    .toThrow(/^SECLB_TARGET_LOCAL_BAD_ADDRESS: instanceAddresses\['i-00000001'\] is "10.0.0.5"/);
});

test('a non-loopback admin address fails with SECLB_TARGET_LOCAL_ADMIN_NOT_LOOPBACK', () => {
  expect(() => DeploymentTarget.local({ adminAddress: 'http://192.168.1.2:8490' })).toThrow(/^SECLB_TARGET_LOCAL_ADMIN_NOT_LOOPBACK/);
});

test('a seclb:local context that is not an object fails with SECLB_TARGET_LOCAL_BAD_CONTEXT', () => {
  expect(() => synthWalkthrough({ 'seclb:target': 'local', 'seclb:local': 42 })).toThrow(/^SECLB_TARGET_LOCAL_BAD_CONTEXT: the app context 'seclb:local' is 42/);
});

test('two local targets with different options in one stack fail with SECLB_TARGET_LOCAL_CONFLICTING_OPTIONS', () => {
  const stack = new TerraformStack(new App({ outdir: '/tmp/unused-seclb' }), 's');
  const listeners = [{ loadBalancerPort: 8081, protocol: ListenerProtocol.HTTP }];
  new SecureClassicLoadBalancer(stack, 'A', { name: 'a', listeners, target: DeploymentTarget.local({ stateDirectory: 'one' }) });
  new SecureClassicLoadBalancer(stack, 'B', { name: 'b', listeners: [{ loadBalancerPort: 8082, protocol: ListenerProtocol.HTTP }], target: DeploymentTarget.local({ stateDirectory: 'two' }) });
  expect(() => Testing.synth(stack)).toThrow(/SECLB_TARGET_LOCAL_CONFLICTING_OPTIONS/);
});

test('a certificate whose body is a token fails with SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN', () => {
  const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local' } }), 's');
  const { keyPem } = certificates();
  const body = new TerraformVariable(stack, 'body', {}).stringValue;
  expect(() => new ServerCertificate(stack, 'C', { name: 'c', certificateBody: body, privateKey: keyPem }))
    .toThrow(/^SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN: serverCertificate.certificateBody is an unresolved token/);
});

describe('references to a local load balancer', () => {
  const http = (port: number) => [{ loadBalancerPort: port, protocol: ListenerProtocol.HTTP }];

  test('two load balancers serving one certificate both depend on it', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local' } }), 's');
    const { certPem, keyPem } = certificates();
    const cert = new ServerCertificate(stack, 'Cert', { name: 'shared', certificateBody: certPem, privateKey: keyPem });
    for (const [id, port] of [['A', 8443], ['B', 8444]] as const) {
      new SecureClassicLoadBalancer(stack, id, {
        name: id.toLowerCase(), listeners: [{ loadBalancerPort: port, protocol: ListenerProtocol.HTTPS, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP, certificate: cert }], instances: ['i-00000001'],
      });
    }
    const json = JSON.parse(Testing.synth(stack));
    const [certId] = Object.keys(json.resource.seclb_server_certificate);
    expect(Object.values<any>(json.resource.seclb_load_balancer).map((lb) => lb.depends_on)).toEqual([
      [`seclb_server_certificate.${certId}`], [`seclb_server_certificate.${certId}`],
    ]);
  });

  test('the name and DNS name are tokens that resolve to the seclb_load_balancer attributes', () => {
    const stack = new TerraformStack(Testing.app({ context: { 'seclb:target': 'local' } }), 's');
    const lb = new SecureClassicLoadBalancer(stack, 'Lb', { name: 'web', listeners: http(8081), instances: ['i-00000001'] });
    new TerraformOutput(stack, 'name', { value: lb.loadBalancerName });
    new TerraformOutput(stack, 'dns', { value: `http://${lb.dnsName}:8081/` });
    const json = JSON.parse(Testing.synth(stack));
    const [lbId] = Object.keys(json.resource.seclb_load_balancer);
    expect(json.output.name.value).toBe(`\${seclb_load_balancer.${lbId}.name}`);
    expect(json.output.dns.value).toBe(`http://\${seclb_load_balancer.${lbId}.dns_name}:8081/`);
  });
});
