import * as fs from 'fs';
import * as path from 'path';
import { freePort, startHttpBackend, TestBackend } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { httpGet } from '../helpers/http-client';
import { waitFor } from '../helpers/wait';
import { ElbApiEngine, startElbApiEngine } from './helpers/elb-api-engine';
import { inner, members, QueryAnswer, text, texts } from './helpers/query-client';

// Every action's happy path, through a real engine process, as the AWS provider 5.100.0 calls them
// (docs/elb-api-calls.md): answers in AWS's shapes, AWS ports shown while local ports are bound.

let engine: ElbApiEngine;
let certDir: string;
let cert: TestCert;
let backendCert: TestCert;
let backend: TestBackend;
let localHttp: number;
let localHttps: number;
const INSTANCE = 'i-0123456789abcdef0';
const UNMAPPED = 'i-4f8cf126';
const ADDRESS = '127.0.18.21';

async function ok(answer: Promise<QueryAnswer>): Promise<string> {
  const a = await answer;
  if (a.status !== 200) throw new Error(`expected 200, got ${a.status}: ${a.xml}`);
  return a.xml;
}

beforeAll(async () => {
  certDir = tempDir('elb-api-actions');
  cert = makeCert(certDir, 'front.example');
  backendCert = makeCert(certDir, 'back.example');
  backend = await startHttpBackend(INSTANCE, ADDRESS);
  engine = await startElbApiEngine();
  localHttp = await freePort();
  localHttps = await freePort();
  // Unchanged AWS configurations say 80/443 and 8080; the engine binds free local ports instead.
  fs.writeFileSync(path.join(engine.stateDir, 'elb-api-ports.json'), JSON.stringify({ listenerPorts: { 80: localHttp, 443: localHttps }, instancePorts: { 8080: backend.port } }));
  fs.writeFileSync(path.join(engine.stateDir, 'instance-addresses.json'), JSON.stringify({ [INSTANCE]: ADDRESS }));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  await backend?.close();
  fs.rmSync(certDir, { recursive: true, force: true });
});

const LISTENERS = () => members('Listeners', [
  { Protocol: 'http', LoadBalancerPort: 80, InstanceProtocol: 'http', InstancePort: 8080 },
  { Protocol: 'https', LoadBalancerPort: 443, InstanceProtocol: 'http', InstancePort: 8080, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/front' },
]);

test('IAM: upload, get (body as uploaded, never the key), list', async () => {
  const up = await ok(engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'front', Path: '/', CertificateBody: cert.certPem, PrivateKey: cert.keyPem }));
  expect(text(up, 'ServerCertificateId')).toMatch(/^ASCA[A-Z2-7]{17}$/);
  const got = await ok(engine.api.iam('GetServerCertificate', { ServerCertificateName: 'front' }));
  expect(text(got, 'CertificateBody')).toBe(cert.certPem);
  expect(text(got, 'Path')).toBe('/');
  expect(text(got, 'ServerCertificateId')).toBe(text(up, 'ServerCertificateId'));
  expect(new Date(text(got, 'Expiration')!).getTime()).toBeGreaterThan(Date.now());
  expect(got).not.toMatch(/PRIVATE KEY/);
  expect(texts(await ok(engine.api.iam('ListServerCertificates')), 'ServerCertificateName')).toEqual(['front']);
});

test('CreateLoadBalancer then CreateLoadBalancerListeners with the same listeners (what the provider does) succeeds; AWS ports are answered', async () => {
  const created = await ok(engine.api.elb('CreateLoadBalancer', {
    LoadBalancerName: 'shop', ...members('AvailabilityZones', ['us-east-1a']), ...LISTENERS(), ...members('Tags', [{ Key: 'team', Value: 'web' }]),
  }));
  expect(text(created, 'DNSName')).toBe('shop.elb.localhost');
  await ok(engine.api.elb('CreateLoadBalancerListeners', { LoadBalancerName: 'shop', ...LISTENERS() }));
  await ok(engine.api.elb('EnableAvailabilityZonesForLoadBalancer', { LoadBalancerName: 'shop', ...members('AvailabilityZones', ['us-east-1a']) }));
  const d = await ok(engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['shop']) }));
  expect(texts(d, 'LoadBalancerPort')).toEqual(['80', '443']);
  expect(texts(d, 'InstancePort')).toEqual(['8080', '8080']);
  expect(texts(d, 'SSLCertificateId')).toEqual(['arn:aws:iam::123456789012:server-certificate/front']);
  expect(text(d, 'Scheme')).toBe('internet-facing');
  expect(text(inner(d, 'HealthCheck')!, 'Target')).toBe('TCP:8080');
  expect(d).not.toContain('<VPCId>');
  const live = (await engine.admin.get('/v1/load-balancers/shop')).body.document;
  expect(live.listeners.map((l: { loadBalancerPort: number; instancePort: number }) => [l.loadBalancerPort, l.instancePort])).toEqual([[localHttp, backend.port], [localHttps, backend.port]].sort((a, b) => a[0] - b[0]));
  expect(texts(await ok(engine.api.elb('DescribeTags', { ...members('LoadBalancerNames', ['shop']) })), 'Key')).toEqual(['team']);
});

