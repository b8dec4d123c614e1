/**
 * The walk-through keeps its generated certificates between synths (in `.seclb/walkthrough-certificates/`
 * of the project folder), so the unchanged app synthesizes byte-identical stacks on both targets.
 * Real processes: the compiled app run as `cdktf synth` runs it, the real openssl CLI.
 */
import { spawnSync } from 'child_process';
import { X509Certificate } from 'crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { generateWalkthroughCertificates, WALKTHROUGH_CERTIFICATES_FOLDER } from '../../examples/walkthrough/certificates';
import { PACKAGE_ROOT } from '../../provider/version';

jest.setTimeout(120_000);

const APP = join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js');
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
let dir: string;

/** Runs the compiled walk-through in `dir` (as cdktf does) and returns its cdk.tf.json text. */
function synth(target: 'aws' | 'local', out: string): string {
  const context = target === 'local' ? { 'seclb:target': 'local', 'seclb:local': { stateDirectory: join(dir, 'state') } } : {};
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: join(dir, out), CDKTF_CONTEXT_JSON: JSON.stringify(context) };
  delete env.SECLB_WALKTHROUGH_CERTIFICATES;
  const run = spawnSync(process.execPath, [APP], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`the walk-through app failed (exit ${run.status}): ${run.stderr}`);
  return readFileSync(join(dir, out, 'stacks', 'walkthrough', 'cdk.tf.json'), 'utf8');
}

beforeAll(() => {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run npm run build first.`);
});
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'seclb-walkthrough-certs-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('two synths of the unchanged walk-through give byte-identical stacks, on both targets', () => {
  const aws1 = synth('aws', 'aws1');
  const local1 = synth('local', 'local1');
  const aws2 = synth('aws', 'aws2');
  const local2 = synth('local', 'local2');
  expect(aws2).toBe(aws1);
  expect(local2).toBe(local1);
  // The kept certificate is the one deployed on both targets.
  const kept = readFileSync(join(dir, WALKTHROUGH_CERTIFICATES_FOLDER, 'listener-cert.pem'), 'utf8');
  const [uploaded] = Object.values<{ certificate_body: string }>(JSON.parse(aws1).resource.aws_iam_server_certificate);
  expect(uploaded.certificate_body.trim()).toBe(kept.trim());
  expect(local1).toContain(JSON.stringify(kept.trim()).slice(1, 60));
});

test('the keys are 0600 in a 0700 folder, and looser modes are tightened on the next synth', () => {
  synth('aws', 'out');
  const folder = join(dir, WALKTHROUGH_CERTIFICATES_FOLDER);
  const modes = () => Object.fromEntries(readdirSync(folder).sort().map((f) => [f, mode(join(folder, f))]));
  expect(mode(folder)).toBe('700');
  expect(modes()).toEqual({
    'backend-cert.pem': '644', 'backend-key.pem': '600', 'listener-chain.pem': '644', 'listener-cert.pem': '644', 'listener-key.pem': '600',
  });
  spawnSync('chmod', ['0755', folder]);
  spawnSync('chmod', ['0644', join(folder, 'listener-key.pem'), join(folder, 'backend-key.pem')]);
  synth('aws', 'out2');
  expect(mode(folder)).toBe('700');
  expect(modes()['listener-key.pem']).toBe('600');
  expect(modes()['backend-key.pem']).toBe('600');
});

test('certificates are generated again only when missing or about to expire', () => {
  const first = synth('aws', 'a');
  const folder = join(dir, WALKTHROUGH_CERTIFICATES_FOLDER);
  // A missing file: a complete new set.
  rmSync(join(folder, 'backend-key.pem'));
  const second = synth('aws', 'b');
  expect(second).not.toBe(first);
  expect(existsSync(join(folder, 'backend-key.pem'))).toBe(true);
  expect(synth('aws', 'c')).toBe(second);
  // A certificate expiring within two days (openssl -days 1): replaced.
  const key = join(dir, 'short.key');
  const short = join(dir, 'short.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-subj', '/CN=www.example.com', '-days', '1', '-out', short]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  writeFileSync(join(folder, 'listener-cert.pem'), readFileSync(short));
  expect(new X509Certificate(readFileSync(short)).validTo).toBeDefined();
  const third = synth('aws', 'd');
  expect(third).not.toBe(second);
  const renewed = new X509Certificate(readFileSync(join(folder, 'listener-cert.pem')));
  expect(Date.parse(renewed.validTo) - Date.now()).toBeGreaterThan(7 * 24 * 3600 * 1000);
  // Leaf, chain and keys stay one set: the leaf is issued by the kept intermediate.
  const chain = readFileSync(join(folder, 'listener-chain.pem'), 'utf8');
  expect(renewed.checkIssued(new X509Certificate(chain))).toBe(true);
});

test('the generator makes a leaf valid for 30 days (what the renewal window is measured against)', () => {
  const certs = generateWalkthroughCertificates();
  const days = (Date.parse(new X509Certificate(certs.certPem).validTo) - Date.now()) / (24 * 3600 * 1000);
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThanOrEqual(30.01);
});
