import * as fs from 'fs';
import { freePort } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { ElbApiEngine, startElbApiEngine } from './helpers/elb-api-engine';
import { members, QueryAnswer, SendOptions } from './helpers/query-client';

// Bad API input gets AWS's error code, status and a message naming the problem, and changes
// nothing: every case compares the engine's whole state (admin API) before and after.

let engine: ElbApiEngine;
let certDir: string;
let cert: TestCert;
let other: TestCert;
let httpPort: number;
let httpsPort: number;

async function snapshot(): Promise<string> {
  const list = await engine.admin.get('/v1/load-balancers');
  const docs = [];
  for (const lb of list.body.loadBalancers) docs.push((await engine.admin.get(`/v1/load-balancers/${lb.name}`)).body.document);
  const certs = (await engine.admin.get('/v1/server-certificates')).body;
  return JSON.stringify({ list: list.body, docs, certs });
}

beforeAll(async () => {
  certDir = tempDir('elb-api-bad');
  cert = makeCert(certDir, 'one.example');
  other = makeCert(certDir, 'two.example');
  engine = await startElbApiEngine();
  httpPort = await freePort();
  httpsPort = await freePort();
  const must = async (a: Promise<QueryAnswer>) => { const r = await a; if (r.status !== 200) throw new Error(r.xml); };
  await must(engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'c1', CertificateBody: cert.certPem, PrivateKey: cert.keyPem }));
  await must(engine.api.elb('CreateLoadBalancer', {
    LoadBalancerName: 'web', ...members('AvailabilityZones', ['us-east-1a']),
    ...members('Listeners', [
      { Protocol: 'HTTP', LoadBalancerPort: httpPort, InstanceProtocol: 'HTTP', InstancePort: 8080 },
      { Protocol: 'HTTPS', LoadBalancerPort: httpsPort, InstanceProtocol: 'HTTP', InstancePort: 8080, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/c1' },
    ]),
  }));
  await must(engine.api.elb('CreateLoadBalancerPolicy', {
    LoadBalancerName: 'web', PolicyName: 'tls12', PolicyTypeName: 'SSLNegotiationPolicyType',
    ...members('PolicyAttributes', [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' }]),
  }));
  await must(engine.api.elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, ...members('PolicyNames', ['tls12']) }));
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  fs.rmSync(certDir, { recursive: true, force: true });
});

interface Case {
  name: string;
  send: () => Promise<QueryAnswer>;
  status: number;
  code: string;
  message: RegExp;
}

const elb = (action: string, params: Record<string, string | number | boolean> = {}, options: SendOptions = {}) => () => engine.api.elb(action, params, options);
const iam = (action: string, params: Record<string, string | number | boolean> = {}) => () => engine.api.iam(action, params);
const healthCheck = (overrides: Record<string, string | number>) => ({
  LoadBalancerName: 'web', 'HealthCheck.Target': 'HTTP:8080/ping', 'HealthCheck.Interval': 30, 'HealthCheck.Timeout': 5,
  'HealthCheck.HealthyThreshold': 2, 'HealthCheck.UnhealthyThreshold': 2, ...overrides,
});
const newLb = (listener: Record<string, string | number>) => ({ LoadBalancerName: 'fresh', ...members('AvailabilityZones', ['us-east-1a']), ...members('Listeners', [listener]) });
const sslPolicy = (name: string, attrs: Array<[string, string]>) => ({
  LoadBalancerName: 'web', PolicyName: name, PolicyTypeName: 'SSLNegotiationPolicyType',
  ...members('PolicyAttributes', attrs.map(([AttributeName, AttributeValue]) => ({ AttributeName, AttributeValue }))),
});