test('attributes in the provider\'s three calls: a ConnectionDraining.Enabled without Timeout keeps the timeout', async () => {
  await ok(engine.api.elb('ModifyLoadBalancerAttributes', {
    LoadBalancerName: 'shop', 'LoadBalancerAttributes.AccessLog.Enabled': false, 'LoadBalancerAttributes.ConnectionSettings.IdleTimeout': 120,
    'LoadBalancerAttributes.CrossZoneLoadBalancing.Enabled': true, ...members('LoadBalancerAttributes.AdditionalAttributes', [{ Key: 'elb.http.desyncmitigationmode', Value: 'strictest' }]),
  }));
  await ok(engine.api.elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'shop', 'LoadBalancerAttributes.ConnectionDraining.Enabled': true, 'LoadBalancerAttributes.ConnectionDraining.Timeout': 45 }));
  await ok(engine.api.elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'shop', 'LoadBalancerAttributes.ConnectionDraining.Enabled': false }));
  const a = await ok(engine.api.elb('DescribeLoadBalancerAttributes', { LoadBalancerName: 'shop' }));
  expect(inner(a, 'ConnectionDraining')).toBe('<Enabled>false</Enabled><Timeout>45</Timeout>');
  expect(text(inner(a, 'ConnectionSettings')!, 'IdleTimeout')).toBe('120');
  expect(text(inner(a, 'CrossZoneLoadBalancing')!, 'Enabled')).toBe('true');
  expect(inner(a, 'AccessLog')).toBe('<Enabled>false</Enabled>');
  expect(texts(a, 'Value')).toEqual(['strictest']);
  const doc = (await engine.admin.get('/v1/load-balancers/shop')).body.document;
  expect(doc).toMatchObject({ idleTimeoutSeconds: 120, crossZoneLoadBalancing: true, desyncMitigationMode: 'strictest', connectionDraining: { enabled: false, timeoutSeconds: 45 } });
  await ok(engine.api.elb('ModifyLoadBalancerAttributes', {
    LoadBalancerName: 'shop', 'LoadBalancerAttributes.AccessLog.Enabled': true, 'LoadBalancerAttributes.AccessLog.S3BucketName': 'logs', 'LoadBalancerAttributes.AccessLog.EmitInterval': 5,
  }));
  expect(inner(await ok(engine.api.elb('DescribeLoadBalancerAttributes', { LoadBalancerName: 'shop' })), 'AccessLog')).toBe('<Enabled>true</Enabled><S3BucketName>logs</S3BucketName><EmitInterval>5</EmitInterval><S3BucketPrefix></S3BucketPrefix>');
});

test('health check with an AWS instance port; instances: a mapped one serves traffic on the AWS listener port 80 (locally mapped), an unmapped one is OutOfService saying what to do', async () => {
  const hc = await ok(engine.api.elb('ConfigureHealthCheck', {
    LoadBalancerName: 'shop', 'HealthCheck.Target': 'HTTP:8080/health', 'HealthCheck.Interval': 5, 'HealthCheck.Timeout': 2, 'HealthCheck.HealthyThreshold': 2, 'HealthCheck.UnhealthyThreshold': 2,
  }));
  expect(text(hc, 'Target')).toBe('HTTP:8080/health');
  expect((await engine.admin.get('/v1/load-balancers/shop')).body.document.healthCheck.target).toBe(`HTTP:${backend.port}/health`);
  const reg = await ok(engine.api.elb('RegisterInstancesWithLoadBalancer', { LoadBalancerName: 'shop', ...members('Instances', [{ InstanceId: INSTANCE }, { InstanceId: UNMAPPED }]) }));
  expect(texts(reg, 'InstanceId')).toEqual([INSTANCE, UNMAPPED]);
  const health = await waitFor('the mapped instance InService', async () => {
    const h = await ok(engine.api.elb('DescribeInstanceHealth', { LoadBalancerName: 'shop' }));
    return texts(h, 'State')[0] === 'InService' ? h : undefined;
  }, 20_000);
  expect(texts(health, 'InstanceId')).toEqual([INSTANCE, UNMAPPED]);
  expect(texts(health, 'State')).toEqual(['InService', 'OutOfService']);
  expect(texts(health, 'ReasonCode')).toEqual(['N/A', 'ELB']);
  expect(texts(health, 'Description')[1]).toMatch(/i-4f8cf126 has no local address.*seclb elb-api map i-4f8cf126 127\.0\.0\.N.*register it again/);
  expect(await httpGet(`http://127.0.0.1:${localHttp}/`)).toMatchObject({ status: 200, body: INSTANCE });
  const asked = await ok(engine.api.elb('DescribeInstanceHealth', { LoadBalancerName: 'shop', ...members('Instances', [{ InstanceId: 'i-0bb7ca62' }]) }));
  expect([text(asked, 'State'), text(asked, 'ReasonCode'), text(asked, 'Description')]).toEqual(['OutOfService', 'ELB', 'Instance is not currently registered with the LoadBalancer.']);
}, 40_000);

