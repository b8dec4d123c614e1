import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { nodeHandshake } from '../helpers/tls-client';
import { ElbApiEngine, startElbApiEngine } from './helpers/elb-api-engine';

// A real AWS SDK against the engine: botocore (boto3) signs with its own SigV4 implementation and
// parses the XML answers and error shapes with its own parsers, so signing, shapes and error codes
// are judged by a client we did not write. boto3 comes with moto on these machines and in CI.

let engine: ElbApiEngine;
let certDir: string;
let cert: TestCert;

beforeAll(async () => {
  certDir = tempDir('elb-api-boto');
  cert = makeCert(certDir, 'boto.example');
  engine = await startElbApiEngine();
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  fs.rmSync(certDir, { recursive: true, force: true });
});

function runBotocore(args: string[]): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    execFile('python3', [path.join(__dirname, 'fixtures', 'botocore_client.py'), ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      if (err && /ENOENT/.test(err.message)) return reject(new Error('python3 is not on PATH: this test drives the engine with boto3 (installed with moto: pip install "moto[server]").'));
      if (/No module named 'boto3'/.test(stderr)) return reject(new Error('boto3 is not installed for python3: pip install boto3 (it comes with moto[server]).'));
      if (err) return reject(new Error(`botocore client failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout));
    });
  });
}

test('botocore signs, the engine verifies; botocore parses every answer and every AWS error code', async () => {
  const port = await freePort();
  const r = await runBotocore([engine.api.url, engine.api.keys.accessKeyId, engine.api.keys.secretAccessKey, String(port), cert.certFile, cert.keyFile]);
  expect(r.upload.ServerCertificateMetadata).toMatchObject({ Path: '/', ServerCertificateName: 'boto-cert', Arn: 'arn:aws:iam::123456789012:server-certificate/boto-cert' });
  expect(r.create).toEqual({ DNSName: 'boto.elb.localhost' });
  expect(r.policy).toEqual({});
  expect(r.bind).toEqual({});
  const lb = r.describe.LoadBalancerDescriptions[0];
  expect(lb.ListenerDescriptions).toEqual([{
    Listener: { Protocol: 'HTTPS', LoadBalancerPort: port, InstanceProtocol: 'HTTP', InstancePort: 8080, SSLCertificateId: 'arn:aws:iam::123456789012:server-certificate/boto-cert' },
    PolicyNames: ['tls12'],
  }]);
  expect(lb.HealthCheck).toEqual({ Target: 'TCP:8080', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 });
  expect(r.attributes.LoadBalancerAttributes).toMatchObject({ CrossZoneLoadBalancing: { Enabled: false }, ConnectionSettings: { IdleTimeout: 60 }, ConnectionDraining: { Enabled: false, Timeout: 300 } });
  expect(r.tags.TagDescriptions).toEqual([{ LoadBalancerName: 'boto', Tags: [{ Key: 'made-by', Value: 'botocore' }] }]);
  expect(r.get_cert.ServerCertificate.CertificateBody).toBe(cert.certPem);
  expect(r.delete_in_use).toEqual({ error: 'InvalidConfigurationRequest', status: 409 });
  expect(r.duplicate).toEqual({ error: 'DuplicateLoadBalancerName', status: 400 });
  expect(r.missing_lb).toEqual({ error: 'LoadBalancerNotFound', status: 400 });
  expect(r.missing_cert).toEqual({ error: 'NoSuchEntity', status: 404 });
  expect(r.bad_secret).toEqual({ error: 'SignatureDoesNotMatch', status: 403 });
  // and what botocore built carries traffic with the policy it set
  expect((await nodeHandshake(port, { maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' })).ok).toBe(false);
  expect(await nodeHandshake(port, { maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
}, 150_000);
