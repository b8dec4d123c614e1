import * as fs from 'fs';
import * as path from 'path';
import { TestBackend, freePort, startHttpBackend } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { httpGet } from '../helpers/http-client';
import { nodeHandshake } from '../helpers/tls-client';
import { waitFor } from '../helpers/wait';
import { SERVING_MODES } from '../helpers/engine-harness';
import { ElbApiEngine, startElbApiEngine } from './helpers/elb-api-engine';
import { members, text, texts } from './helpers/query-client';

// A load balancer built only through the ELB/IAM Query API carries real traffic with its SSL
// negotiation policy enforced on the wire, and is ordinary engine state (admin API, owner, metrics).
const INSTANCE = 'i-0a1b2c3d4e5f60718';
const BACKEND_ADDRESS = '127.0.18.11';

describe.each(SERVING_MODES)('engine serving from %s', (_mode, workers) => {
  let engine: ElbApiEngine;
  let backend: TestBackend;
  let cert: TestCert;
  let certDir: string;
  let httpPort: number;
  let httpsPort: number;

  beforeAll(async () => {
    certDir = tempDir('elb-api-certs');
    cert = makeCert(certDir, 'web.example');
    backend = await startHttpBackend(INSTANCE, BACKEND_ADDRESS);
    engine = await startElbApiEngine({ workers });
    fs.writeFileSync(path.join(engine.stateDir, 'instance-addresses.json'), JSON.stringify({ [INSTANCE]: BACKEND_ADDRESS }));
    httpPort = await freePort();
    httpsPort = await freePort();
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await backend?.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  async function ok(answer: Promise<{ status: number; xml: string }>): Promise<string> {
    const a = await answer;
    if (a.status !== 200) throw new Error(`expected 200, got ${a.status}: ${a.xml}`);
    return a.xml;
  }

  test('apply through the API: certificate, two listeners, health check, TLS 1.2 policy, instance -> traffic on both listeners', async () => {
    const upload = await ok(engine.api.iam('UploadServerCertificate', { ServerCertificateName: 'web-cert', CertificateBody: cert.certPem, PrivateKey: cert.keyPem }));
    const arn = text(upload, 'Arn')!;
    expect(arn).toBe('arn:aws:iam::123456789012:server-certificate/web-cert');
    expect(upload).not.toContain('PRIVATE KEY');

    await ok(engine.api.elb('CreateLoadBalancer', {
      LoadBalancerName: 'web',
      ...members('AvailabilityZones', ['us-east-1a']),
      ...members('Listeners', [
        { Protocol: 'http', LoadBalancerPort: httpPort, InstanceProtocol: 'http', InstancePort: backend.port },
        { Protocol: 'https', LoadBalancerPort: httpsPort, InstanceProtocol: 'http', InstancePort: backend.port, SSLCertificateId: arn },
      ]),
    }));
    await ok(engine.api.elb('ConfigureHealthCheck', {
      LoadBalancerName: 'web', 'HealthCheck.Target': `HTTP:${backend.port}/health`, 'HealthCheck.Interval': 5, 'HealthCheck.Timeout': 2,
      'HealthCheck.HealthyThreshold': 2, 'HealthCheck.UnhealthyThreshold': 2,
    }));
    await ok(engine.api.elb('CreateLoadBalancerPolicy', {
      LoadBalancerName: 'web', PolicyName: 'tls12', PolicyTypeName: 'SSLNegotiationPolicyType',
      ...members('PolicyAttributes', [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' }]),
    }));
    await ok(engine.api.elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, ...members('PolicyNames', ['tls12']) }));
    const registered = await ok(engine.api.elb('RegisterInstancesWithLoadBalancer', { LoadBalancerName: 'web', ...members('Instances', [{ InstanceId: INSTANCE }]) }));
    expect(texts(registered, 'InstanceId')).toEqual([INSTANCE]);

    await waitFor('the instance InService', async () => text(await ok(engine.api.elb('DescribeInstanceHealth', { LoadBalancerName: 'web' })), 'State') === 'InService', 20_000);

    const plain = await httpGet(`http://127.0.0.1:${httpPort}/`);
    expect(plain).toMatchObject({ status: 200, body: INSTANCE });
    const secure = await httpGet(`https://127.0.0.1:${httpsPort}/`, { rejectUnauthorized: false });
    expect(secure).toMatchObject({ status: 200, body: INSTANCE });
  }, 60_000);

  test('the policy set through the API is enforced on the wire: TLS 1.1 refused, TLS 1.2 accepted', async () => {
    const old = await nodeHandshake(httpsPort, { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    expect(old.ok).toBe(false);
    const current = await nodeHandshake(httpsPort, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(current).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    // ELBSecurityPolicy-TLS-1-2-2017-01 enables no SHA-1 CBC suite: a client offering only one is refused.
    const weak = await nodeHandshake(httpsPort, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA' });
    expect(weak.ok).toBe(false);
  });

  test('a cipher change made the AWS way (new policy, re-point, delete old) changes the handshake; the policy in use cannot be deleted', async () => {
    await ok(engine.api.elb('CreateLoadBalancerPolicy', {
      LoadBalancerName: 'web', PolicyName: 'aes256-only', PolicyTypeName: 'SSLNegotiationPolicyType',
      ...members('PolicyAttributes', [
        { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
        { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
        { AttributeName: 'ECDHE-RSA-AES256-GCM-SHA384', AttributeValue: 'true' },
      ]),
    }));
    const inUse = await engine.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'web', PolicyName: 'tls12' });
    expect(inUse.status).toBe(409);
    expect(inUse.code).toBe('InvalidConfigurationRequest');
    expect(inUse.message).toMatch(/tls12.*in use by listener port/);

    await ok(engine.api.elb('SetLoadBalancerPoliciesOfListener', { LoadBalancerName: 'web', LoadBalancerPort: httpsPort, ...members('PolicyNames', ['aes256-only']) }));
    await ok(engine.api.elb('DeleteLoadBalancerPolicy', { LoadBalancerName: 'web', PolicyName: 'tls12' }));

    expect((await nodeHandshake(httpsPort, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' })).ok).toBe(false);
    expect(await nodeHandshake(httpsPort, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' })).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
    const policies = await ok(engine.api.elb('DescribeLoadBalancerPolicies', { LoadBalancerName: 'web' }));
    expect(texts(policies, 'PolicyName')).toEqual(['aes256-only']);
  }, 30_000);

  test('what the API created is ordinary engine state: admin API, owner, status, metrics; other front ends cannot delete it', async () => {
    const lb = await engine.admin.get('/v1/load-balancers/web');
    expect(lb.status).toBe(200);
    expect(lb.body.owner).toEqual({ tool: 'elb-api', stack: engine.api.keys.accessKeyId });
    expect(lb.body.document.instances).toEqual([{ instanceId: INSTANCE, address: BACKEND_ADDRESS }]);
    expect(lb.body.document.listeners.find((l: { loadBalancerPort: number }) => l.loadBalancerPort === httpsPort).policyNames).toEqual(['aes256-only']);
    const cert = await engine.admin.get('/v1/server-certificates/web-cert');
    expect(cert.body.owner.tool).toBe('elb-api');
    expect(cert.body.usedBy).toEqual(['web']);
    const status = await engine.admin.get('/v1/status');
    expect(status.body.loadBalancers).toContain('web');
    const metrics = await engine.admin.get('/v1/metrics');
    expect(metrics.text).toMatch(/seclb_request_count_total\{load_balancer="web"\} [1-9]/);

    const fromCli = await engine.admin.withToken(fs.readFileSync(path.join(engine.stateDir, 'admin-token'), 'utf8').trim())
      .request('DELETE', '/v1/load-balancers/web', undefined);
    // Without a Seclb-Owner header the admin client is an "older client": an identified owner still wins.
    expect(fromCli.status).toBe(409);
    expect(fromCli.body.error.code).toBe('SECLB_ENGINE_OWNER_CONFLICT');
    expect((await engine.admin.get('/v1/load-balancers/web')).status).toBe(200);
  });

  test('DeleteLoadBalancer closes the listeners; the certificate is then free to delete', async () => {
    const inUse = await engine.api.iam('DeleteServerCertificate', { ServerCertificateName: 'web-cert' });
    expect(inUse).toMatchObject({ status: 409, code: 'DeleteConflict' });
    await ok(engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'web' }));
    await expect(httpGet(`http://127.0.0.1:${httpPort}/`)).rejects.toThrow(/ECONNREFUSED/);
    await ok(engine.api.iam('DeleteServerCertificate', { ServerCertificateName: 'web-cert' }));
    expect(texts(await ok(engine.api.iam('ListServerCertificates')), 'ServerCertificateName')).toEqual([]);
    expect(texts(await ok(engine.api.elb('DescribeLoadBalancers')), 'LoadBalancerName')).toEqual([]);
  });
});