test('mapping the unmapped instance and registering it again gives it an address', async () => {
  fs.writeFileSync(path.join(engine.stateDir, 'instance-addresses.json'), JSON.stringify({ [INSTANCE]: ADDRESS, [UNMAPPED]: '127.0.18.22' }));
  await ok(engine.api.elb('RegisterInstancesWithLoadBalancer', { LoadBalancerName: 'shop', ...members('Instances', [{ InstanceId: UNMAPPED }]) }));
  const doc = (await engine.admin.get('/v1/load-balancers/shop')).body.document;
  expect(doc.instances).toEqual([{ instanceId: INSTANCE, address: ADDRESS }, { instanceId: UNMAPPED, address: '127.0.18.22' }]);
  const dereg = await ok(engine.api.elb('DeregisterInstancesFromLoadBalancer', { LoadBalancerName: 'shop', ...members('Instances', [{ InstanceId: UNMAPPED }]) }));
  expect(texts(dereg, 'InstanceId')).toEqual([INSTANCE]);
});

test('back-end authentication policies on an AWS instance port; policy descriptions; a policy another policy names is in use; bindings cleared with PolicyNames= (the destroy path)', async () => {
  await ok(engine.api.elb('CreateLoadBalancerListeners', { LoadBalancerName: 'shop', ...members('Listeners', [{ Protocol: 'https', LoadBalancerPort: 8443, InstanceProtocol: 'https', InstancePort: 443, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/front' }]) }));
  await ok(engine.api.elb('CreateLoadBalancerPolicy', {
    LoadBalancerName: 'shop', PolicyName: 'key', PolicyTypeName: 'PublicKeyPolicyType', ...members('PolicyAttributes', [{ AttributeName: 'PublicKey', AttributeValue: backendCert.spki }]),
  }));
  await ok(engine.api.elb('CreateLoadBalancerPolicy', {
    LoadBalancerName: 'shop', PolicyName: 'auth', PolicyTypeName: 'BackendServerAuthenticationPolicyType', ...members('PolicyAttributes', [{ AttributeName: 'PublicKeyPolicyName', AttributeValue: 'key' }]),
  }));
  await ok(engine.api.elb('SetLoadBalancerPoliciesForBackendServer', { LoadBalancerName: 'shop', InstancePort: 443, ...members('PolicyNames', ['auth']) }));
  const keyDesc = await ok(engine.api.elb('DescribeLoadBalancerPolicies', { LoadBalancerName: 'shop', ...members('PolicyNames', ['key']) }));
  expect(text(keyDesc, 'AttributeValue')).toBe(backendCert.spki);
  const d = await ok(engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['shop']) }));
  expect(inner(d, 'BackendServerDescriptions')).toBe('<member><InstancePort>443</InstancePort><PolicyNames><member>auth</member></PolicyNames></member>');
  expect(texts(inner(d, 'OtherPolicies')!, 'member')).toEqual(['auth', 'key']);
  const inUse = await engine.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'shop', PolicyName: 'key' });
  expect(inUse).toMatchObject({ status: 409, code: 'InvalidConfigurationRequest' });
  expect(inUse.message).toMatch(/policy 'auth'/);

  await ok(engine.api.send({ Action: 'SetLoadBalancerPoliciesForBackendServer', Version: '2012-06-01', LoadBalancerName: 'shop', InstancePort: 443, PolicyNames: '' }));
  await ok(engine.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'shop', PolicyName: 'auth' }));
  await ok(engine.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'shop', PolicyName: 'key' }));
  expect(texts(await ok(engine.api.elb('DescribeLoadBalancerPolicies', { LoadBalancerName: 'shop' })), 'PolicyName')).toEqual([]);
  await ok(engine.api.elb('DeleteLoadBalancerListeners', { LoadBalancerName: 'shop', ...members('LoadBalancerPorts', ['8443']) }));
  expect(texts(await ok(engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['shop']) })), 'LoadBalancerPort')).toEqual(['80', '443']);
});

