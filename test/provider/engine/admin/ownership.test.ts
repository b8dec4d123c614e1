/**
 * Ownership on the engine, through the real admin API and the deploy core's client: every object
 * records the tool and stack that created it; a delete from another owner is refused (409
 * SECLB_ENGINE_OWNER_CONFLICT, nothing changed) unless forced; owners survive a restart byte for
 * byte; objects written without an owner read as unknown, stay so on update, and need a forced delete.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EngineAdminClient } from '../../../../provider/deploy/engine-client/engine-admin-client';
import { EngineRequestError } from '../../../../provider/deploy/engine-client/engine-request-error';
import { freePort } from '../helpers/backends';
import { makeCert, tempDir, TestCert } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';

const PLUGIN = { tool: 'terraform-plugin', stack: '/work/stacks/web#default' };
const CLI = { tool: 'seclb-cli', stack: 'other' };

let stateDir: string;
let certDir: string;
let cert: TestCert;
let h: EngineHarness;
let port: number;

const token = () => fs.readFileSync(path.join(stateDir, 'admin-token'), 'utf8').trim();
const client = (owner?: { tool: string; stack: string }) => new EngineAdminClient(h.admin.url, token(), 30_000, owner);
const stateBytes = () => Buffer.concat(['state.json', 'state.journal'].flatMap((f) => {
  const p = path.join(stateDir, f);
  return fs.existsSync(p) ? [Buffer.from(`${f}\n`), fs.readFileSync(p)] : [];
}));
const doc = (name: string, lbPort: number) => lbDocument(name, {
  listeners: [listener(lbPort, 'HTTP', 9, 'HTTP')],
  healthCheck: { target: 'TCP:9' },
  instances: [{ instanceId: 'i-0000own1', address: '127.77.0.91' }],
});
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: EngineRequestError) => e);

beforeAll(async () => {
  stateDir = tempDir('owner-state');
  certDir = tempDir('owner-certs');
  cert = makeCert(certDir, 'owner.example');
  h = await startEngine({ stateDir });
  port = await freePort();
});
afterAll(async () => {
  await h.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.rmSync(certDir, { recursive: true, force: true });
});

test('a create records its writer; every read shows the owner', async () => {
  const plugin = client(PLUGIN);
  await plugin.putCertificate('plugin-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem });
  await plugin.putLoadBalancer('plugin-lb', doc('plugin-lb', port), null);
  expect((await plugin.getCertificate('plugin-cert'))).toMatchObject({ owner: PLUGIN, usedBy: [] });
  expect((await plugin.getLoadBalancer('plugin-lb'))!.owner).toEqual(PLUGIN);
  expect(await plugin.listLoadBalancers()).toEqual([{ name: 'plugin-lb', revision: 2, owner: PLUGIN }]);
  expect((await plugin.listCertificates()).map((c) => [c.name, c.owner])).toEqual([['plugin-cert', PLUGIN]]);
});

test('a delete from another tool, or from a client naming no owner, is refused with 409 and changes nothing', async () => {
  const before = stateBytes();
  for (const other of [client(CLI), client({ tool: 'terraform-plugin', stack: '/work/stacks/other#default' }), client()]) {
    const c = await refusal(other.deleteCertificate('plugin-cert'));
    expect([c.status, c.code]).toEqual([409, 'SECLB_ENGINE_OWNER_CONFLICT']);
    expect(c.message).toMatch(/server certificate 'plugin-cert' belongs to terraform-plugin \(stack '\/work\/stacks\/web#default'\).*Rule:.*Fix:.*forceOwner=true/s);
    const l = await refusal(other.deleteLoadBalancer('plugin-lb'));
    expect([l.status, l.code]).toEqual([409, 'SECLB_ENGINE_OWNER_CONFLICT']);
  }
  expect(stateBytes().equals(before)).toBe(true);
  expect(await client().getCertificate('plugin-cert')).toBeDefined();
});

test('an update from another owner keeps the recorded owner (a stack may attach policies to a load balancer it does not own)', async () => {
  const cli = client(CLI);
  const live = (await cli.getLoadBalancer('plugin-lb'))!;
  await cli.putLoadBalancer('plugin-lb', { ...live.document, idleTimeoutSeconds: 30 } as never, live.revision);
  await cli.putCertificate('plugin-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem });
  expect((await cli.getLoadBalancer('plugin-lb'))!.owner).toEqual(PLUGIN);
  expect((await cli.getCertificate('plugin-cert'))!.owner).toEqual(PLUGIN);
});

test('a malformed Seclb-Owner header or forceOwner flag is a 400 that changes nothing', async () => {
  const before = stateBytes();
  const badTool = await fetch(`${h.admin.url}/v1/server-certificates/plugin-cert`, { method: 'DELETE', headers: { authorization: `Bearer ${token()}`, 'seclb-owner': 'tool=aws; stack=x' } });
  expect(badTool.status).toBe(400);
  const body = await badTool.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe('SECLB_ENGINE_BAD_REQUEST');
  expect(body.error.message).toMatch(/Seclb-Owner header is 'tool=aws; stack=x'.*seclb-cli, terraform-plugin, elb-api.*Fix:/s);
  const badFlag = await fetch(`${h.admin.url}/v1/server-certificates/plugin-cert?forceOwner=yes`, { method: 'DELETE', headers: { authorization: `Bearer ${token()}` } });
  expect(badFlag.status).toBe(400);
  expect(stateBytes().equals(before)).toBe(true);
});

test('owners are kept across an engine restart, and the restart leaves the state files byte for byte', async () => {
  const before = stateBytes();
  await h.engine.stop();
  h = await startEngine({ stateDir });
  expect(stateBytes().equals(before)).toBe(true);
  expect((await client().getCertificate('plugin-cert'))!.owner).toEqual(PLUGIN);
  expect((await client().getLoadBalancer('plugin-lb'))!.owner).toEqual(PLUGIN);
});

test('the owner deletes its own objects; a forced delete removes another owner\'s; a certificate in use stays refused even when forced', async () => {
  const cli = client(CLI);
  const lbPort = await freePort();
  await cli.putCertificate('cli-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem });
  const used = { ...doc('cli-lb', lbPort), listeners: [{ ...listener(lbPort, 'HTTPS', 9, 'HTTP'), sslCertificateId: 'cli-cert' }] };
  await cli.putLoadBalancer('cli-lb', used as never, null);
  expect((await cli.getCertificate('cli-cert'))!.usedBy).toEqual(['cli-lb']);
  const inUse = await refusal(client(PLUGIN).deleteCertificate('cli-cert', { forceOwner: true }));
  expect([inUse.status, inUse.code]).toEqual([409, 'SECLB_ENGINE_CERTIFICATE_IN_USE']);
  await cli.deleteLoadBalancer('cli-lb');
  await cli.deleteCertificate('cli-cert');
  await cli.deleteLoadBalancer('plugin-lb', undefined, { forceOwner: true });
  await client().deleteCertificate('plugin-cert', { forceOwner: true });
  expect(await cli.listLoadBalancers()).toEqual([]);
  expect(await cli.listCertificates()).toEqual([]);
});

test('an object written without an owner reads as unknown and stays so when an identified client updates it; identified front ends must force its delete', async () => {
  const anonymous = client();
  await anonymous.putCertificate('old-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem });
  expect((await anonymous.getCertificate('old-cert'))!.owner).toEqual({ tool: 'unknown', stack: '' });
  expect(JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')).serverCertificates['old-cert']?.owner).toBeUndefined();
  const refused = await refusal(client(CLI).deleteCertificate('old-cert'));
  expect(refused.code).toBe('SECLB_ENGINE_OWNER_CONFLICT');
  expect(refused.message).toMatch(/unknown owner/);
  await client(CLI).putCertificate('old-cert', { certificateBody: cert.certPem, privateKey: cert.keyPem });
  expect((await anonymous.getCertificate('old-cert'))!.owner).toEqual({ tool: 'unknown', stack: '' });
  expect((await refusal(client(CLI).deleteCertificate('old-cert'))).code).toBe('SECLB_ENGINE_OWNER_CONFLICT');
  await client(CLI).deleteCertificate('old-cert', { forceOwner: true });
  expect(await anonymous.getCertificate('old-cert')).toBeUndefined();
});
