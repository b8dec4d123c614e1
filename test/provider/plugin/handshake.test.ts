import * as grpc from '@grpc/grpc-js';
import { ChildProcess, spawn } from 'child_process';
import { X509Certificate } from 'crypto';
import { existsSync } from 'fs';
import { createInterface } from 'readline';
import { loadPluginServices } from '../../../provider/plugin/grpc-definitions';
import { TF_MAGIC_COOKIE_VALUE } from '../../../provider/plugin/handshake';
import { issuePluginCertificate } from '../../../provider/plugin/tls/self-signed-certificate';
import { PLUGIN_ENTRY, SeclbWorkspace } from './helpers/seclb-workspace';

// The go-plugin launch contract, spoken the way Terraform speaks it (tfplugin6.md §1.10).

jest.setTimeout(30_000);

interface Exited { code: number | null; stdout: string; stderr: string }

function launch(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [PLUGIN_ENTRY], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess, timeoutMs = 10_000): Promise<Exited> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`plugin did not exit within ${timeoutMs} ms; stderr: ${stderr}`)); }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

function firstLine(child: ChildProcess, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no handshake within ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => { clearTimeout(timer); resolve(line); });
  });
}

const TERRAFORM_ENV = { TF_PLUGIN_MAGIC_COOKIE: TF_MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_MIN_PORT: '10000', PLUGIN_MAX_PORT: '25000' };

beforeAll(() => SeclbWorkspace.assertReady());

test('without the magic cookie: one line on stderr, nothing on stdout, exit status 1', async () => {
  const r = await exited(launch({}));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^SECLB_PLUGIN_NOT_STARTED_BY_TERRAFORM: .*started by Terraform/);
});

test('a client certificate that is not PEM: one line on stderr and exit status 1, never a hang', async () => {
  const r = await exited(launch({ ...TERRAFORM_ENV, PLUGIN_CLIENT_CERT: 'not a certificate' }));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^SECLB_PLUGIN_BAD_CLIENT_CERT: /);
});

test('a socket directory that cannot be used: one line on stderr naming it, exit status 1', async () => {
  const r = await exited(launch({ ...TERRAFORM_ENV, PLUGIN_UNIX_SOCKET_DIR: '/nonexistent/seclb' }));
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^SECLB_PLUGIN_LISTEN_FAILED: could not listen on the unix socket \/nonexistent\/seclb\/plugin\* /);
});

test('--debug: no cookie needed, plaintext, and the TF_REATTACH_PROVIDERS value on stderr', async () => {
  const child = spawn(process.execPath, [PLUGIN_ENTRY, '--debug'], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = exited(child);
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stderr! }).on('line', (l) => { if (l.startsWith('TF_REATTACH_PROVIDERS=')) resolve(l); }));
  const reattach = JSON.parse(line.replace(/^TF_REATTACH_PROVIDERS='/, '').replace(/'$/, ''));
  const entry = reattach['registry.terraform.io/cdktf-secure-elb/seclb'];
  expect(entry).toMatchObject({ Protocol: 'grpc', ProtocolVersion: 6, Pid: child.pid, Test: true, Addr: { Network: 'unix' } });
  const services = loadPluginServices();
  const Provider = grpc.makeGenericClientConstructor(services.provider, 'Provider');
  const provider = new Provider(`unix://${entry.Addr.String}`, grpc.credentials.createInsecure()) as any;
  const schema = await new Promise<any>((resolve, reject) => provider.GetProviderSchema({}, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));
  expect(Object.keys(schema.resource_schemas)).toHaveLength(3);
  provider.close();
  child.kill('SIGTERM');
  const r = await done;
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('');
});

test('plaintext (TF_DISABLE_PLUGIN_TLS): one handshake line with an empty certificate field; Shutdown ends the process', async () => {
  const child = launch(TERRAFORM_ENV);
  const done = exited(child);
  const line = await firstLine(child);
  expect(line).toMatch(/^1\|6\|unix\|\/[^|]+\|grpc\|$/);
  const socket = line.split('|')[3];
  expect(existsSync(socket)).toBe(true);
  const services = loadPluginServices();
  const Controller = grpc.makeGenericClientConstructor(services.controller, 'GRPCController');
  const client = new Controller(`unix://${socket}`, grpc.credentials.createInsecure());
  await new Promise<void>((resolve, reject) => (client as any).Shutdown({}, (err: Error | null) => (err ? reject(err) : resolve())));
  client.close();
  const r = await done;
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(`${line}\n`);
  expect(existsSync(socket)).toBe(false);
});

test('AutoMTLS: the certificate field is unpadded base64 DER for localhost; the schema is served over mutual TLS', async () => {
  const clientCert = issuePluginCertificate();
  const child = launch({ ...TERRAFORM_ENV, PLUGIN_CLIENT_CERT: clientCert.certPem });
  const done = exited(child);
  const line = await firstLine(child);
  const fields = line.split('|');
  expect(fields.slice(0, 3)).toEqual(['1', '6', 'unix']);
  expect(fields[4]).toBe('grpc');
  expect(fields[5]).toMatch(/^[A-Za-z0-9+/]{50,}$/);
  const server = new X509Certificate(Buffer.from(fields[5], 'base64'));
  expect(server.checkHost('localhost')).toBe('localhost');
  expect(server.subjectAltName).toBe('DNS:localhost');

  const services = loadPluginServices();
  const creds = grpc.credentials.createSsl(Buffer.from(server.toString()), Buffer.from(clientCert.keyPem), Buffer.from(clientCert.certPem));
  const Provider = grpc.makeGenericClientConstructor(services.provider, 'Provider');
  const provider = new Provider(`unix://${fields[3]}`, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' }) as any;
  const schema = await new Promise<any>((resolve, reject) => provider.GetProviderSchema({}, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));
  expect(Object.keys(schema.resource_schemas).sort()).toEqual(['seclb_load_balancer', 'seclb_policy_attachment', 'seclb_server_certificate']);
  const key = schema.resource_schemas.seclb_server_certificate.block.attributes.find((a: { name: string }) => a.name === 'private_key');
  expect(key.sensitive).toBe(true);
  provider.close();

  const Controller = grpc.makeGenericClientConstructor(services.controller, 'GRPCController');
  const controller = new Controller(`unix://${fields[3]}`, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' }) as any;
  await new Promise<void>((resolve, reject) => controller.Shutdown({}, (err: Error | null) => (err ? reject(err) : resolve())));
  controller.close();
  expect((await done).code).toBe(0);
});

test('a client without the expected certificate is refused by the TLS server', async () => {
  const expected = issuePluginCertificate();
  const intruder = issuePluginCertificate();
  const child = launch({ ...TERRAFORM_ENV, PLUGIN_CLIENT_CERT: expected.certPem });
  const done = exited(child);
  const fields = (await firstLine(child)).split('|');
  const server = new X509Certificate(Buffer.from(fields[5], 'base64'));
  const services = loadPluginServices();
  const creds = grpc.credentials.createSsl(Buffer.from(server.toString()), Buffer.from(intruder.keyPem), Buffer.from(intruder.certPem));
  const Provider = grpc.makeGenericClientConstructor(services.provider, 'Provider');
  const provider = new Provider(`unix://${fields[3]}`, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' }) as any;
  const deadline = new Date(Date.now() + 5000);
  await expect(new Promise((resolve, reject) => provider.GetProviderSchema({}, { deadline }, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))))).rejects.toThrow();
  provider.close();
  child.kill('SIGTERM');
  expect((await done).code).toBe(0);
});
