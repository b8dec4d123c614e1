import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { tempDir } from '../helpers/certs';
import { ENGINE_MAIN, requireBuild } from '../helpers/engine-process';
import { startElbApiEngine } from './helpers/elb-api-engine';

// Starting and stopping the engine with its ELB API: the key pair is made once and kept, the
// endpoint file lives as long as the engine, and a start that cannot open the API fails clearly.

let dir: string;
beforeAll(() => requireBuild());
beforeEach(() => { dir = tempDir('elb-api-start'); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function runExpectingFailure(args: string[]): Promise<{ code: number | string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENGINE_MAIN, '--state-dir', dir, '--workers', '1', '--log-level', 'warn', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the engine did not exit within 30 s')); }, 30_000);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code: code ?? signal ?? -1, stderr }); });
  });
}

test('the key pair is created once (0600) and kept across restarts; elb-api.json exists only while the engine runs', async () => {
  const first = await startElbApiEngine({ stateDir: dir });
  const keys = fs.readFileSync(path.join(dir, 'elb-api-credentials.json'), 'utf8');
  expect(JSON.parse(keys).accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
  expect(JSON.parse(keys).secretAccessKey).toHaveLength(40);
  expect(fs.statSync(path.join(dir, 'elb-api-credentials.json')).mode & 0o777).toBe(0o600);
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'elb-api.json'), 'utf8'))).toEqual({ url: first.api.url, pid: expect.any(Number), accountId: '123456789012' });
  await first.stop();
  expect(fs.existsSync(path.join(dir, 'elb-api.json'))).toBe(false);
  const second = await startElbApiEngine({ stateDir: dir });
  expect(fs.readFileSync(path.join(dir, 'elb-api-credentials.json'), 'utf8')).toBe(keys);
  expect((await second.api.elb('DescribeLoadBalancers')).status).toBe(200);
  await second.stop();
}, 60_000);

test('a taken --elb-api-port: exit 1 with SECLB_ENGINE_START_FAILED naming the port and the fix', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const r = await runExpectingFailure(['--elb-api-port', String(port)]);
    expect(r.code).toBe(1);
    const line = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(line.code).toBe('SECLB_ENGINE_START_FAILED');
    expect(line.msg).toMatch(new RegExp(`the ELB API cannot listen on 127\\.0\\.0\\.1:${port} \\(.*EADDRINUSE.*\\).*Fix: pass another --elb-api-port, or 0`));
  } finally {
    await new Promise<void>((r) => blocker.close(() => r()));
  }
}, 60_000);

test('a damaged key file: exit 1 with SECLB_ENGINE_STATE_CORRUPT naming it; the file is left as it was', async () => {
  const file = path.join(dir, 'elb-api-credentials.json');
  fs.writeFileSync(file, '{"accessKeyId": 1}', { mode: 0o600 });
  const r = await runExpectingFailure(['--elb-api-port', '0']);
  expect(r.code).toBe(1);
  const line = JSON.parse(r.stderr.trim().split('\n').pop()!);
  expect(line.code).toBe('SECLB_ENGINE_STATE_CORRUPT');
  expect(line.msg).toContain(file);
  expect(fs.readFileSync(file, 'utf8')).toBe('{"accessKeyId": 1}');
}, 60_000);

test('--elb-api-port out of range is refused before anything starts', async () => {
  const r = await runExpectingFailure(['--elb-api-port', '70000']);
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stderr.trim().split('\n').pop()!)).toMatchObject({ code: 'SECLB_ENGINE_BAD_OPTION' });
  expect(fs.existsSync(path.join(dir, 'elb-api-credentials.json'))).toBe(false);
}, 30_000);
