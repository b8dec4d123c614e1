#!/usr/bin/env node
/**
 * `npm run demo`: the walk-through on the local engine, end to end and unprivileged (every port
 * ≥ 1024, chosen free at run time). See examples/demo/README.md for what it shows. Cleans up after
 * itself (engine stopped, back ends closed, temporary directory removed), also on failure and
 * Ctrl-C; exits non-zero when any step's expectation fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../provider/version';
import { loadWalkthroughCertificates } from '../walkthrough/certificates';
import { Backends, startBackends } from './backends';
import { seclb } from './cli-runner';
import { get, handshake } from './probes';

const INSTANCES = [{ instanceId: 'i-0bb7ca62', address: '127.0.0.11' }, { instanceId: 'i-4f8cf126', address: '127.0.0.12' }];
/** The changed cipher policy: the walk-through's, without TLS 1.0. */
const WITHOUT_TLS10 = { basedOn: 'ELBSecurityPolicy-2016-08', enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] };

let step = 0;
const started = Date.now();
const say = (text: string) => process.stdout.write(`${text}\n`);
const heading = (text: string) => say(`\n==> ${++step}. ${text}`);
const indent = (text: string) => text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');

/** Fails the demo with what was expected and what happened. */
function expect(condition: boolean, what: string, detail = ''): void {
  if (!condition) throw new Error(`expectation failed: ${what}${detail ? `\n${indent(detail)}` : ''}`);
  say(`    ✓ ${what}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const cli = join(PACKAGE_ROOT, 'build', 'provider', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`SECLB_CLI_NOT_BUILT: ${cli} is missing. Fix: run npm run build (npm run demo does).`);
  const dir = mkdtempSync(join(tmpdir(), 'seclb-demo-'));
  const stateDir = join(dir, 'state');
  let backends: Backends | undefined;
  let engineStarted = false;
  const cleanup = async () => {
    if (engineStarted) await seclb(['--state-dir', stateDir, 'engine', 'stop'], { cwd: dir }).catch(() => undefined);
    await backends?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
  try {
    heading('Certificates and two local back-end instances');
    const certsFile = join(dir, 'certificates.json');
    const certs = loadWalkthroughCertificates(certsFile);
    backends = await startBackends(INSTANCES, { certPem: certs.backendCertPem, keyPem: certs.backendKeyPem! });
    for (const b of backends.instances) {
      say(`    ${b.instanceId} at ${b.address}: HTTP :${backends.httpPort} (/ping), HTTPS :${backends.httpsPort} (the key BackendAuth pins)`);
    }
    const listenerPorts = { 80: await freePort(), 443: await freePort() };
    say(`    listener ports remapped: 80 -> ${listenerPorts[80]}, 443 -> ${listenerPorts[443]}; instance ports 8080 -> ${backends.httpPort}, 443 -> ${backends.httpsPort}`);

    // The project: the walk-through app for the local target, with its local options as context.
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
      language: 'typescript',
      app: `"${process.execPath}" "${join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js')}"`,
      output: 'cdktf.out',
      context: {
        'seclb:target': 'local',
        'seclb:local': { stateDirectory: stateDir, listenerPorts, instancePorts: { 8080: backends.httpPort, 443: backends.httpsPort } },
      },
    }, null, 2));
    const env = { SECLB_WALKTHROUGH_CERTIFICATES: certsFile, CDKTF_CONTEXT_JSON: '' };
    const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, env: { ...env, ...extraEnv } });

    heading('seclb engine start');
    const start = await run(['engine', 'start']);
    expect(start.code === 0, 'the engine is running', start.stderr);
    engineStarted = true;
    say(indent(start.stdout));

    heading('seclb plan --synth --detailed-exitcode --out seclb-plan.json  (synthesizes the walk-through for the local target)');
    const plan1 = await run(['plan', '--synth', '--detailed-exitcode', '--out', 'seclb-plan.json']);
    // The full plan lists every default of the document; the demo shows its outline.
    const outline = /^\S|^\s+[+~-] (load balancer|listener|policy MySSL|instance |health check target|testCert)/;
    say(indent(plan1.stdout.split('\n').filter((l) => outline.test(l)).join('\n')));
    expect(plan1.code === 2, 'plan --detailed-exitcode exits 2: one load balancer and one certificate to create', plan1.stderr);

    heading('seclb apply seclb-plan.json, then seclb status --wait');
    const apply1 = await run(['apply', 'seclb-plan.json']);
    expect(apply1.code === 0, 'applied', apply1.stderr);
    say(indent(apply1.stdout));
    const status = await run(['status', '--wait', '--timeout', '20']);
    expect(status.code === 0, 'both instances are InService', status.stderr);
    say(indent(status.stdout));

    heading('Requests through both listeners');
    const ca = certs.chainPem;
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const http = await get('http', listenerPorts[80], `/hello?n=${i}`);
      say(`    http  :${listenerPorts[80]}  -> ${http.status} from ${http.instance}: ${http.body}`);
      expect(http.status === 200, `HTTP listener answered 200 (request ${i + 1})`);
      const https = await get('https', listenerPorts[443], `/secure?n=${i}`, ca);
      say(`    https :${listenerPorts[443]} -> ${https.status} from ${https.instance} over ${https.tls}: ${https.body}`);
      expect(https.status === 200, `HTTPS listener answered 200 through the pinned HTTPS back end (request ${i + 1})`);
      seen.add(http.instance).add(https.instance);
    }
    say(`    instances that answered: ${[...seen].sort().join(', ')}`);
    const tls10Before = await handshake(listenerPorts[443], 'TLSv1', ca);
    say(`    TLS 1.0 handshake: ${tls10Before.accepted ? `accepted (${tls10Before.detail})` : `refused (${tls10Before.detail})`}`);
    expect(tls10Before.accepted, 'the walk-through policy accepts TLS 1.0');

    heading('Change the app: drop TLS 1.0 from the cipher policy; seclb plan --synth --detailed-exitcode --out seclb-plan-no-tls10.json');
    const change = { CDKTF_CONTEXT_JSON: JSON.stringify({ 'walkthrough:cipherPolicy': WITHOUT_TLS10 }) };
    const plan2 = await run(['plan', '--synth', '--detailed-exitcode', '--out', 'seclb-plan-no-tls10.json'], change);
    say(indent(plan2.stdout));
    expect(plan2.code === 2, 'plan --detailed-exitcode exits 2 (changes)', plan2.stderr);
    const saved = JSON.parse(readFileSync(join(dir, 'seclb-plan-no-tls10.json'), 'utf8'));
    expect(saved.summary.update === 1 && saved.summary.create === 0 && saved.summary.delete === 0 && saved.summary.certificateChanges === 0,
      'exactly one load balancer changes, no certificate', JSON.stringify(saved.summary));
    expect(saved.summary.strengthening >= 1 && saved.summary.weakening === 0, 'the change is classified as strengthening security, nothing weakens', JSON.stringify(saved.summary));

    heading('seclb apply seclb-plan-no-tls10.json');
    const apply2 = await run(['apply', 'seclb-plan-no-tls10.json']);
    expect(apply2.code === 0, 'applied', apply2.stderr);
    say(indent(apply2.stdout));
    const tls10After = await handshake(listenerPorts[443], 'TLSv1', ca);
    const tls12After = await handshake(listenerPorts[443], 'TLSv1.2', ca);
    say(`    TLS 1.0 handshake: ${tls10After.accepted ? `accepted (${tls10After.detail})` : `refused (${tls10After.detail})`}`);
    say(`    TLS 1.2 handshake: ${tls12After.accepted ? `accepted (${tls12After.detail})` : `refused (${tls12After.detail})`}`);
    expect(!tls10After.accepted, 'a TLS 1.0 handshake is now refused');
    expect(tls12After.accepted, 'TLS 1.2 still works');
    const again = await get('https', listenerPorts[443], '/after-change', ca);
    expect(again.status === 200, `HTTPS still answers (from ${again.instance})`);

    heading('seclb plan (nothing left to do)');
    const plan3 = await run(['plan'], change);
    expect(plan3.code === 0, 'plan exits 0: live state matches the app', plan3.stdout + plan3.stderr);
  } finally {
    heading('Clean up: seclb engine stop, back ends closed, temporary directory removed');
    await cleanup();
  }
  say(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().then(() => { process.exitCode = 0; }, (e) => {
  process.stderr.write(`\ndemo FAILED: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
