import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { startHttpBackend, startTcpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir } from './helpers/certs';
import { lbDocument, listener, sslPolicy } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

// Field order and forms from elb-facts §8.2.
const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\d+) (\d+) "(.*)" "(.*)" (\S+) (\S+)$/;

describe.each(SERVING_MODES)('access logs (elb-facts §8), %s', (_mode, workers) => {
  let h: ServingEngine;
  let dir: string;
  let web: TestBackend;
  let tcp: TestBackend;
  const ports = { http: 0, https: 0, tcp: 0 };
  const logLines = () => {
    const d = path.join(h.stateDir, 'access-logs', 'logged');
    if (!fs.existsSync(d)) return [] as string[];
    return fs.readdirSync(d).flatMap((f) => fs.readFileSync(path.join(d, f), 'utf8').split('\n').filter(Boolean));
  };

  beforeAll(async () => {
    dir = tempDir('alog');
    const cert = makeCert(dir, 'localhost');
    web = await startHttpBackend('i-0000log01', '127.77.0.141');
    tcp = await startTcpBackend('i-0000log01', '127.77.0.141');
    h = await startServingEngine(workers);
    ports.http = await freePort();
    ports.https = await freePort();
    ports.tcp = await freePort();
    expect((await h.admin.put('/v1/server-certificates/alog', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    const doc = lbDocument('logged', {
      listeners: [
        listener(ports.http, 'HTTP', web.port, 'HTTP'),
        listener(ports.https, 'HTTPS', web.port, 'HTTP', { sslCertificateId: 'alog', policyNames: ['tls12'] }),
        listener(ports.tcp, 'TCP', tcp.port, 'TCP'),
      ],
      policies: [sslPolicy('tls12', { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] })],
      healthCheck: { target: `TCP:${web.port}` },
      instances: [{ instanceId: 'i-0000log01', address: '127.77.0.141' }],
    });
    await h.admin.apply({ ...doc, accessLog: { enabled: true, s3BucketName: 'local-logs', emitIntervalMinutes: 5 } } as LoadBalancerDocument, null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/logged/instance-health')).body.InstanceStates[0].State === 'InService');
  });
  afterAll(async () => {
    await h.stop();
    await web.close();
    await tcp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('one line per HTTP request, HTTPS request and TCP connection, in ELB\'s format, in a file named for its 5-minute interval', async () => {
    expect((await httpGet(`http://127.0.0.1:${ports.http}/a?b=1`, { headers: { 'user-agent': 'probe/1.0' } })).status).toBe(200);
    expect((await httpGet(`https://127.0.0.1:${ports.https}/secure`, { rejectUnauthorized: false, headers: { 'user-agent': 'probe/2.0' } })).status).toBe(200);
    expect((await httpGet(`http://127.0.0.1:${ports.http}/malformed`)).status).toBe(502);
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(ports.tcp, '127.0.0.1', () => s.write('hello'));
      s.on('data', () => s.end());
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    const lines = await waitFor('four log lines', () => { const l = logLines(); return l.length >= 4 ? l : undefined; });
    expect(lines).toHaveLength(4); // one line per request or connection, no more
    // One process writes one file per interval; each worker writes its own (ELB: one file per node).
    const files = fs.readdirSync(path.join(h.stateDir, 'access-logs', 'logged'));
    const fileName = workers === 1 ? /^logged_\d{8}T\d{4}Z_127\.0\.0\.1\.log$/ : /^logged_\d{8}T\d{4}Z_127\.0\.0\.1_w[12]\.log$/;
    for (const f of files) {
      expect(f).toMatch(fileName);
      expect(Number(f.slice(18, 20)) % 5).toBe(0);
    }

    const parsed = lines.map((l) => { const m = LINE.exec(l); expect(m).not.toBeNull(); return m!; });
    const http200 = parsed.find((m) => m[12].includes('/a?b=1'))!;
    expect(http200[2]).toBe('logged');
    expect(http200[3]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(http200[4]).toBe(`127.77.0.141:${web.port}`);
    for (const i of [5, 6, 7]) expect(Number(http200[i])).toBeGreaterThanOrEqual(0);
    expect([http200[8], http200[9], http200[10], http200[11]]).toEqual(['200', '200', '0', String('i-0000log01'.length)]);
    expect(http200[12]).toBe(`GET http://127.0.0.1:${ports.http}/a?b=1 HTTP/1.1`);
    expect([http200[13], http200[14], http200[15]]).toEqual(['probe/1.0', '-', '-']);

    const https = parsed.find((m) => m[12].includes('/secure'))!;
    expect(https[12]).toBe(`GET https://127.0.0.1:${ports.https}/secure HTTP/1.1`);
    expect([https[14], https[15]]).toEqual(['ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2']);

    const bad = parsed.find((m) => m[12].includes('/malformed'))!;
    expect([bad[4], bad[5], bad[6], bad[7], bad[8], bad[9]]).toEqual(['-', '-1', '-1', '-1', '502', '0']);

    const conn = parsed.find((m) => m[12] === '- - - ')!;
    expect(conn[4]).toBe(`127.77.0.141:${tcp.port}`);
    expect([conn[8], conn[9], conn[10], conn[11], conn[13]]).toEqual(['-', '-', '5', String('i-0000log01:hello'.length), '-']);
  });
});