const CASES: Case[] = [
  // Authentication
  { name: 'an unsigned write', send: elb('CreateLoadBalancer', newLb({ Protocol: 'HTTP', LoadBalancerPort: 1, InstanceProtocol: 'HTTP', InstancePort: 80 }), { unsigned: true }), status: 403, code: 'MissingAuthenticationToken', message: /missing Authentication Token/ },
  { name: 'a request signed with the wrong secret', send: () => engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'web' }, { keys: { accessKeyId: engine.api.keys.accessKeyId, secretAccessKey: 'not-the-secret' } }), status: 403, code: 'SignatureDoesNotMatch', message: /signature we calculated does not match/ },
  { name: 'a request signed with another access key', send: () => engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'web' }, { keys: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: engine.api.keys.secretAccessKey } }), status: 403, code: 'InvalidClientTokenId', message: /security token included in the request is invalid/ },
  { name: 'a body changed after signing', send: elb('DescribeLoadBalancers', {}, { tamper: () => 'Action=DeleteLoadBalancer&Version=2012-06-01&LoadBalancerName=web' }), status: 403, code: 'SignatureDoesNotMatch', message: /does not match/ },
  { name: 'a signature 20 minutes old', send: elb('DeleteLoadBalancer', { LoadBalancerName: 'web' }, { date: new Date(Date.now() - 20 * 60_000) }), status: 403, code: 'SignatureDoesNotMatch', message: /Signature expired/ },
  { name: 'a signature scoped to another service', send: elb('DeleteLoadBalancer', { LoadBalancerName: 'web' }, { service: 's3' }), status: 403, code: 'SignatureDoesNotMatch', message: /scoped to a valid service/ },
  // The request itself
  { name: 'an unknown action', send: elb('CreateTargetGroup', { Name: 'x' }), status: 400, code: 'InvalidAction', message: /CreateTargetGroup is not valid/ },
  { name: 'an IAM action sent to ELB', send: elb('UploadServerCertificate', { ServerCertificateName: 'x' }), status: 400, code: 'InvalidAction', message: /UploadServerCertificate is not valid/ },
  { name: 'another API version', send: () => engine.api.send({ Action: 'DeleteLoadBalancer', Version: '2015-12-01', LoadBalancerName: 'web' }), status: 400, code: 'InvalidAction', message: /version 2015-12-01/ },
  { name: 'no Action', send: () => engine.api.send({ Version: '2012-06-01', LoadBalancerName: 'web' }), status: 400, code: 'MissingAction', message: /Action/ },
  { name: 'a missing LoadBalancerName', send: elb('DeleteLoadBalancer'), status: 400, code: 'MissingParameter', message: /LoadBalancerName/ },
  { name: 'missing Listeners', send: elb('CreateLoadBalancer', { LoadBalancerName: 'fresh' }), status: 400, code: 'MissingParameter', message: /Listeners/ },
  { name: 'a missing health-check field', send: elb('ConfigureHealthCheck', { ...healthCheck({}), 'HealthCheck.Timeout': '' }), status: 400, code: 'MissingParameter', message: /HealthCheck.Timeout/ },
  { name: 'a health-check interval that is not a number', send: elb('ConfigureHealthCheck', healthCheck({ 'HealthCheck.Interval': 'thirty' })), status: 400, code: 'ValidationError', message: /'thirty' at 'HealthCheck.Interval'.*integer/ },
  { name: 'a boolean attribute that is not a boolean', send: elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'web', 'LoadBalancerAttributes.CrossZoneLoadBalancing.Enabled': 'maybe' }), status: 400, code: 'ValidationError', message: /'maybe'.*boolean/ },
  { name: 'a listener port out of range', send: elb('CreateLoadBalancerListeners', { LoadBalancerName: 'web', ...members('Listeners', [{ Protocol: 'HTTP', LoadBalancerPort: 70000, InstanceProtocol: 'HTTP', InstancePort: 80 }]) }), status: 400, code: 'ValidationError', message: /70000.*1 to 65535/ },
  // ELB rules, judged by the policy model
  { name: 'a health-check timeout not below the interval', send: elb('ConfigureHealthCheck', healthCheck({ 'HealthCheck.Interval': 5, 'HealthCheck.Timeout': 9 })), status: 400, code: 'ValidationError', message: /SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL/ },
  { name: 'an idle timeout over 4000 s', send: elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'web', 'LoadBalancerAttributes.ConnectionSettings.IdleTimeout': 5000 }), status: 400, code: 'ValidationError', message: /SECLB_.*5000/ },
  { name: 'an unknown additional attribute', send: elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'web', ...members('LoadBalancerAttributes.AdditionalAttributes', [{ Key: 'elb.nope', Value: 'x' }]) }), status: 400, code: 'ValidationError', message: /elb\.nope.*elb\.http\.desyncmitigationmode/ },
  { name: 'a listener mixing layers (HTTP -> TCP)', send: elb('CreateLoadBalancer', newLb({ Protocol: 'HTTP', LoadBalancerPort: 18999, InstanceProtocol: 'TCP', InstancePort: 80 })), status: 400, code: 'ValidationError', message: /SECLB_LISTENER/ },
  { name: 'a load balancer with neither zones nor subnets', send: elb('CreateLoadBalancer', { LoadBalancerName: 'fresh', ...members('Listeners', [{ Protocol: 'HTTP', LoadBalancerPort: 18996, InstanceProtocol: 'HTTP', InstancePort: 80 }]) }), status: 400, code: 'ValidationError', message: /SECLB_PLACEMENT_MISSING/ },
  { name: 'disabling the last zone', send: elb('DisableAvailabilityZonesForLoadBalancer', { LoadBalancerName: 'web', ...members('AvailabilityZones', ['us-east-1a']) }), status: 400, code: 'ValidationError', message: /SECLB_PLACEMENT_MISSING/ },
  { name: 'zones and subnets together', send: elb('AttachLoadBalancerToSubnets', { LoadBalancerName: 'web', ...members('Subnets', ['subnet-0a1b2c3d']) }), status: 400, code: 'ValidationError', message: /SECLB_PLACEMENT_ZONES_AND_SUBNETS/ },
  { name: 'a duplicate load balancer name', send: elb('CreateLoadBalancer', { ...newLb({ Protocol: 'HTTP', LoadBalancerPort: 18998, InstanceProtocol: 'HTTP', InstancePort: 80 }), LoadBalancerName: 'web' }), status: 400, code: 'DuplicateLoadBalancerName', message: /'web' already exists/ },
  { name: 'an unknown load balancer', send: elb('DescribeLoadBalancerAttributes', { LoadBalancerName: 'nope' }), status: 400, code: 'LoadBalancerNotFound', message: /nope/ },
  { name: 'a listener on a used port with other settings', send: () => engine.api.elb('CreateLoadBalancerListeners', { LoadBalancerName: 'web', ...members('Listeners', [{ Protocol: 'TCP', LoadBalancerPort: httpPort, InstanceProtocol: 'TCP', InstancePort: 81 }]) }), status: 400, code: 'DuplicateListener', message: /listener already exists for web with LoadBalancerPort \d+/ },
  { name: 'a listener port of 0', send: elb('CreateLoadBalancerListeners', { LoadBalancerName: 'web', ...members('Listeners', [{ Protocol: 'TCP', LoadBalancerPort: 0, InstanceProtocol: 'TCP', InstancePort: 81 }]) }), status: 400, code: 'ValidationError', message: /'0' at 'Listeners.member.1.LoadBalancerPort'/ },
  { name: 'an HTTPS listener naming an unknown certificate', send: elb('CreateLoadBalancerListeners', { LoadBalancerName: 'web', ...members('Listeners', [{ Protocol: 'HTTPS', LoadBalancerPort: 18997, InstanceProtocol: 'HTTP', InstancePort: 8080, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/nope' }]) }), status: 400, code: 'CertificateNotFound', message: /'nope'/ },
  { name: 'an HTTPS listener naming an ACM certificate', send: () => engine.api.elb('SetLoadBalancerListenerSSLCertificate', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, SSLCertificateId: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }), status: 400, code: 'CertificateNotFound', message: /ACM certificates/ },
  { name: 'an IAM ARN under another path', send: () => engine.api.elb('SetLoadBalancerListenerSSLCertificate', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/prod/c1' }), status: 400, code: 'CertificateNotFound', message: /under the path \// },
  { name: 'an unknown SSL negotiation attribute', send: elb('CreateLoadBalancerPolicy', sslPolicy('typo', [['Protocol-TLSv1.2', 'true'], ['ECDHE-RSA-AES128-GCM-SHA257', 'true']])), status: 409, code: 'InvalidConfigurationRequest', message: /SECLB_POLICY_UNKNOWN_ATTRIBUTE.*ECDHE-RSA-AES128-GCM-SHA257/ },
  { name: 'an attribute value that is not true/false', send: elb('CreateLoadBalancerPolicy', sslPolicy('yes', [['Protocol-TLSv1.2', 'yes']])), status: 409, code: 'InvalidConfigurationRequest', message: /'yes'/ },
  { name: 'a policy enabling no cipher', send: elb('CreateLoadBalancerPolicy', sslPolicy('empty', [['Protocol-TLSv1.2', 'true']])), status: 409, code: 'InvalidConfigurationRequest', message: /SECLB_POLICY_NO_CIPHER/ },
  { name: 'an unknown predefined reference', send: elb('CreateLoadBalancerPolicy', sslPolicy('ref', [['Reference-Security-Policy', 'ELBSecurityPolicy-2099-01']])), status: 409, code: 'InvalidConfigurationRequest', message: /ELBSecurityPolicy-2099-01/ },
  { name: 'an unknown policy type', send: elb('CreateLoadBalancerPolicy', { LoadBalancerName: 'web', PolicyName: 'p', PolicyTypeName: 'FancyPolicyType' }), status: 400, code: 'PolicyTypeNotFound', message: /FancyPolicyType/ },
  { name: 'a duplicate policy name', send: elb('CreateLoadBalancerPolicy', sslPolicy('tls12', [['Reference-Security-Policy', 'ELBSecurityPolicy-2016-08']])), status: 400, code: 'DuplicatePolicyName', message: /'tls12' already exists/ },
  { name: 'deleting a policy in use', send: elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'web', PolicyName: 'tls12' }), status: 409, code: 'InvalidConfigurationRequest', message: /in use by listener port/ },
  { name: 'binding an unknown policy', send: () => engine.api.elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, ...members('PolicyNames', ['ghost']) }), status: 400, code: 'PolicyNotFound', message: /ghost/ },
  { name: 'binding to a port without a listener', send: elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: 1, ...members('PolicyNames', ['tls12']) }), status: 400, code: 'ListenerNotFound', message: /LoadBalancerPort 1\b/ },
  { name: 'an SSL policy on an HTTP listener', send: () => engine.api.elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: httpPort, ...members('PolicyNames', ['tls12']) }), status: 409, code: 'InvalidConfigurationRequest', message: /SECLB_POLICY_SSL_NEGOTIATION_ON_PLAIN_LISTENER/ },
  { name: 'an instance id not in EC2 form', send: elb('RegisterInstancesWithLoadBalancer', { LoadBalancerName: 'web', ...members('Instances', [{ InstanceId: 'I-ABC' }]) }), status: 400, code: 'InvalidInstance', message: /I-ABC/ },
  { name: 'eleven tags', send: elb('AddTags', { ...members('LoadBalancerNames', ['web']), ...members('Tags', Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))) }), status: 400, code: 'TooManyTags', message: /SECLB_TAGS_TOO_MANY/ },
  // IAM
  { name: 'a certificate body that is not PEM', send: iam('UploadServerCertificate', { ServerCertificateName: 'junk', CertificateBody: 'hello', PrivateKey: 'world' }), status: 400, code: 'MalformedCertificate', message: /SECLB_CERT_/ },
  { name: 'a key that does not match the certificate', send: () => engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'mixed', CertificateBody: cert.certPem, PrivateKey: other.keyPem }), status: 400, code: 'KeyPairMismatch', message: /SECLB_CERT_KEY_PAIR_MISMATCH/ },
  { name: 'a certificate name already used', send: () => engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'c1', CertificateBody: other.certPem, PrivateKey: other.keyPem }), status: 409, code: 'EntityAlreadyExists', message: /c1 already exists/ },
  { name: 'a certificate path other than /', send: () => engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'pathed', Path: '/prod/', CertificateBody: other.certPem, PrivateKey: other.keyPem }), status: 400, code: 'ValidationError', message: /Path is '\/prod\/'/ },
  { name: 'an unknown certificate', send: iam('GetServerCertificate', { ServerCertificateName: 'ghost' }), status: 404, code: 'NoSuchEntity', message: /ghost cannot be found/ },
  { name: 'deleting a certificate a listener uses', send: iam('DeleteServerCertificate', { ServerCertificateName: 'c1' }), status: 409, code: 'DeleteConflict', message: /c1 is currently in use by load balancer 'web'/ },
];

test.each(CASES.map((c) => [c.name, c] as const))('%s: AWS error code and message, nothing changed', async (_name, c) => {
  const before = await snapshot();
  const answer = await c.send();
  expect({ status: answer.status, code: answer.code }).toEqual({ status: c.status, code: c.code });
  expect(answer.message).toMatch(c.message);
  expect(answer.xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type>/);
  expect(await snapshot()).toBe(before);
});

test('the snapshot does see a change (the comparison can fail)', async () => {
  const before = await snapshot();
  const r = await engine.api.elb('AddTags', { ...members('LoadBalancerNames', ['web']), ...members('Tags', [{ Key: 'team', Value: 'edge' }]) });
  expect(r.status).toBe(200);
  expect(await snapshot()).not.toBe(before);
});
