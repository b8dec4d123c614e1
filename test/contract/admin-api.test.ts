import { writeFileSync } from 'fs';
import { join } from 'path';
import { ADMIN_API_PATHS, AdminApi, ErrorAnswer } from '../../lib/contract/admin-api';
import { EngineAdminClient } from '../../provider/deploy/engine-client/engine-admin-client';
import { connectToEngine } from '../../provider/deploy/engine-client/engine-connection';
import { EngineRequestError } from '../../provider/deploy/engine-client/engine-request-error';
import { EngineErrors } from '../../provider/engine/errors';
import { freePort } from '../provider/engine/helpers/backends';
import { lbDocument, listener } from '../provider/engine/helpers/documents';
import { EngineHarness, startEngine } from '../provider/engine/helpers/engine-harness';

// The admin API's contract is shared by the engine's admin server and the deploy core's client:
// these tests run both ends against each other (a real engine on loopback, port 0) and pin the
// contract's own helpers.

describe('AdminApi helpers', () => {
  test('paths encode names', () => {
    expect(AdminApi.loadBalancer('web')).toBe('/v1/load-balancers/web');
    expect(AdminApi.serverCertificate('a+b@c')).toBe(`${ADMIN_API_PATHS.SERVER_CERTIFICATES}/a%2Bb%40c`);
  });

  test('an error answer carries code, message and the details, and reads back the same', () => {
    const e = EngineErrors.portInUse('web', 8443, 'EADDRINUSE');
    const answer: ErrorAnswer = AdminApi.errorAnswer(e.code, e.message, e.details);
    expect(answer).toEqual({ error: { code: 'SECLB_ENGINE_PORT_IN_USE', message: e.message, port: 8443 } });
    expect(AdminApi.readError(JSON.stringify(answer))).toEqual({ code: e.code, message: e.message, findings: undefined, details: { port: 8443 } });
  });

  test('a body that is no error answer reads as a bare message, never a throw', () => {
    expect(AdminApi.readError('<html>bad gateway</html>')).toEqual({ code: undefined, message: '<html>bad gateway</html>', findings: undefined, details: {} });
    expect(AdminApi.readError('null')).toEqual({ code: undefined, message: 'null', findings: undefined, details: {} });
    expect(AdminApi.readError('{"ok":true}')).toEqual({ code: undefined, message: undefined, findings: undefined, details: {} });
  });
});

describe('the engine serves the contract the client speaks', () => {
  let h: EngineHarness;
  let client: EngineAdminClient;
  let port: number;
  const doc = () => lbDocument('contract-lb', {
    listeners: [listener(port, 'HTTP', 18080, 'HTTP')],
    healthCheck: { target: 'TCP:18080' },
    instances: [{ instanceId: 'i-0000c0a1', address: '127.0.0.81' }],
  });

  beforeAll(async () => {
    h = await startEngine();
    port = await freePort();
    writeFileSync(join(h.stateDir, 'engine.json'), JSON.stringify({ adminUrl: h.admin.url }), { mode: 0o600 });
    client = connectToEngine({ stateDirectory: h.stateDir });
  });
  afterAll(async () => h.stop());

  test('a write answers the contract\'s write answer, and a read the contract\'s load balancer', async () => {
    const written = await client.putLoadBalancer('contract-lb', doc(), null);
    expect([written.created, typeof written.revision, Array.isArray(written.unenforceable)]).toEqual([true, 'number', true]);
    const live = await client.getLoadBalancer('contract-lb');
    expect([live?.name, live?.revision, live?.document.name]).toEqual(['contract-lb', written.revision, 'contract-lb']);
  });

  test('a refusal reaches the client as an EngineRequestError with code, status, message and details', async () => {
    const live = await client.getLoadBalancer('contract-lb');
    const error = await client.putLoadBalancer('contract-lb', doc(), live!.revision + 5).then(() => undefined, (e: unknown) => e) as EngineRequestError;
    expect(error).toBeInstanceOf(EngineRequestError);
    expect([error.code, error.status, error.httpStatus, error.isStale]).toEqual(['SECLB_ENGINE_STALE_REVISION', 409, 409, true]);
    expect(error.message).toMatch(/^SECLB_ENGINE_STALE_REVISION: load balancer 'contract-lb' is at revision \d+/);
    expect(error.details).toEqual({ expectedRevision: live!.revision + 5, liveRevision: live!.revision });
  });
});
