import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { LoadBalancerDocuments } from '../../../lib/policy/document/load-balancer-documents';
import { StateStore } from '../../../provider/engine/state/state-store';
import { startHttpBackend, freePort, TestBackend } from './helpers/backends';
import { makeCert, tempDir, TestCert } from './helpers/certs';
import { lbDocument, listener, sslPolicy } from './helpers/documents';
import { EngineProcess, requireBuild, runEngineExpectingFailure, spawnEngine } from './helpers/engine-process';
import { httpGet } from './helpers/http-client';
import { nodeHandshake } from './helpers/tls-client';
import { waitFor } from './helpers/wait';

/** The model's canonical text of a document (normalized, keys sorted). */
const canonical = (doc: any) => LoadBalancerDocuments.serialize(doc);
const POLICY = { protocols: ['Protocol-TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'], serverDefinedCipherOrder: true };
/** The bytes of every file holding the engine's state: the snapshot and, when there is one, the journal. */
const stateFiles = (stateDir: string) => Object.fromEntries(['state.json', 'state.journal']
  .filter((n) => fs.existsSync(path.join(stateDir, n)))
  .map((n) => [n, fs.readFileSync(path.join(stateDir, n)).toString('base64')]));

// These tests spawn the built engine: `npm run build` must have run (CI does it before `npm test`).
describe('the engine process', () => {
  let dir: string;
  let cert: TestCert;
  let backend: TestBackend;
  const running: EngineProcess[] = [];

  beforeAll(async () => {
    requireBuild();
    dir = tempDir('proc');
    cert = makeCert(dir, 'localhost');
    backend = await startHttpBackend('i-00000p01', '127.77.0.81');
  });
  afterEach(() => {
    for (const e of running.splice(0)) if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const docFor = (name: string, httpPort: number, tlsPort: number, idle = 60) => lbDocument(name, {
    listeners: [listener(httpPort, 'HTTP', backend.port, 'HTTP'), listener(tlsPort, 'HTTPS', backend.port, 'HTTP', { sslCertificateId: 'site', policyNames: ['front'] })],
    policies: [sslPolicy('front', POLICY)],
    healthCheck: { target: `HTTP:${backend.port}/health` },
    instances: [{ instanceId: 'i-00000p01', address: '127.77.0.81' }],
    idleTimeoutSeconds: idle,
  });

  test('prints one ready line, stops cleanly on SIGTERM, and a restart restores the state byte for byte', async () => {
    const stateDir = path.join(dir, 'restart');
    const first = await spawnEngine(stateDir);
    running.push(first);
    const httpPort = await freePort();
    const tlsPort = await freePort();
    expect((await first.admin.put('/v1/server-certificates/site', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    await first.admin.apply(docFor('restart', httpPort, tlsPort), null);
    const readsBefore = await Promise.all(['/v1/load-balancers', '/v1/load-balancers/restart/policies', '/v1/server-certificates/site'].map((p) => first.admin.get(p)));
    const lbBefore = (await first.admin.get('/v1/load-balancers/restart')).body;
    const filesBefore = stateFiles(stateDir);
    expect(Object.keys(filesBefore)).toContain('state.json');
    const tokenBefore = fs.readFileSync(path.join(stateDir, 'admin-token'));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await spawnEngine(stateDir);
    running.push(second);
    expect(stateFiles(stateDir)).toEqual(filesBefore);
    expect(fs.readFileSync(path.join(stateDir, 'admin-token')).equals(tokenBefore)).toBe(true);
    const readsAfter = await Promise.all(['/v1/load-balancers', '/v1/load-balancers/restart/policies', '/v1/server-certificates/site'].map((p) => second.admin.get(p)));
    expect(readsAfter.map((r) => r.text)).toEqual(readsBefore.map((r) => r.text));
    const lbAfter = (await second.admin.get('/v1/load-balancers/restart')).body;
    expect(JSON.stringify(lbAfter.document)).toBe(JSON.stringify(lbBefore.document));
    expect(lbAfter.revision).toBe(lbBefore.revision);
    // ... and it serves traffic with the restored policy
    await waitFor('InService after restart', async () => (await second.admin.get('/v1/load-balancers/restart/instance-health')).body.InstanceStates[0].State === 'InService');
    expect(await httpGet(`http://127.0.0.1:${httpPort}/x`)).toMatchObject({ status: 200, body: 'i-00000p01' });
    expect(await nodeHandshake(tlsPort, { maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES128-GCM-SHA256' });
    expect((await nodeHandshake(tlsPort, { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' })).ok).toBe(false);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // ... and a restart whose listener port is taken is a clear error exit that leaves the state alone
    const blocker = net.createServer();
    await new Promise<void>((resolve, reject) => { blocker.once('error', reject); blocker.listen(httpPort, '127.0.0.1', () => resolve()); });
    try {
      const failed = await runEngineExpectingFailure(stateDir);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('SECLB_ENGINE_PORT_IN_USE');
      expect(failed.stderr).toContain(String(httpPort));
      expect(stateFiles(stateDir)).toEqual(filesBefore);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  test('a SIGKILL during applies leaves the old or the new state, never a mix', async () => {
    const stateDir = path.join(dir, 'kill');
    const httpPort = await freePort();
    const tlsPort = await freePort();
    const sent = new Map<number, string>(); // idleTimeoutSeconds -> serialized document
    let e = await spawnEngine(stateDir);
    running.push(e);
    expect((await e.admin.put('/v1/server-certificates/site', { certificateBody: cert.certPem, privateKey: cert.keyPem })).status).toBe(200);
    let revision: number | null = await e.admin.apply(docFor('kill', httpPort, tlsPort, 1), null);
    sent.set(1, canonical((await e.admin.get('/v1/load-balancers/kill')).body.document));
    let idle = 1;
    let applied = 0;
    for (let round = 0; round < 5; round++) {
      // Fire a stream of applies and kill the process after a varying delay, mid-stream.
      const stream = (async (): Promise<'interrupted' | 'completed'> => {
        for (let i = 0; i < 200; i++) {
          idle++;
          const d = docFor('kill', httpPort, tlsPort, idle);
          sent.set(idle, canonical(d));
          try {
            const r = await e.admin.put('/v1/load-balancers/kill', { document: d, expectedRevision: revision });
            if (r.status !== 200) return 'interrupted';
            revision = r.body.revision;
            applied++;
          } catch {
            return 'interrupted'; // the process died under us
          }
        }
        return 'completed';
      })();
      // Kill once this round has landed at least one apply, after a delay that varies per round.
      const appliedBefore = applied;
      await waitFor('an apply in this round', () => applied > appliedBefore, 30_000, 2);
      await new Promise((r) => setTimeout(r, round * 7));
      e.child.kill('SIGKILL');
      await e.exited;
      expect(await stream).toBe('interrupted');

      // THEN the state files (snapshot plus journal) load and hold exactly one of the documents
      // that were sent, whole; loaded from a copy, so the engine meets the files as the kill left them
      expect(fs.readdirSync(stateDir).filter((n) => n.endsWith('.tmp')).length).toBeLessThanOrEqual(1);
      const copy = path.join(dir, `kill-copy-${round}`);
      fs.cpSync(stateDir, copy, { recursive: true });
      const state = new StateStore(copy).load();
      const live = state.loadBalancers.kill;
      expect(sent.get(live.document.idleTimeoutSeconds)).toBe(canonical(live.document));
      expect(live.revision).toBeLessThanOrEqual(state.engineRevision);
      expect(Object.keys(state.serverCertificates)).toEqual(['site']);

      // ... and the engine restarts from it (leftover temporary files are ignored and removed)
      e = await spawnEngine(stateDir);
      running.push(e);
      const lb = (await e.admin.get('/v1/load-balancers/kill')).body;
      expect(lb.revision).toBe(live.revision);
      revision = lb.revision;
      expect(fs.readdirSync(stateDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
    expect(applied).toBeGreaterThanOrEqual(5);
    e.child.kill('SIGTERM');
    expect(await e.exited).toBe(0);
  }, 90_000);

  test('a corrupt state file is a clear error exit, never a silent empty engine', async () => {
    for (const [label, content] of [['truncated JSON', '{"format": "seclb-engine-state", "formatVersion": 1, "engineRev'], ['wrong shape', '{"format":"seclb-engine-state","formatVersion":1,"engineRevision":3,"loadBalancers":[],"serverCertificates":{}}']]) {
      const stateDir = path.join(dir, `corrupt-${label.replace(/\W/g, '-')}`);
      fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(stateDir, 'state.json'), content, { mode: 0o600 });
      const r = await runEngineExpectingFailure(stateDir);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('SECLB_ENGINE_STATE_CORRUPT');
      expect(r.stderr).toContain(path.join(stateDir, 'state.json'));
      expect(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')).toBe(content);
    }
  });

  test('a second engine process on the same state directory is refused while the first runs', async () => {
    const stateDir = path.join(dir, 'locked');
    const first = await spawnEngine(stateDir);
    running.push(first);
    const second = await runEngineExpectingFailure(stateDir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('SECLB_ENGINE_STATE_LOCKED');
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect((await first.admin.get('/v1/status')).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  test('private keys never appear in the logs', async () => {
    const stateDir = path.join(dir, 'logs');
    const e = await spawnEngine(stateDir, ['--log-level', 'debug']);
    running.push(e);
    await e.admin.put('/v1/server-certificates/site', { certificateBody: cert.certPem, privateKey: cert.keyPem });
    await e.admin.put('/v1/server-certificates/bad', { certificateBody: cert.certPem, privateKey: 'not a key' });
    e.child.kill('SIGTERM');
    await e.exited;
    const keyLine = cert.keyPem.split('\n')[1];
    expect(e.stderr()).not.toContain(keyLine);
    expect(e.stderr()).not.toContain('PRIVATE KEY');
    expect(e.stderr()).toContain('server certificate stored');
  });
});
