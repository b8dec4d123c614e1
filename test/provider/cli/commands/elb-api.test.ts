/**
 * `seclb engine start --elb-api-port` and `seclb elb-api credentials|map` with the compiled CLI and
 * engine as real processes; the printed provider block and keys are used for a real signed request.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../../examples/demo/cli-runner';
import { requireBuild } from '../../../e2e/helpers/built';
import { freePort } from '../../engine/helpers/backends';
import { members, QueryClient, text } from '../../engine/elb-api/helpers/query-client';

let dir: string;
let stateDir: string;
const run = (...args: string[]) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, timeoutMs: 30_000 });

beforeAll(() => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-cli-elb-api-'));
  stateDir = join(dir, 'state');
});

afterAll(async () => {
  await run('engine', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

test('credentials before the API runs: SECLB_CLI_ELB_API_NOT_RUNNING naming the command that starts it', async () => {
  const r = await run('elb-api', 'credentials');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/SECLB_CLI_ELB_API_NOT_RUNNING: .*\n  Rule: .*\n  Fix: run `seclb engine start --state-dir .* --elb-api-port 0`/);
});

test('engine start --elb-api-port 0: engine.json records the ELB API URL; key pair file 0600', async () => {
  const r = await run('--json', 'engine', 'start', '--workers', '1', '--elb-api-port', '0');
  expect(r.code).toBe(0);
  const info = JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8'));
  expect(info.elbApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(JSON.parse(r.stdout).elbApiUrl).toBe(info.elbApiUrl);
  expect(statSync(join(stateDir, 'elb-api-credentials.json')).mode & 0o777).toBe(0o600);
  expect(statSync(join(stateDir, 'elb-api.json')).mode & 0o777).toBe(0o600);
});

test('credentials prints endpoint, key id and a provider block, never the secret unless asked', async () => {
  const keys = JSON.parse(readFileSync(join(stateDir, 'elb-api-credentials.json'), 'utf8'));
  const url = JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8')).elbApiUrl;
  const plain = await run('elb-api', 'credentials');
  expect(plain.code).toBe(0);
  expect(plain.stdout).toContain(keys.accessKeyId);
  expect(plain.stdout).not.toContain(keys.secretAccessKey);
  expect(plain.stdout).toContain(`elb = "${url}"`);
  expect(plain.stdout).toContain(`iam = "${url}"`);
  expect(plain.stdout).toContain(`ec2 = "${url}"`);
  expect(plain.stdout).toContain('skip_credentials_validation = true');
  const json = JSON.parse((await run('--json', 'elb-api', 'credentials')).stdout);
  expect(json).toMatchObject({ endpoint: url, accessKeyId: keys.accessKeyId, region: 'us-east-1' });
  expect(json.secretAccessKey).toBeUndefined();
  const shown = JSON.parse((await run('--json', 'elb-api', 'credentials', '--show-secret')).stdout);
  expect(shown.secretAccessKey).toBe(keys.secretAccessKey);
  expect(shown.providerBlock).toContain(`secret_key                  = "${keys.secretAccessKey}"`);
  const env = await run('elb-api', 'credentials', '--env');
  const exported = Object.fromEntries(env.stdout.trim().split('\n').map((l) => l.replace(/^export /, '').split('=')));
  // What --env exports signs a request the engine accepts.
  const client = new QueryClient(url, { accessKeyId: exported.AWS_ACCESS_KEY_ID, secretAccessKey: exported.AWS_SECRET_ACCESS_KEY }, exported.AWS_REGION);
  const answer = await client.elb('DescribeLoadBalancers');
  expect(answer.status).toBe(200);
  // The engine's log never holds the secret.
  expect(readFileSync(join(stateDir, 'engine.log'), 'utf8')).not.toContain(keys.secretAccessKey);
});

test('map writes instance-addresses.json; a registration then serves the instance from that address; bad input is refused', async () => {
  expect((await run('elb-api', 'map', 'i-0123456789abcdef0', '127.0.18.31')).code).toBe(0);
  expect(JSON.parse(readFileSync(join(stateDir, 'instance-addresses.json'), 'utf8'))).toEqual({ 'i-0123456789abcdef0': '127.0.18.31' });
  const client = QueryClient.forStateDir(stateDir);
  const created = await client.elb('CreateLoadBalancer', {
    LoadBalancerName: 'mapped', ...members('AvailabilityZones', ['us-east-1a']),
    ...members('Listeners', [{ Protocol: 'TCP', LoadBalancerPort: 0, InstanceProtocol: 'TCP', InstancePort: 9000 }]),
  });
  expect(created.code).toBe('ValidationError'); // port 0 is not a listener port; nothing is created
  const port = await freePort();
  expect((await client.elb('CreateLoadBalancer', {
    LoadBalancerName: 'mapped', ...members('AvailabilityZones', ['us-east-1a']),
    ...members('Listeners', [{ Protocol: 'TCP', LoadBalancerPort: port, InstanceProtocol: 'TCP', InstancePort: 9000 }]),
  })).status).toBe(200);
  expect((await client.elb('RegisterInstancesWithLoadBalancer', { LoadBalancerName: 'mapped', ...members('Instances', [{ InstanceId: 'i-0123456789abcdef0' }]) })).status).toBe(200);
  const lb = JSON.parse((await run('--json', 'status')).stdout);
  const entry = lb.loadBalancers.find((l: { name: string }) => l.name === 'mapped');
  expect(entry.owner).toMatchObject({ tool: 'elb-api' });
  expect(JSON.stringify(entry)).toContain('127.0.18.31');
  expect(text((await client.elb('DeleteLoadBalancer', { LoadBalancerName: 'mapped' })).xml, 'RequestId')).toBeDefined();
  // Writes are logged with the object they name, and nothing secret.
  const log = readFileSync(join(stateDir, 'engine.log'), 'utf8');
  expect(log).toMatch(/"action":"RegisterInstancesWithLoadBalancer","loadBalancer":"mapped","requestId":"[0-9a-f-]+","msg":"elb api write"/);
  expect(log).not.toContain(client.keys.secretAccessKey);

  const badId = await run('elb-api', 'map', 'i-XYZ', '127.0.0.11');
  expect(badId.code).toBe(1);
  expect(badId.stderr).toMatch(/SECLB_CLI_BAD_OPTION: instance-id is 'i-XYZ'/);
  const badAddress = await run('elb-api', 'map', 'i-0123456789abcdef0', '10.0.0.1');
  expect(badAddress.stderr).toMatch(/SECLB_CLI_BAD_OPTION: address is '10\.0\.0\.1'.*\n  Rule: .*loopback/);
  expect((await run('elb-api', 'map', 'i-0123456789abcdef0', '--remove')).code).toBe(0);
  expect(JSON.parse(readFileSync(join(stateDir, 'instance-addresses.json'), 'utf8'))).toEqual({});
});
