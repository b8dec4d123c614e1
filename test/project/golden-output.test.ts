import { X509Certificate } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { App } from 'cdktf';
import { ExistingStack } from '../../examples/existing-stack/existing-stack';
import { WalkthroughStack } from '../../examples/walkthrough/walkthrough-stack';
import { reviewPlan } from '../../provider/cli/plan-review';
import { cliOwner, planStack, PlannedStack, StackSession } from '../../provider/cli/planning';
import { AppliedRecord } from '../../provider/deploy/apply/applied-record';
import { applyPlan } from '../../provider/deploy/apply/apply-plan';
import { readLocalStack } from '../../provider/deploy/desired/local-stack';
import { PlanFormat, renderPlan } from '../../provider/deploy/render/plan-renderer';
import { fixedWalkthroughCertificates } from './helpers/fixed-certificates';
import { freePort, LocalEngine, startLocalEngine } from '../provider/plugin/helpers/local-engine';

// The committed golden output: what the examples synthesize for both targets, and what `seclb plan`
// shows (text, markdown, json) for them against an empty engine and, for the walk-through, for a
// changed cipher policy after an apply. Refactors must leave it byte for byte as it is; a change
// that means to alter it updates the snapshot (`npx jest test/project/golden-output.test.ts -u`)
// and says why in its commit.
//
// The plans are made in-process by the same functions `seclb plan` runs (planning rules of the
// deploy core, the CLI's review, the renderers), against a real in-process engine, with fixed
// certificates (helpers/fixed-certificates.ts: names and policy order derive from fingerprints and
// key hashes, so generated ones would reorder the output). What still depends on the run is
// normalized: PEM blocks (never kept in a snapshot), the local target's generated stand-in
// certificates (their fingerprints), listener ports (free ports, so parallel runs do not collide),
// temporary paths, the plan's time and digests, and the versions in the engine's capability report.

type Context = Record<string, unknown>;

/** Replaces what depends on the run with stable placeholders, numbered by first appearance. */
class Normalizer {
  private readonly fingerprints = new Map<string, string>();

  /**
   * @param known fingerprints that are the same on every run (the fixed certificates): kept as they are
   * @param fixed run-dependent values with their placeholders (temporary folder, free ports)
   */
  constructor(private readonly known: ReadonlySet<string>, private readonly fixed: ReadonlyArray<[RegExp, string]>) {}

  apply(text: string): string {
    let out = text
      .replace(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----(\\n)?/g, '<$1 PEM>')
      .replace(/"createdAt": "[^"]*"/g, '"createdAt": "<time>"')
      .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
      .replace(/"(content|inputs)": "[0-9a-f]{64}"/g, '"$1": "<digest>"')
      .replace(/OpenSSL \d+\.\d+\.\d+[a-z]* \(Node\.js v[\d.]+\)/g, 'OpenSSL <version> (Node.js <version>)');
    // Certificates generated during the run (the local target's stand-ins): their fingerprints.
    out = out.replace(/(?<![0-9a-z])[0-9a-f]{64}(?![0-9a-f])/g, (fingerprint) => {
      if (this.known.has(fingerprint)) return fingerprint;
      if (!this.fingerprints.has(fingerprint)) this.fingerprints.set(fingerprint, `<generated certificate ${this.fingerprints.size + 1} fingerprint>`);
      return this.fingerprints.get(fingerprint)!;
    });
    for (const [pattern, to] of this.fixed) out = out.replace(pattern, to);
    return out;
  }
}

/** The SHA-256 fingerprint (hex) of each certificate in PEM text. */
function fingerprintsOf(pemText: string): string[] {
  return (pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [])
    .map((block) => new X509Certificate(block).fingerprint256.replace(/:/g, '').toLowerCase());
}

