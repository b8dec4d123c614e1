import * as fs from 'fs';
import * as path from 'path';
import { freePort } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { ElbApiEngine, startElbApiEngine } from './helpers/elb-api-engine';
import { members, text, texts } from './helpers/query-client';

// One state, owned per front end: what the seclb CLI created is visible to the ELB API and may be
// changed through it (the owner stays), but not deleted; what the ELB API created is the reverse.

let engine: ElbApiEngine;
let certDir: string;
let cert: TestCert;

const CLI_OWNER = 'tool=seclb-cli; stack=web';

async function adminWrite(method: string, p: string, body?: unknown): Promise<{ status: number; body: any }> {
  const token = fs.readFileSync(path.join(engine.stateDir, 'admin-token'), 'utf8').trim();
  const res = await fetch(`${engine.admin.url}${p}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'seclb-owner': CLI_OWNER },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  certDir = tempDir('elb-api-owner');
  cert = makeCert(certDir, 'owned.example');
  engine = await startElbApiEngine();
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  fs.rmSync(certDir, { recursive: true, force: true });
});

test('a load balancer and a certificate the seclb CLI created: described by the API, changed through it with the owner kept, not deleted through it', async () => {
  expect((await adminWrite('PUT', '/v1/server-certificates/cli-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
  const port = await freePort();
  const doc = lbDocument('cli-lb', { listeners: [listener(port, 'HTTP', 8080, 'HTTP')], healthCheck: { target: 'TCP:8080' }, instances: [] });
  expect((await adminWrite('PUT', '/v1/load-balancers/cli-lb', { document: doc, expectedRevision: null })).status).toBe(200);

  const described = await engine.api.elb('DescribeLoadBalancers', { ...members('LoadBalancerNames', ['cli-lb']) });
  expect(texts(described.xml, 'LoadBalancerPort')).toEqual([String(port)]);
  expect(texts((await engine.api.iam('ListServerCertificates')).xml, 'ServerCertificateName')).toEqual(['cli-cert']);

  expect((await engine.api.elb('AddTags', { ...members('LoadBalancerNames', ['cli-lb']), ...members('Tags', [{ Key: 'seen-by', Value: 'elb-api' }]) })).status).toBe(200);
  const after = (await engine.admin.get('/v1/load-balancers/cli-lb')).body;
  expect(after.document.tags).toEqual({ 'seen-by': 'elb-api' });
  expect(after.owner).toEqual({ tool: 'seclb-cli', stack: 'web' });

  const del = await engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'cli-lb' });
  expect(del).toMatchObject({ status: 400, code: 'OperationNotPermitted' });
  expect(del.message).toMatch(/SECLB_ENGINE_OWNER_CONFLICT: load balancer 'cli-lb' belongs to seclb-cli \(stack 'web'\)/);
  expect((await engine.admin.get('/v1/load-balancers/cli-lb')).status).toBe(200);
  const delCert = await engine.api.iam('DeleteServerCertificate', { ServerCertificateName: 'cli-cert' });
  expect(delCert).toMatchObject({ status: 400, code: 'OperationNotPermitted' });
  expect((await engine.admin.get('/v1/server-certificates/cli-cert')).status).toBe(200);
});

test('what the ELB API created is refused to the seclb CLI\'s delete, and deleted by the API itself', async () => {
  const port = await freePort();
  const created = await engine.api.elb('CreateLoadBalancer', {
    LoadBalancerName: 'api-lb', ...members('AvailabilityZones', ['us-east-1a']),
    ...members('Listeners', [{ Protocol: 'HTTP', LoadBalancerPort: port, InstanceProtocol: 'HTTP', InstancePort: 8080 }]),
  });
  expect(text(created.xml, 'DNSName')).toBe('api-lb.elb.localhost');
  const refused = await adminWrite('DELETE', '/v1/load-balancers/api-lb');
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('SECLB_ENGINE_OWNER_CONFLICT');
  expect(refused.body.error.owner).toEqual({ tool: 'elb-api', stack: engine.api.keys.accessKeyId });
  expect((await engine.api.elb('DeleteLoadBalancer', { LoadBalancerName: 'api-lb' })).status).toBe(200);
  expect((await engine.admin.get('/v1/load-balancers/api-lb')).status).toBe(404);
});
