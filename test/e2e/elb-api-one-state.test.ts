/**
 * One state across front ends, with real processes: a stack applied by `seclb apply`, changed
 * through the engine's ELB API (as an AWS client would), is seen by `seclb plan` as drift and
 * restored by `seclb apply`; the API cannot delete the stack's load balancer, and `seclb destroy`
 * leaves what the API created.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../examples/demo/cli-runner';
import { PACKAGE_ROOT } from '../../provider/version';
import { members, QueryClient } from '../provider/engine/elb-api/helpers/query-client';
import { requireBuild } from './helpers/built';
import { freePort } from './helpers/local-project';

jest.setTimeout(240_000);

let dir: string;
let stateDir: string;
const run = (...args: string[]) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, env: { CDKTF_CONTEXT_JSON: '' }, timeoutMs: 90_000 });

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'seclb-e2e-elb-api-'));
  stateDir = join(dir, 'state');
  const port = await freePort();
  writeFileSync(join(dir, 'app.js'), `
const { App, TerraformStack } = require(${JSON.stringify(join(PACKAGE_ROOT, 'node_modules', 'cdktf'))});
const lib = require(${JSON.stringify(join(PACKAGE_ROOT, 'build', 'lib'))});
const app = new App();
const stack = new TerraformStack(app, 'web');
new lib.SecureClassicLoadBalancer(stack, 'Web', { name: 'stack-lb', instances: ['i-00000001'],
  listeners: [{ loadBalancerPort: ${port}, protocol: lib.ListenerProtocol.TCP, instancePort: 9000 }] });
app.synth();
`);
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: `"${process.execPath}" app.js`, output: 'cdktf.out', context: { 'seclb:local': { stateDirectory: stateDir } } }));
  expect((await run('engine', 'start', '--workers', '1', '--elb-api-port', '0')).code).toBe(0);
  expect((await run('apply', '--synth', '--auto-approve')).code).toBe(0);
});

afterAll(async () => {
  await run('engine', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

test('a change made through the ELB API is drift to seclb plan; seclb apply restores the stack', async () => {
  const api = QueryClient.forStateDir(stateDir);
  const modified = await api.elb('ModifyLoadBalancerAttributes', { LoadBalancerName: 'stack-lb', 'LoadBalancerAttributes.ConnectionSettings.IdleTimeout': 300 });
  expect(modified.status).toBe(200);
  const planned = await run('plan', '--format', 'json', '--detailed-exitcode');
  expect(planned.code).toBe(2);
  const [lb] = JSON.parse(planned.stdout).loadBalancers;
  expect(lb.drifted).toBe(true);
  expect(lb.changes).toEqual([expect.objectContaining({ key: 'idleTimeoutSeconds', before: 300, after: 60, origin: 'drift' })]);
  expect((await run('apply', '--auto-approve')).code).toBe(0);
  const attrs = await api.elb('DescribeLoadBalancerAttributes', { LoadBalancerName: 'stack-lb' });
  expect(attrs.xml).toContain('<IdleTimeout>60</IdleTimeout>');
});

test('the API cannot delete the stack\'s load balancer; seclb destroy leaves the API\'s', async () => {
  const api = QueryClient.forStateDir(stateDir);
  const refused = await api.elb('DeleteLoadBalancer', { LoadBalancerName: 'stack-lb' });
  expect(refused).toMatchObject({ status: 400, code: 'OperationNotPermitted' });
  const created = await api.elb('CreateLoadBalancer', {
    LoadBalancerName: 'api-lb', ...members('AvailabilityZones', ['us-east-1a']),
    ...members('Listeners', [{ Protocol: 'TCP', LoadBalancerPort: await freePort(), InstanceProtocol: 'TCP', InstancePort: 9001 }]),
  });
  expect(created.status).toBe(200);
  const destroyed = await run('--json', 'destroy', '--auto-approve');
  expect(destroyed.code).toBe(0);
  const status = JSON.parse((await run('--json', 'status')).stdout);
  expect(status.loadBalancers.map((l: { name: string }) => l.name)).toEqual(['api-lb']);
  expect(status.loadBalancers[0].owner).toMatchObject({ tool: 'elb-api' });
});