/** Every JSON file an app wrote into `outdir`, by path relative to it. */
function writtenFiles(outdir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) files.set(relative(outdir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(outdir);
  return files;
}

const CERTIFICATES = fixedWalkthroughCertificates();
let engine: LocalEngine;
let work: string;
let stateDirectory: string;
let normalizer: Normalizer;
const ports: Record<string, number> = {};

/** Synthesizes one example into its own output folder, as `node build/examples/NAME/main.js` does. */
function synth(example: 'walkthrough' | 'existing-stack', label: string, context: Context): string {
  const outdir = join(work, `out-${example}-${label}`);
  const app = new App({ outdir, context, stackTraces: false });
  if (example === 'walkthrough') new WalkthroughStack(app, 'walkthrough', { certificates: CERTIFICATES, ...(context['walkthrough:cipherPolicy'] ? { cipherPolicy: context['walkthrough:cipherPolicy'] as any } : {}) });
  else new ExistingStack(app, 'existing-stack', { certificates: CERTIFICATES });
  app.synth();
  return outdir;
}

function localContext(example: 'walkthrough' | 'existing-stack'): Context {
  return example === 'walkthrough'
    ? { 'seclb:target': 'local', 'seclb:local': { stateDirectory, listenerPorts: { 80: ports.w80, 443: ports.w443 }, instancePorts: { 443: 28843 } } }
    : { 'seclb:target': 'local', 'seclb:local': { stateDirectory, listenerPorts: { 80: ports.e80, 443: ports.e443 }, loadBalancerPorts: { 'web-b': { 443: ports.b443 } } } };
}

function session(outdir: string, stack: string): StackSession {
  const file = join(outdir, 'stacks', stack, 'cdk.tf.json');
  return { stack, file, local: readLocalStack(readFileSync(file, 'utf8'), file), stateDirectory, client: engine.client.as(cliOwner(stack)) };
}

/** What `seclb plan --format F` prints for the stack synthesized into `outdir`, one entry per format. */
async function plans(outdir: string, stack: string): Promise<Record<string, string>> {
  const s = session(outdir, stack);
  const planned: PlannedStack = await planStack(s);
  const plan = await reviewPlan(s, planned.plan);
  return Object.fromEntries([PlanFormat.TEXT, PlanFormat.MARKDOWN, PlanFormat.JSON].map((f) => [f, renderPlan(plan, f, { color: false })]));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'seclb-golden-'));
  stateDirectory = join(work, 'state');
  // Free ports, none next to another (the existing stack's second load balancer gets e443 + 1,
  // allocated upward), assigned in ascending order so listeners sort as the app's own ports do.
  const picked: number[] = [];
  while (picked.length < 5) {
    const port = await freePort();
    if (!picked.some((p) => Math.abs(p - port) <= 1)) picked.push(port);
  }
  picked.sort((a, b) => a - b);
  ['w80', 'w443', 'e80', 'e443', 'b443'].forEach((name, i) => { ports[name] = picked[i]; });
  ports['e443+1'] = ports.e443 + 1;
  const known = new Set([CERTIFICATES.certPem, CERTIFICATES.chainPem, CERTIFICATES.backendCertPem].flatMap(fingerprintsOf));
  normalizer = new Normalizer(known, [
    [new RegExp(work.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<tmp>'],
    // cdktf writes the default local backend's path from the working directory (the checkout's own path).
    [new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), '<cwd>'],
    ...Object.entries(ports).map(([name, port]) => [new RegExp(`(?<![0-9A-Za-z])${port}(?![0-9A-Za-z])`, 'g'), `<port ${name}>`] as [RegExp, string]),
  ]);
  engine = await startLocalEngine();
});

afterAll(async () => {
  await engine?.harness.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('golden output: synth of the examples (both targets) and seclb plan in every format', () => {
  const synthesized = new Map<string, string>();

  test('synthesized stacks and manifests', () => {
    const outputs: Record<string, Map<string, string>> = {
      'walkthrough aws': writtenFiles(synth('walkthrough', 'aws', {})),
      'existing-stack aws': writtenFiles(synth('existing-stack', 'aws', {})),
      'walkthrough local': writtenFiles(synth('walkthrough', 'local', localContext('walkthrough'))),
      'existing-stack local': writtenFiles(synth('existing-stack', 'local', localContext('existing-stack'))),
    };
    for (const [name, files] of Object.entries(outputs)) {
      for (const [path, text] of files) {
        synthesized.set(`${name} ${path}`, text);
        expect(normalizer.apply(text)).toMatchSnapshot(`${name}: ${path}`);
      }
    }
  });

  test('seclb plan against an empty engine', async () => {
    expect(synthesized.size).toBeGreaterThan(0);
    for (const example of ['walkthrough', 'existing-stack'] as const) {
      const rendered = await plans(join(work, `out-${example}-local`), example);
      for (const [format, text] of Object.entries(rendered)) expect(normalizer.apply(text)).toMatchSnapshot(`plan ${example} empty engine: ${format}`);
    }
  });

  test('seclb plan of a changed cipher policy after an apply', async () => {
    const applied = await planStack(session(join(work, 'out-walkthrough-local'), 'walkthrough'));
    const result = await applyPlan(applied.client, applied.plan, {
      certificates: applied.local.certificates, lastApplied: applied.lastApplied, attached: applied.attached,
      onRecord: (state) => AppliedRecord.write(stateDirectory, 'walkthrough', state),
    });
    expect(result.changes.map((c) => `${c.action} ${c.kind} ${normalizer.apply(c.name)}`)).toMatchSnapshot('apply walkthrough: changes');
    const changed = synth('walkthrough', 'local2', { ...localContext('walkthrough'), 'walkthrough:cipherPolicy': { basedOn: 'ELBSecurityPolicy-TLS-1-2-2017-01' } });
    const stackFile = 'stacks/walkthrough/cdk.tf.json';
    expect(normalizer.apply(readFileSync(join(changed, stackFile), 'utf8'))).toMatchSnapshot(`walkthrough local, changed cipher policy: ${stackFile}`);
    const rendered = await plans(changed, 'walkthrough');
    for (const [format, text] of Object.entries(rendered)) expect(normalizer.apply(text)).toMatchSnapshot(`plan walkthrough changed cipher policy: ${format}`);
  });
});
