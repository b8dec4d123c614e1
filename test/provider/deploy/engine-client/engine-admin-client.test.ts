import { mkdirSync, writeFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { EngineAdminClient } from '../../../../provider/deploy/engine-client/engine-admin-client';
import { connectToEngine } from '../../../../provider/deploy/engine-client/engine-connection';
import { EngineRequestError } from '../../../../provider/deploy/engine-client/engine-request-error';
import { freePort } from '../../engine/helpers/backends';
import { tempDir } from '../../engine/helpers/certs';
import { lbDocument, listener } from '../../engine/helpers/documents';
import { EngineHarness, startEngine } from '../../engine/helpers/engine-harness';

describe('EngineAdminClient against a real engine', () => {
  let h: EngineHarness;
  let client: EngineAdminClient;
  let port: number;
  const doc = (idle = 60) => ({ ...lbDocument('client-lb', {
    listeners: [listener(port, 'HTTP', 18080, 'HTTP')],
    healthCheck: { target: 'TCP:18080' },
    instances: [{ instanceId: 'i-0000c001', address: '127.0.0.81' }],
  }), idleTimeoutSeconds: idle });

  beforeAll(async () => {
    h = await startEngine();
    port = await freePort();
    writeFileSync(join(h.stateDir, 'engine.json'), JSON.stringify({ adminUrl: h.admin.url }), { mode: 0o600 });
    client = connectToEngine({ stateDirectory: h.stateDir });
  });
  afterAll(async () => h.stop());

  test('creates, reads, updates with the revision it read, and deletes a load balancer', async () => {
    expect(await client.getLoadBalancer('client-lb')).toBeUndefined();
    const created = await client.putLoadBalancer('client-lb', doc(), null);
    expect(created.created).toBe(true);
    const live = await client.getLoadBalancer('client-lb');
    expect(live!.revision).toBe(created.revision);
    expect(live!.document.idleTimeoutSeconds).toBe(60);
    const updated = await client.putLoadBalancer('client-lb', doc(30), live!.revision);
    expect(updated.revision).toBeGreaterThan(live!.revision);
    expect((await client.listLoadBalancers()).map((l) => l.name)).toContain('client-lb');
    await client.deleteLoadBalancer('client-lb', updated.revision);
    expect(await client.getLoadBalancer('client-lb')).toBeUndefined();
  });

  test('a write planned against a stale revision is refused with 409 and changes nothing', async () => {
    const first = await client.putLoadBalancer('client-lb', doc(), null);
    await client.putLoadBalancer('client-lb', doc(45), first.revision);
    const err = await client.putLoadBalancer('client-lb', doc(10), first.revision).catch((e) => e);
    expect(err).toBeInstanceOf(EngineRequestError);
    expect(err.isStale).toBe(true);
    expect((await client.getLoadBalancer('client-lb'))!.document.idleTimeoutSeconds).toBe(45);
    await client.deleteLoadBalancer('client-lb');
  });

  test('an invalid document comes back with the model\'s findings', async () => {
    const bad = { ...doc(), healthCheck: { ...doc().healthCheck, timeoutSeconds: 30, intervalSeconds: 30 } };
    const err = await client.putLoadBalancer('client-lb', bad, null).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.findings.map((f: any) => f.code)).toContain('SECLB_HC_TIMEOUT_NOT_BELOW_INTERVAL');
  });

  test('a wrong token is refused', async () => {
    const anon = new EngineAdminClient(client.adminUrl, 'wrong');
    const err = await anon.status().catch((e) => e);
    expect(err.status).toBe(401);
  });

  test('an engine that is not running is a clear error naming the admin address', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const err = await new EngineAdminClient(closed, 't').status().catch((e) => e);
    expect(err.code).toBe('SECLB_DEPLOY_ENGINE_UNREACHABLE');
    expect(err.message).toContain(closed);
  });

  test('refuses a non-loopback admin address', () => {
    expect(() => new EngineAdminClient('http://10.0.0.1:8490', 't')).toThrow(/SECLB_DEPLOY_ADMIN_NOT_LOOPBACK/);
  });

  test('a state directory without an engine says how to start one', () => {
    const empty = tempDir('no-engine');
    mkdirSync(empty, { recursive: true });
    expect(() => connectToEngine({ stateDirectory: empty })).toThrow(/SECLB_DEPLOY_ENGINE_NOT_STARTED.*seclb engine start/s);
  });
});

