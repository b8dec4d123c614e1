import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Backends, startBackends } from '../../../examples/demo/backends';
import { CliRun, seclb } from '../../../examples/demo/cli-runner';
import { loadWalkthroughCertificates, WalkthroughCertificates } from '../../../examples/walkthrough/certificates';
import { PACKAGE_ROOT } from '../../../provider/version';
import { requireBuild } from './built';
import { freePort } from '../../provider/engine/helpers/backends';

/** The walk-through as a cdktf project for the local target in a temp directory, with back ends and a CLI runner. */
export interface LocalProject {
  readonly dir: string;
  readonly stateDir: string;
  readonly certificates: WalkthroughCertificates;
  readonly backends: Backends;
  /** The remapped listener ports (80 and 443 of the app). */
  readonly listenerPorts: { 80: number; 443: number };
  /** Runs `seclb --state-dir <stateDir> ...args` in the project. */
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
  /** Stops the engine, closes the back ends, removes the directory. */
  close(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the engine tests' helper). */
export { freePort };

/** The walk-through's two instances and their default loopback addresses. */
export const INSTANCES = [{ instanceId: 'i-0bb7ca62', address: '127.0.0.11' }, { instanceId: 'i-4f8cf126', address: '127.0.0.12' }];

/** Creates the project (cdktf.json naming the compiled walk-through app, local options as context) and starts the back ends. */
export async function createLocalProject(): Promise<LocalProject> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'seclb-e2e-'));
  const stateDir = join(dir, 'state');
  const certsFile = join(dir, 'certificates.json');
  const certificates = loadWalkthroughCertificates(certsFile);
  const backends = await startBackends(INSTANCES, { certPem: certificates.backendCertPem, keyPem: certificates.backendKeyPem! });
  const listenerPorts = { 80: await freePort(), 443: await freePort() };
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({
    app: `"${process.execPath}" "${join(PACKAGE_ROOT, 'build', 'examples', 'walkthrough', 'main.js')}"`,
    output: 'cdktf.out',
    // A local-only project (seclb:target=local): its synth output is cdktf.json's `output`.
    context: { 'seclb:target': 'local', 'seclb:local': { stateDirectory: stateDir, listenerPorts, instancePorts: { 8080: backends.httpPort, 443: backends.httpsPort } } },
  }));
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => seclb(['--state-dir', stateDir, ...args], {
    cwd: dir, env: { SECLB_WALKTHROUGH_CERTIFICATES: certsFile, CDKTF_CONTEXT_JSON: '', ...env }, timeoutMs: 30_000,
  });
  return {
    dir, stateDir, certificates, backends, listenerPorts, run,
    close: async () => {
      await run(['engine', 'stop']).catch(() => undefined);
      await backends.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
