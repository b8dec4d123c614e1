import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import * as fs from 'fs';
import * as net from 'net';
import { startTcpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir } from './helpers/certs';
import { backendAuthPolicies, lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { waitFor } from './helpers/wait';
import * as tls from 'tls';

/** Sends one line over a new connection and returns what came back before `expectBytes` or close. */
function exchange(port: number, line: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(line));
    let text = '';
    s.on('data', (d) => { text += d; if (text.endsWith(line)) s.end(); });
    s.on('close', () => resolve(text));
    s.on('error', () => resolve(text));
    s.setTimeout(5_000, () => s.destroy());
  });
}

describe.each(SERVING_MODES)('TCP and SSL listeners (layer 4), %s', (_mode, workers) => {
  let h: ServingEngine;
  let dir: string;
  let a: TestBackend;
  let b: TestBackend;
  let tcpPort: number;
  let proxyPort: number;

  beforeAll(async () => {
    dir = tempDir('tcp');
    a = await startTcpBackend('i-0000tcp1', '127.77.0.101');
    b = await startTcpBackend('i-0000tcp2', '127.77.0.102', a.port);
    h = await startServingEngine(workers);
    tcpPort = await freePort();
    await h.admin.apply(lbDocument('tcp', {
      listeners: [listener(tcpPort, 'TCP', a.port, 'TCP')],
      healthCheck: { target: `TCP:${a.port}` },
      instances: [{ instanceId: 'i-0000tcp1', address: '127.77.0.101' }, { instanceId: 'i-0000tcp2', address: '127.77.0.102' }],
    }), null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/tcp/instance-health')).body.InstanceStates.every((s: any) => s.State === 'InService'));
  });
  afterAll(async () => {
    await h.stop();
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('connections alternate between instances (round robin) and bytes pass untouched', async () => {
    const replies: string[] = [];
    for (let i = 0; i < 6; i++) replies.push(await exchange(tcpPort, `hello-${i}\n`));
    for (let i = 0; i < 6; i++) expect(replies[i]).toMatch(new RegExp(`^i-0000tcp[12]:hello-${i}\\n$`));
    const owners = replies.map((r) => r.slice(0, 10));
    if (workers === 1) {
      for (let i = 1; i < owners.length; i++) expect(owners[i]).not.toBe(owners[i - 1]);
    } else {
      // Each worker runs its own round robin (as each ELB node does): of 6 connections one worker
      // took at least 3, and its consecutive connections alternate, so both instances answered.
      expect(new Set(owners)).toEqual(new Set(['i-0000tcp1', 'i-0000tcp2']));
    }
  });

  test('Proxy Protocol v1 is sent first when the instance port has the policy', async () => {
    proxyPort = await freePort();
    await h.admin.apply(lbDocument('proxy', {
      listeners: [listener(proxyPort, 'TCP', a.port, 'TCP')],
      policies: [{ policyName: 'pp', policyTypeName: 'ProxyProtocolPolicyType', attributes: [{ name: 'ProxyProtocol', value: 'true' }] }],
      backendServers: [{ instancePort: a.port, policyNames: ['pp'] }],
      healthCheck: { target: `TCP:${a.port}` },
      instances: [{ instanceId: 'i-0000tcp1', address: '127.77.0.101' }],
    }), null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/proxy/instance-health')).body.InstanceStates[0].State === 'InService');
    const reply = await exchange(proxyPort, 'data\n');
    expect(reply).toMatch(new RegExp(`^i-0000tcp1:PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ ${proxyPort}\\r\\n`));
  });

  test('an SSL listener to an SSL back end pins the back end\'s key: a mismatch closes the client connection and is counted', async () => {
    const good = makeCert(dir, 'good', 'ec');
    const bad = makeCert(dir, 'bad', 'ec');
    const front = makeCert(dir, 'front');
    const goodServer = tls.createServer({ key: good.keyPem, cert: good.certPem }, (s) => s.on('data', (d) => s.write(`good:${d}`)));
    const badServer = tls.createServer({ key: bad.keyPem, cert: bad.certPem }, (s) => s.on('data', (d) => s.write(`bad:${d}`)));
    let badBytes = 0;
    badServer.on('secureConnection', (s) => s.on('data', (d) => { badBytes += d.length; }));
    const sslBackendPort = await new Promise<number>((r) => goodServer.listen(0, '127.77.0.103', () => r((goodServer.address() as net.AddressInfo).port)));
    await new Promise<void>((r) => badServer.listen(sslBackendPort, '127.77.0.104', () => r()));
    try {
      expect((await h.admin.put('/v1/server-certificates/front', { certificateBody: front.certPem, privateKey: front.keyPem })).status).toBe(200);
      const sslPort = await freePort();
      await h.admin.apply(lbDocument('ssl', {
        listeners: [listener(sslPort, 'SSL', sslBackendPort, 'SSL', { sslCertificateId: 'front' })],
        policies: backendAuthPolicies('b', [good.spki]),
        backendServers: [{ instancePort: sslBackendPort, policyNames: ['b-auth'] }],
        healthCheck: { target: `TCP:${sslBackendPort}` },
        instances: [{ instanceId: 'i-0000ssl1', address: '127.77.0.103' }, { instanceId: 'i-0000ssl2', address: '127.77.0.104' }],
      }), null);
      await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/ssl/instance-health')).body.InstanceStates.every((s: any) => s.State === 'InService'));
      // One process alternates: 4 connections, 2 to each instance. Two workers alternate each on
      // its own: of 6 connections one worker took at least 3, so both instances were picked.
      const attempts = workers === 1 ? 4 : 6;
      const replies: string[] = [];
      for (let i = 0; i < attempts; i++) {
        replies.push(await new Promise<string>((resolve) => {
          const s = tls.connect({ host: '127.0.0.1', port: sslPort, rejectUnauthorized: false }, () => s.write('ping'));
          let text = '';
          s.on('data', (d) => { text += d; s.end(); });
          s.on('close', () => resolve(text));
          s.on('error', () => resolve(text));
          s.setTimeout(5_000, () => s.destroy());
        }));
      }
      const served = replies.filter((r) => r === 'good:ping').length;
      const refused = replies.filter((r) => r === '').length;
      expect(served + refused).toBe(attempts);
      if (workers === 1) expect([served, refused]).toEqual([2, 2]);
      else expect(Math.min(served, refused)).toBeGreaterThanOrEqual(1);
      expect(badBytes).toBe(0);
      expect((await h.admin.get('/v1/load-balancers/ssl')).body.counters.BackendAuthenticationFailures).toBe(refused);
    } finally {
      await new Promise<void>((r) => goodServer.close(() => r()));
      await new Promise<void>((r) => badServer.close(() => r()));
    }
  });

  test('removing a listener frees its port at once, lets its established connections finish, and does not hold up later applies', async () => {
    const movePort = await freePort();
    const newPort = await freePort();
    const base = (p: number) => lbDocument('move', {
      listeners: [listener(p, 'TCP', a.port, 'TCP')],
      healthCheck: { target: `TCP:${a.port}` },
      instances: [{ instanceId: 'i-0000tcp1', address: '127.77.0.101' }],
    });
    const rev = await h.admin.apply(base(movePort), null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/move/instance-health')).body.InstanceStates[0].State === 'InService');
    // GIVEN an established connection through the listener
    const s = net.connect(movePort, '127.0.0.1');
    let text = '';
    s.on('data', (d) => { text += d; });
    s.write('one\n');
    await waitFor('first echo', () => text.includes('one'));
    // WHEN the listener moves to another port, and another apply follows
    const rev2 = await h.admin.apply(base(newPort), rev);
    const started = Date.now();
    await h.admin.apply({ ...base(newPort), idleTimeoutSeconds: 61 } as LoadBalancerDocument, rev2);
    expect(Date.now() - started).toBeLessThan(5_000);
    // THEN the old port is free, and the established connection still relays
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(movePort, '127.0.0.1', () => resolve()); });
    await new Promise<void>((r) => probe.close(() => r()));
    s.write('two\n');
    await waitFor('second echo on the old connection', () => text.includes('two'));
    s.destroy();
    expect(await exchange(newPort, 'three\n')).toBe('i-0000tcp1:three\n');
  });

  test('with no InService instance, a TCP connection is closed', async () => {
    await a.close();
    await b.close();
    await waitFor('both OutOfService', async () => (await h.admin.get('/v1/load-balancers/tcp/instance-health')).body.InstanceStates.every((s: any) => s.State === 'OutOfService'));
    expect(await exchange(tcpPort, 'x\n')).toBe('');
  });
});
