import * as net from 'net';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

describe('HTTP listener', () => {
  let h: EngineHarness;
  let a: TestBackend;
  let b: TestBackend;
  let port: number;

  beforeAll(async () => {
    h = await startEngine();
    a = await startHttpBackend('i-aaaa0001', '127.77.0.11');
    b = await startHttpBackend('i-bbbb0002', '127.77.0.12', a.port);
    port = await freePort();
    await h.admin.apply(lbDocument('web', {
      listeners: [listener(port, 'HTTP', a.port, 'HTTP')],
      healthCheck: { target: `HTTP:${a.port}/health` },
      instances: [{ instanceId: 'i-aaaa0001', address: '127.77.0.11' }, { instanceId: 'i-bbbb0002', address: '127.77.0.12' }],
    }), null);
    await waitFor('both instances InService', async () => {
      const r = await h.admin.get('/v1/load-balancers/web/instance-health');
      return r.body.InstanceStates.every((s: any) => s.State === 'InService');
    });
  });
  afterAll(async () => {
    await h.stop();
    await a.close();
    await b.close();
  });

  test('spreads requests over InService instances (least outstanding requests)', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) seen.add((await httpGet(`http://127.0.0.1:${port}/x`)).body);
    expect([...seen].sort()).toEqual(['i-aaaa0001', 'i-bbbb0002']);
  });

  test('adds X-Forwarded-For, -Proto and -Port, appending to an existing X-Forwarded-For', async () => {
    await httpGet(`http://127.0.0.1:${port}/h`, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'spoofed' } });
    const headers = (a.lastHeaders?.['x-forwarded-for'] === '203.0.113.9, 127.0.0.1' ? a : b).lastHeaders!;
    expect(headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-port']).toBe(String(port));
  });

  test('reuses keep-alive connections to the back ends (a pool, not a connection per request)', async () => {
    const before = a.connections + b.connections;
    for (let i = 0; i < 20; i++) expect((await httpGet(`http://127.0.0.1:${port}/pool`)).status).toBe(200);
    // 20 sequential requests over at most one new pooled connection per instance (health checks are not counted).
    expect(a.connections + b.connections - before).toBeLessThanOrEqual(2);
  });

  test('an HTTP/1.0 request without Host gets one (the load balancer address)', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('GET /h10 HTTP/1.0\r\n\r\n'));
      let text = '';
      s.on('data', (d) => { text += d; });
      s.on('close', () => resolve(text));
      s.on('error', reject);
      s.setTimeout(5_000, () => s.destroy());
    });
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    const seen = [a.lastHeaders, b.lastHeaders].map((hd) => hd?.host);
    expect(seen).toContain('127.0.0.1');
  });

  test('answers 504 when the back end does not answer within the idle timeout', async () => {
    const doc = (await h.admin.get('/v1/load-balancers/web')).body;
    await h.admin.apply({ ...doc.document, idleTimeoutSeconds: 1 }, doc.revision);
    const r = await httpGet(`http://127.0.0.1:${port}/slow`);
    expect(r.status).toBe(504);
  });

  test('answers 502 when the back-end response cannot be parsed', async () => {
    const r = await httpGet(`http://127.0.0.1:${port}/malformed`);
    expect(r.status).toBe(502);
  });

  test('answers CONNECT with 400', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => s.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
      let text = '';
      s.on('data', (d) => { text += d; });
      s.on('close', () => resolve(text));
      s.on('error', reject);
      s.setTimeout(5_000, () => s.destroy());
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
  });

  test('answers 503 when no instance is InService', async () => {
    a.healthStatus = 500;
    b.healthStatus = 500;
    try {
      await waitFor('both OutOfService', async () => (await h.admin.get('/v1/load-balancers/web/instance-health')).body.InstanceStates.every((s: any) => s.State === 'OutOfService'));
      expect((await httpGet(`http://127.0.0.1:${port}/x`)).status).toBe(503);
    } finally {
      a.healthStatus = 200;
      b.healthStatus = 200;
    }
  });
});
