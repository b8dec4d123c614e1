import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import { freePort } from './helpers/backends';
import { makeCert, tempDir } from './helpers/certs';
import { lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { nodeHandshake } from './helpers/tls-client';
import { waitFor } from './helpers/wait';

/** A back end answering the status its path names (`/status/404`), 200 on /health. */
function statusBackend(address: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    req.resume();
    const status = req.url === '/health' ? 200 : Number(/^\/status\/(\d{3})$/.exec(req.url ?? '')?.[1] ?? 200);
    res.writeHead(status, { 'content-length': 2, ...(status === 302 ? { location: '/' } : {}) });
    res.end('ok');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port: 0 }, () => resolve({ server, port: (server.address() as net.AddressInfo).port }));
  });
}

/** One raw request line on a fresh connection; resolves the status line the engine answers. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    const timer = setTimeout(() => { s.destroy(); reject(new Error('no answer within 10 s')); }, 10_000);
    s.on('data', (d) => { got += d; });
    s.on('close', () => { clearTimeout(timer); resolve(got.split('\r\n')[0]); });
    s.on('error', () => undefined);
  });
}

/** The value of one sample of the Prometheus text, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe.each(SERVING_MODES)('/v1/metrics counts what a scripted run of requests did (CloudWatch names), %s', (_mode, workers) => {
  let h: ServingEngine;
  let backend: { server: http.Server; port: number };
  const ports = { http: 0, https: 0, dead: 0 };
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('metrics');
    const cert = makeCert(dir, 'localhost');
    h = await startServingEngine(workers);
    backend = await statusBackend('127.77.0.41');
    ports.http = await freePort();
    ports.https = await freePort();
    ports.dead = await freePort();
    const deadInstancePort = await freePort(); // nothing listens there
    expect((await h.admin.put('/v1/server-certificates/m', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await h.admin.apply(lbDocument('metrics-run', {
      listeners: [listener(ports.http, 'HTTP', backend.port, 'HTTP'), listener(ports.https, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'm' })],
      healthCheck: { target: `HTTP:${backend.port}/health` },
      // i-metr0002 has nothing listening: never InService (UnHealthyHostCount 1).
      instances: [{ instanceId: 'i-metr0001', address: '127.77.0.41' }, { instanceId: 'i-metr0002', address: '127.77.0.42' }],
    }), null);
    await h.admin.apply(lbDocument('metrics-dead', {
      listeners: [listener(ports.dead, 'HTTP', deadInstancePort, 'HTTP')],
      healthCheck: { target: `HTTP:${backend.port}/health` },
      instances: [{ instanceId: 'i-metr0003', address: '127.77.0.41' }],
    }), null);
    for (const lb of ['metrics-run', 'metrics-dead']) {
      await waitFor(`${lb} has its first instance InService`, async () => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates[0].State === 'InService');
    }
    await waitFor('i-metr0002 failed a health check', async () => (await h.admin.get('/v1/load-balancers/metrics-run/instance-health')).body.InstanceStates[1].State === 'OutOfService');
  });
  afterAll(async () => {
    await h.stop();
    await new Promise<void>((r) => { backend.server.close(() => r()); backend.server.closeAllConnections(); });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('exact counts after 9 routed requests, 2 malformed ones, 1 refused handshake and 2 requests to a dead port', async () => {
    const statuses: number[] = [];
    for (const s of [200, 200, 200, 302, 404, 404, 503]) statuses.push((await httpGet(`http://127.0.0.1:${ports.http}/status/${s}`)).status);
    expect(statuses).toEqual([200, 200, 200, 302, 404, 404, 503]);
    for (let i = 0; i < 2; i++) expect((await httpGet(`https://127.0.0.1:${ports.https}/status/200`, { rejectUnauthorized: false })).status).toBe(200);
    expect(await rawRequest(ports.http, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest(ports.http, 'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    const refused = await nodeHandshake(ports.https, { ciphers: 'ECDHE-RSA-CHACHA20-POLY1305', maxVersion: 'TLSv1.2' });
    expect(refused.ok).toBe(false);
    for (let i = 0; i < 2; i++) expect((await httpGet(`http://127.0.0.1:${ports.dead}/`)).status).toBe(502);

    const r = await h.admin.get('/v1/metrics');
    expect(r.status).toBe(200);
    const run = 'load_balancer="metrics-run"';
    const dead = 'load_balancer="metrics-dead"';
    // The refused handshake is counted when the engine sees the client's alert: wait for it (bounded).
    const text = await waitFor('the refused handshake is counted', async () => {
      const t = (await h.admin.get('/v1/metrics')).text;
      return sample(t, 'seclb_client_tls_negotiation_errors_total', run) === 1 ? t : undefined;
    });
    const expected: Array<[string, string, number]> = [
      ['seclb_request_count_total', run, 9],
      ['seclb_httpcode_backend_2xx_total', run, 5],
      ['seclb_httpcode_backend_3xx_total', run, 1],
      ['seclb_httpcode_backend_4xx_total', run, 2],
      ['seclb_httpcode_backend_5xx_total', run, 1],
      ['seclb_httpcode_elb_4xx_total', run, 2],
      ['seclb_httpcode_elb_5xx_total', run, 0],
      ['seclb_backend_connection_errors_total', run, 0],
      ['seclb_backend_redispatches_total', run, 0],
      ['seclb_backend_authentication_failures_total', run, 0],
      ['seclb_latency_seconds_count', run, 9],
      ['seclb_healthy_host_count', run, 1],
      ['seclb_unhealthy_host_count', run, 1],
      ['seclb_surge_queue_length', run, 0],
      ['seclb_spillover_count_total', run, 0],
      ['seclb_client_tls_negotiation_errors_total', run, 1],
      ['seclb_client_tls_handshake_failures_total', `${run},reason="no_shared_cipher"`, 1],
      ['seclb_request_count_total', dead, 2],
      ['seclb_httpcode_elb_5xx_total', dead, 2],
      ['seclb_backend_connection_errors_total', dead, 2],
      ['seclb_backend_redispatches_total', dead, 0], // its only instance refused: nothing else to try
      ['seclb_latency_seconds_count', dead, 0],
      ['seclb_httpcode_backend_2xx_total', dead, 0],
    ];
    expect(expected.map(([name, labels]) => [name, labels, sample(text, name, labels)])).toEqual(expected);
    const sum = sample(text, 'seclb_latency_seconds_sum', run)!;
    const max = sample(text, 'seclb_latency_seconds_max', run)!;
    expect(sum).toBeGreaterThan(0);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(sum);
    // The read of the load balancer mirrors the same counts under the CloudWatch names.
    const counters = (await h.admin.get('/v1/load-balancers/metrics-run')).body.counters;
    expect(counters).toMatchObject({ RequestCount: 9, HTTPCode_Backend_2XX: 5, HTTPCode_Backend_3XX: 1, HTTPCode_Backend_4XX: 2, HTTPCode_Backend_5XX: 1, HTTPCode_ELB_4XX: 2, SurgeQueueLength: 0, SpilloverCount: 0 });
  });
});
