import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

const A = { instanceId: 'i-00drain01', address: '127.77.0.121' };
const B = { instanceId: 'i-00drain02', address: '127.77.0.122' };

describe.each(SERVING_MODES)('deregistration and connection draining (elb-facts §6.7), %s', (_mode, workers) => {
  let h: ServingEngine;
  let a: TestBackend;
  let b: TestBackend;
  let port: number;
  let revision: number;

  const doc = (instances: typeof A[], draining: { enabled: boolean; timeoutSeconds: number }) => ({
    ...lbDocument('drain', { listeners: [listener(port, 'HTTP', a.port, 'HTTP')], healthCheck: { target: `TCP:${a.port}` }, instances }),
    connectionDraining: draining,
  });
  const health = async () => (await h.admin.get('/v1/load-balancers/drain/instance-health')).body.InstanceStates as any[];
  /** Sends GET /hold until one lands on instance A (B's are released at once); returns the pending request, boxed so it is not awaited. */
  const holdOnA = async (): Promise<{ pending: Promise<{ status: number; body: string }> }> => {
    for (let i = 0; i < 10; i++) {
      const pending = httpGet(`http://127.0.0.1:${port}/hold`).then((r) => r, (e: Error) => ({ status: 0, body: e.message, headers: {} }));
      const heldBefore = a.held;
      const landed = await waitFor('the request held on A or B', () => (a.held > heldBefore ? 'a' : b.held > 0 ? 'b' : undefined), 5_000);
      if (landed === 'a') return { pending };
      b.releaseHeld();
      await pending;
    }
    throw new Error('no /hold request reached instance A');
  };

  beforeAll(async () => {
    a = await startHttpBackend(A.instanceId, A.address);
    b = await startHttpBackend(B.instanceId, B.address, a.port);
    h = await startServingEngine(workers);
    port = await freePort();
  });
  beforeEach(async () => {
    const current = await h.admin.get('/v1/load-balancers/drain');
    revision = await h.admin.apply(doc([A, B], { enabled: true, timeoutSeconds: 30 }), current.status === 200 ? current.body.revision : null);
    await waitFor('both InService', async () => (await health()).filter((s) => s.State === 'InService').length === 2);
  });
  afterAll(async () => {
    await h.stop();
    await a.close();
    await b.close();
  });

  test('with draining, an in-flight request finishes while the instance is reported as deregistering, and new requests avoid it', async () => {
    const { pending } = await holdOnA();
    revision = await h.admin.apply(doc([B], { enabled: true, timeoutSeconds: 30 }), revision);
    expect(await health()).toEqual(expect.arrayContaining([{ InstanceId: A.instanceId, State: 'InService', ReasonCode: 'ELB', Description: 'Instance deregistration currently in progress.' }]));
    for (let i = 0; i < 4; i++) expect(await httpGet(`http://127.0.0.1:${port}/x`)).toMatchObject({ status: 200, body: B.instanceId });
    a.releaseHeld();
    expect(await pending).toMatchObject({ status: 200, body: A.instanceId });
    await waitFor('drain finished', async () => (await health()).every((s) => s.InstanceId !== A.instanceId));
  });

  test('with draining, what is left when the drain timeout expires is closed', async () => {
    revision = await h.admin.apply(doc([A, B], { enabled: true, timeoutSeconds: 1 }), revision);
    const { pending } = await holdOnA();
    const started = Date.now();
    revision = await h.admin.apply(doc([B], { enabled: true, timeoutSeconds: 1 }), revision);
    const r = await pending;
    expect(r.status).toBe(0); // the connection was closed, no response
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await health()).map((s) => s.InstanceId)).toEqual([B.instanceId]);
    a.releaseHeld();
  });

  test('without draining, in-flight requests to a deregistered instance are closed at once', async () => {
    revision = await h.admin.apply(doc([A, B], { enabled: false, timeoutSeconds: 300 }), revision);
    const { pending } = await holdOnA();
    revision = await h.admin.apply(doc([B], { enabled: false, timeoutSeconds: 300 }), revision);
    expect((await pending).status).toBe(0);
    expect((await health()).map((s) => s.InstanceId)).toEqual([B.instanceId]);
    a.releaseHeld();
  });
});
