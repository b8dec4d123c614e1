import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { lbDocument, listener } from './helpers/documents';
import { SERVING_MODES, ServingEngine, startServingEngine } from './helpers/engine-harness';
import { httpGet } from './helpers/http-client';
import { waitFor } from './helpers/wait';

const INSTANCES = [{ instanceId: 'i-0000stk01', address: '127.77.0.131' }, { instanceId: 'i-0000stk02', address: '127.77.0.132' }];

describe.each(SERVING_MODES)('sticky sessions (elb-facts §6.4), %s', (_mode, workers) => {
  let h: ServingEngine;
  let a: TestBackend;
  let b: TestBackend;
  let lbPort: number;
  let appPort: number;
  const awselb = (setCookie: string | string[] | undefined) => ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('AWSELB='));

  beforeAll(async () => {
    a = await startHttpBackend(INSTANCES[0].instanceId, INSTANCES[0].address);
    b = await startHttpBackend(INSTANCES[1].instanceId, INSTANCES[1].address, a.port);
    h = await startServingEngine(workers);
    lbPort = await freePort();
    appPort = await freePort();
    await h.admin.apply(lbDocument('sticky', {
      listeners: [
        listener(lbPort, 'HTTP', a.port, 'HTTP', { policyNames: ['lb-sticky'] }),
        listener(appPort, 'HTTP', a.port, 'HTTP', { policyNames: ['app-sticky'] }),
      ],
      policies: [
        { policyName: 'lb-sticky', policyTypeName: 'LBCookieStickinessPolicyType', attributes: [{ name: 'CookieExpirationPeriod', value: '300' }] },
        { policyName: 'app-sticky', policyTypeName: 'AppCookieStickinessPolicyType', attributes: [{ name: 'CookieName', value: 'JSESSIONID' }] },
      ],
      healthCheck: { target: `HTTP:${a.port}/health` },
      instances: INSTANCES,
    }), null);
    await waitFor('both InService', async () => (await h.admin.get('/v1/load-balancers/sticky/instance-health')).body.InstanceStates.every((s: any) => s.State === 'InService'));
  });
  afterAll(async () => {
    await h.stop();
    await a.close();
    await b.close();
  });

  test('LB cookie: the first response sets AWSELB with the expiration; requests carrying it stay on that instance', async () => {
    const first = await httpGet(`http://127.0.0.1:${lbPort}/s`);
    const cookie = awselb(first.headers['set-cookie']);
    expect(cookie).toMatch(/^AWSELB=[0-9A-F]{40}; Max-Age=300; Path=\/$/);
    const value = cookie!.split(';')[0];
    for (let i = 0; i < 8; i++) {
      const r = await httpGet(`http://127.0.0.1:${lbPort}/s`, { headers: { cookie: `other=1; ${value}` } });
      expect(r.body).toBe(first.body);
      expect(awselb(r.headers['set-cookie'])).toBeUndefined(); // never refreshed
    }
  });

  test('LB cookie: when the pinned instance is not InService, the request is routed normally and gets a new cookie', async () => {
    const first = await httpGet(`http://127.0.0.1:${lbPort}/s`);
    const value = awselb(first.headers['set-cookie'])!.split(';')[0];
    const pinned = first.body === INSTANCES[0].instanceId ? a : b;
    pinned.healthStatus = 500;
    try {
      await waitFor('pinned instance OutOfService', async () => (await h.admin.get('/v1/load-balancers/sticky/instance-health')).body.InstanceStates.some((s: any) => s.InstanceId === first.body && s.State === 'OutOfService'));
      const r = await httpGet(`http://127.0.0.1:${lbPort}/s`, { headers: { cookie: value } });
      expect(r.body).not.toBe(first.body);
      expect(awselb(r.headers['set-cookie'])).toBeDefined();
    } finally {
      pinned.healthStatus = 200;
      await waitFor('back InService', async () => (await h.admin.get('/v1/load-balancers/sticky/instance-health')).body.InstanceStates.every((s: any) => s.State === 'InService'));
    }
  });

  test('app cookie: AWSELB is issued only when the application sets its cookie, copying its attributes, and then sticks', async () => {
    const plain = await httpGet(`http://127.0.0.1:${appPort}/s`);
    expect(awselb(plain.headers['set-cookie'])).toBeUndefined();
    const login = await httpGet(`http://127.0.0.1:${appPort}/login`, { headers: { 'x-test-set-cookie': 'JSESSIONID=abc123; Path=/app; HttpOnly; Max-Age=600' } });
    const cookie = awselb(login.headers['set-cookie']);
    expect(cookie).toMatch(/^AWSELB=[0-9A-F]{40}; Path=\/app; HttpOnly; Max-Age=600$/);
    expect(([] as string[]).concat(login.headers['set-cookie'] ?? [])).toContain('JSESSIONID=abc123; Path=/app; HttpOnly; Max-Age=600');
    for (let i = 0; i < 8; i++) {
      const r = await httpGet(`http://127.0.0.1:${appPort}/app/x`, { headers: { cookie: `JSESSIONID=abc123; ${cookie!.split(';')[0]}` } });
      expect(r.body).toBe(login.body);
    }
  });

  test('an unknown AWSELB value is ignored', async () => {
    const r = await httpGet(`http://127.0.0.1:${lbPort}/s`, { headers: { cookie: 'AWSELB=NOTAVALUE' } });
    expect(r.status).toBe(200);
    expect(awselb(r.headers['set-cookie'])).toBeDefined();
  });
});
