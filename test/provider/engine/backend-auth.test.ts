import * as fs from 'fs';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { backendAuthPolicies, lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

// GIVEN two HTTPS back ends on the same instance port with different keys, and a load balancer
// whose instance port pins only the first key.
describe.each(SERVING_MODES)('back-end server authentication (public-key pinning), %s', (_mode, workers) => {
  let h: ServingEngine;
  let dir: string;
  let pinnedCert: TestCert;
  let otherCert: TestCert;
  let pinned: TestBackend;
  let other: TestBackend;
  let port: number;
  let unpinnedPort: number;

  const instances = [{ instanceId: 'i-0000pin1', address: '127.77.0.41' }, { instanceId: 'i-0000pin2', address: '127.77.0.42' }];

  beforeAll(async () => {
    dir = tempDir('pin');
    pinnedCert = makeCert(dir, 'pinned', 'ec');
    otherCert = makeCert(dir, 'other', 'ec');
    pinned = await startHttpBackend('i-0000pin1', '127.77.0.41', 0, pinnedCert);
    other = await startHttpBackend('i-0000pin2', '127.77.0.42', pinned.port, otherCert);
    h = await startServingEngine(workers);
    port = await freePort();
    unpinnedPort = await freePort();
    await h.admin.apply(lbDocument('pinned', {
      listeners: [listener(port, 'HTTP', pinned.port, 'HTTPS')],
      policies: backendAuthPolicies('backend', [pinnedCert.spki]),
      backendServers: [{ instancePort: pinned.port, policyNames: ['backend-auth'] }],
      // A TCP check keeps both instances InService, so requests reach the unpinned one and must be refused there.
      healthCheck: { target: `TCP:${pinned.port}` },
      instances,
    }), null);
    await h.admin.apply(lbDocument('unpinned', {
      listeners: [listener(unpinnedPort, 'HTTP', pinned.port, 'HTTPS')],
      healthCheck: { target: `TCP:${pinned.port}` },
      instances,
    }), null);
    for (const name of ['pinned', 'unpinned']) {
      await waitFor(`${name}: both InService`, async () => (await h.admin.get(`/v1/load-balancers/${name}/instance-health`)).body.InstanceStates.every((s: any) => s.State === 'InService'));
    }
  });
  afterAll(async () => {
    await h.stop();
    await pinned.close();
    await other.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the pinned back end answers; the unpinned one gets 502 and not one request byte; failures are counted', async () => {
    const before = other.bytesReceived;
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await httpGet(`http://127.0.0.1:${port}/x`));
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 502);
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.every((r) => r.body === 'i-0000pin1')).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(ok.length + refused.length).toBe(8);
    expect(other.bytesReceived).toBe(before);
    const counters = (await h.admin.get('/v1/load-balancers/pinned')).body.counters;
    expect(counters.BackendAuthenticationFailures).toBe(refused.length);
    expect(counters.HTTPCode_ELB_5XX).toBe(refused.length);
    // A security refusal is not a refused connection: never sent to the other instance.
    expect(counters.BackendRedispatches).toBe(0);
  });

  test('without a back-end authentication policy, back-end certificates are not verified (as on ELB)', async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const r = await httpGet(`http://127.0.0.1:${unpinnedPort}/x`);
      expect(r.status).toBe(200);
      bodies.add(r.body);
    }
    expect([...bodies].sort()).toEqual(['i-0000pin1', 'i-0000pin2']);
  });

  test('an HTTPS health check to an instance whose key is not pinned fails, so it leaves service', async () => {
    const current = (await h.admin.get('/v1/load-balancers/pinned')).body;
    await h.admin.apply({ ...current.document, healthCheck: { ...current.document.healthCheck, target: `HTTPS:${pinned.port}/health` } }, current.revision);
    await waitFor('unpinned instance OutOfService', async () => {
      const states = (await h.admin.get('/v1/load-balancers/pinned/instance-health')).body.InstanceStates;
      return states.find((s: any) => s.InstanceId === 'i-0000pin2').State === 'OutOfService'
        && states.find((s: any) => s.InstanceId === 'i-0000pin1').State === 'InService';
    });
    for (let i = 0; i < 4; i++) expect(await httpGet(`http://127.0.0.1:${port}/x`)).toMatchObject({ status: 200, body: 'i-0000pin1' });
  });
});
