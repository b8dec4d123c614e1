import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { startEngine, EngineHarness } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

// Exact threshold counting is pinned by health/instance-health.test.ts; this file proves the wiring.
// Health checks run with healthCheckTimeScale 0.02 (test-only): interval 20 s -> 400 ms, timeout 15 s -> 300 ms.
describe('health checks decide who receives traffic', () => {
  let h: EngineHarness;
  let a: TestBackend;
  let b: TestBackend;
  let port: number;
  const health = async () => (await h.admin.get('/v1/load-balancers/hc/instance-health')).body.InstanceStates as any[];
  const stateOf = async (id: string) => (await health()).find((s) => s.InstanceId === id);

  beforeAll(async () => {
    h = await startEngine();
    a = await startHttpBackend('i-0000hc01', '127.77.0.51');
    b = await startHttpBackend('i-0000hc02', '127.77.0.52', a.port);
    port = await freePort();
    await h.admin.apply(lbDocument('hc', {
      listeners: [listener(port, 'HTTP', a.port, 'HTTP')],
      healthCheck: { target: `HTTP:${a.port}/health`, intervalSeconds: 20, timeoutSeconds: 15, healthyThreshold: 3, unhealthyThreshold: 2 },
      instances: [{ instanceId: 'i-0000hc01', address: '127.77.0.51' }, { instanceId: 'i-0000hc02', address: '127.77.0.52' }],
    }), null);
    await waitFor('both InService', async () => (await health()).every((s) => s.State === 'InService'));
  });
  afterAll(async () => {
    await h.stop();
    await a.close();
    await b.close();
  });

  test('a failing instance leaves service after the unhealthy threshold and returns after the healthy one, with ELB reason codes', async () => {
    // WHEN instance 1 answers its health check with 500
    a.healthStatus = 500;
    const out = await waitFor('i-0000hc01 OutOfService', async () => {
      const s = await stateOf('i-0000hc01');
      return s.State === 'OutOfService' ? s : undefined;
    });
    // THEN it is reported as ELB does, and gets no traffic
    expect(out).toEqual({ InstanceId: 'i-0000hc01', State: 'OutOfService', ReasonCode: 'Instance', Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.' });
    expect(await stateOf('i-0000hc02')).toEqual({ InstanceId: 'i-0000hc02', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' });
    const hitsBefore = a.hits;
    for (let i = 0; i < 10; i++) expect(await httpGet(`http://127.0.0.1:${port}/x`)).toMatchObject({ status: 200, body: 'i-0000hc02' });
    expect(a.hits).toBe(hitsBefore);

    // WHEN it recovers, it passes through "not passed the HealthyThreshold" and returns to service
    a.healthStatus = 200;
    await waitFor('i-0000hc01 back InService', async () => (await stateOf('i-0000hc01')).State === 'InService');
    const bodies = new Set<string>();
    for (let i = 0; i < 10; i++) bodies.add((await httpGet(`http://127.0.0.1:${port}/x`)).body);
    expect(bodies.has('i-0000hc01')).toBe(true);
  });
});