test('predefined policies and policy types are described from the policy model', async () => {
  const predefined = await ok(engine.api.elb('DescribeLoadBalancerPolicies', { ...members('PolicyNames', ['ELBSecurityPolicy-TLS-1-2-2017-01']) }));
  const names = texts(predefined, 'AttributeName');
  const values = texts(predefined, 'AttributeValue');
  expect(values[names.indexOf('Protocol-TLSv1.2')]).toBe('true');
  expect(values[names.indexOf('Protocol-TLSv1')]).toBe('false');
  const types = await ok(engine.api.elb('DescribeLoadBalancerPolicyTypes'));
  expect(texts(types, 'PolicyTypeName')).toEqual(expect.arrayContaining(['SSLNegotiationPolicyType', 'PublicKeyPolicyType', 'BackendServerAuthenticationPolicyType']));
});

test('tags, placement and security groups change in place', async () => {
  await ok(engine.api.elb('AddTags', { ...members('LoadBalancerNames', ['shop']), ...members('Tags', [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'edge' }]) }));
  await ok(engine.api.elb('RemoveTags', { ...members('LoadBalancerNames', ['shop']), ...members('Tags', [{ Key: 'env' }]) }));
  const tags = await ok(engine.api.elb('DescribeTags', { ...members('LoadBalancerNames', ['shop']) }));
  expect([texts(tags, 'Key'), texts(tags, 'Value')]).toEqual([['team'], ['edge']]);
  const zones = await ok(engine.api.elb('EnableAvailabilityZonesForLoadBalancer', { LoadBalancerName: 'shop', ...members('AvailabilityZones', ['us-east-1b']) }));
  expect(texts(zones, 'member')).toEqual(['us-east-1a', 'us-east-1b']);
  const fewer = await ok(engine.api.elb('DisableAvailabilityZonesForLoadBalancer', { LoadBalancerName: 'shop', ...members('AvailabilityZones', ['us-east-1a']) }));
  expect(texts(fewer, 'member')).toEqual(['us-east-1b']);
  const cert2 = await ok(engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'front2', CertificateBody: backendCert.certPem, PrivateKey: backendCert.keyPem }));
  await ok(engine.api.elb('SetLoadBalancerListenerSSLCertificate', { LoadBalancerName: 'shop', LoadBalancerPort: 443, SSLCertificateId: text(cert2, 'Arn')! }));
  expect(texts(await ok(engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['shop']) })), 'SSLCertificateId')).toEqual(['arn:aws:iam::123456789012:server-certificate/front2']);
});

test('EC2 on the same endpoint: the two reads the provider makes answer empty sets in EC2\'s shape', async () => {
  const sg = await engine.api.send({ Action: 'DescribeSecurityGroups', Version: '2016-11-15', 'Filter.1.Name': 'group-name', 'Filter.1.Value.1': 'default' }, { service: 'ec2' });
  expect(sg.status).toBe(200);
  expect(sg.xml).toMatch(/<DescribeSecurityGroupsResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]+<\/requestId><securityGroupInfo><\/securityGroupInfo><\/DescribeSecurityGroupsResponse>/);
  const eni = await engine.api.send({ Action: 'DescribeNetworkInterfaces', Version: '2016-11-15' }, { service: 'ec2' });
  expect(eni.xml).toContain('<networkInterfaceSet></networkInterfaceSet>');
  const other = await engine.api.send({ Action: 'RunInstances', Version: '2016-11-15' }, { service: 'ec2' });
  expect(other.status).toBe(400);
  expect(other.xml).toMatch(/<Response><Errors><Error><Code>InvalidAction<\/Code>/);
});

test('DeleteLoadBalancer of a load balancer that does not exist succeeds (as on ELB); of one that does, removes it', async () => {
  await ok(engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'never-was' }));
  await ok(engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'shop' }));
  expect((await engine.admin.get('/v1/load-balancers/shop')).status).toBe(404);
  const gone = await engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['shop']) });
  expect(gone).toMatchObject({ status: 400, code: 'LoadBalancerNotFound' });
});
