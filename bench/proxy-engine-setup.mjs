// Starts the engine (build/provider/engine/main.js) for bench/proxy-comparison.sh and configures one
// load balancer with HTTP, HTTPS and TCP listeners in front of one back end, through the admin API.
// Usage: node bench/proxy-engine-setup.mjs STATE_DIR CERT KEY BACKEND_PORT HTTP_PORT HTTPS_PORT TCP_PORT [engine args...]
// Prints the engine pid on stdout once the instance is InService; the engine keeps running.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const [stateDir, certFile, keyFile, backendPort, httpPort, httpsPort, tcpPort, ...engineArgs] = process.argv.slice(2);
const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'provider', 'engine', 'main.js');
// ENGINE_NODE_ARGS: node options for the engine process, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
const nodeArgs = (process.env.ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, main, '--state-dir', stateDir, '--log-level', 'warn', ...engineArgs], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
const deadline = (ms) => AbortSignal.timeout(ms);
const ready = await new Promise((resolve, reject) => {
  let out = '';
  const t = setTimeout(() => reject(new Error('engine not ready within 30 s')), 30_000);
  child.stdout.on('data', (d) => {
    out += d;
    const line = out.split('\n').find((l) => l.includes('"event":"ready"'));
    if (line) { clearTimeout(t); resolve(JSON.parse(line)); }
  });
  child.on('exit', (c) => reject(new Error(`engine exited ${c}`)));
});
const token = fs.readFileSync(path.join(stateDir, 'admin-token'), 'utf8').trim();
const call = async (method, p, body) => {
  const r = await fetch(`${ready.adminUrl}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body), signal: deadline(15_000) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${method} ${p}: ${r.status} ${text}`);
  return JSON.parse(text);
};
await call('PUT', '/v1/server-certificates/bench', { certificateBody: fs.readFileSync(certFile, 'utf8'), privateKey: fs.readFileSync(keyFile, 'utf8') });
const listener = (loadBalancerPort, protocol, instanceProtocol, extra = {}) => ({ loadBalancerPort: Number(loadBalancerPort), protocol, instancePort: Number(backendPort), instanceProtocol, policyNames: [], ...extra });
const doc = {
  schemaVersion: 1, name: 'bench', availabilityZones: ['local-1a'], subnets: [], securityGroups: [], internal: false,
  crossZoneLoadBalancing: true, idleTimeoutSeconds: 60, connectionDraining: { enabled: false, timeoutSeconds: 300 }, desyncMitigationMode: 'defensive',
  listeners: [listener(httpPort, 'HTTP', 'HTTP'), listener(httpsPort, 'HTTPS', 'HTTP', { sslCertificateId: 'bench' }), listener(tcpPort, 'TCP', 'TCP')]
    .sort((a, b) => a.loadBalancerPort - b.loadBalancerPort),
  policies: [], backendServers: [],
  healthCheck: { target: `TCP:${backendPort}`, intervalSeconds: 5, timeoutSeconds: 2, healthyThreshold: 2, unhealthyThreshold: 2 },
  instances: [{ instanceId: 'i-00000001', address: '127.0.0.1' }], tags: {},
};
await call('PUT', '/v1/load-balancers/bench', { document: doc, expectedRevision: null });
for (let i = 0; i < 100; i++) {
  const h = await call('GET', '/v1/load-balancers/bench/instance-health');
  if (h.InstanceStates.every((s) => s.State === 'InService')) { process.stdout.write(`${child.pid}\n`); child.unref(); child.stdout.destroy(); process.exit(0); }
  await new Promise((r) => setTimeout(r, 200));
}
child.kill('SIGTERM');
throw new Error('instance not InService within 20 s');