describe('EngineAdminClient over HTTP (a stand-in server)', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  });

  async function serve(handler: (req: IncomingMessage, res: ServerResponse, count: number) => void): Promise<string> {
    let count = 0;
    const server = createServer((req, res) => handler(req, res, ++count));
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test('sends the token and the JSON body, and reads a JSON answer', async () => {
    const seen: Array<{ method?: string; url?: string; auth?: string; type?: string; body: string }> = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ revision: 3, created: true, unenforceable: [] }));
      });
    });
    const answer = await new EngineAdminClient(url, 'tok').putLoadBalancer('a b', { name: 'ü' } as never, null);
    expect(answer).toEqual({ revision: 3, created: true, unenforceable: [] });
    expect(seen).toEqual([{ method: 'PUT', url: '/v1/load-balancers/a%20b', auth: 'Bearer tok', type: 'application/json', body: JSON.stringify({ document: { name: 'ü' }, expectedRevision: null }) }]);
  });

  test('a multi-byte character split between two chunks of the answer is read whole', async () => {
    const url = await serve((_req, res) => {
      const bytes = Buffer.from('{"loadBalancers":[{"name":"ü-€","revision":1}]}');
      const cut = bytes.indexOf(Buffer.from('€')) + 1;
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 20);
    });
    expect(await new EngineAdminClient(url, 't').listLoadBalancers()).toEqual([{ name: 'ü-€', revision: 1, owner: { tool: 'unknown', stack: '' } }]);
  });

  test('an error answer that is not the admin API\'s (a proxy page) becomes SECLB_DEPLOY_ENGINE_HTTP_<status>, code first', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 502;
      res.end('<html>bad gateway</html>');
    });
    const err = await new EngineAdminClient(url, 't').status().catch((e) => e);
    expect(err).toBeInstanceOf(EngineRequestError);
    expect([err.code, err.status]).toEqual(['SECLB_DEPLOY_ENGINE_HTTP_502', 502]);
    expect(err.message).toBe('SECLB_DEPLOY_ENGINE_HTTP_502: <html>bad gateway</html>');
  });

  test('an engine that does not answer in time is unreachable, with the timeout named', async () => {
    const url = await serve(() => undefined);
    const err = await new EngineAdminClient(url, 't', 200).status().catch((e) => e);
    expect(err.code).toBe('SECLB_DEPLOY_ENGINE_UNREACHABLE');
    expect(err.message).toContain('did not answer GET /v1/status (Headers Timeout Error)');
  });

  test('a kept-alive connection the engine dropped is retried once for a GET, never for a write', async () => {
    // The second request on the first connection finds it closed without an answer.
    const url = await serve((req, res, count) => {
      if (count === 2) {
        req.socket.destroy();
        return;
      }
      res.end(JSON.stringify({ ok: count }));
    });
    const client = new EngineAdminClient(url, 't');
    expect(await client.status()).toEqual({ ok: 1 });
    expect(await client.status()).toEqual({ ok: 3 });
    const drop = await serve((req, res, count) => {
      if (count === 2) {
        req.socket.destroy();
        return;
      }
      res.end('{}');
    });
    const writer = new EngineAdminClient(drop, 't');
    await writer.status();
    const err = await writer.deleteCertificate('c').catch((e) => e);
    expect(err.code).toBe('SECLB_DEPLOY_ENGINE_UNREACHABLE');
  });
});
