import { rmSync } from 'fs';
import { startHttpBackend, TestBackend } from '../../engine/helpers/backends';
import { makeCert, tempDir, TestCert } from '../../engine/helpers/certs';
import { freePort, LocalEngine, startLocalEngine } from './local-engine';
import { SeclbWorkspace } from './seclb-workspace';

/** What a plugin test needs besides the engine and the workspace. */
export interface PluginFixtureOptions {
  /**
   * An HTTP back end to start (it answers every request with its instance id).
   * @default - no back end; reading `backend` fails
   */
  readonly backend?: { readonly instanceId: string; readonly address: string };
  /**
   * Self-signed certificates (EC P-256) to make, by common name, in a temp directory of their own.
   * @default - none
   */
  readonly certificates?: string[];
}

/** The engine, back end, listener port and Terraform workspace of one plugin test file. */
export interface PluginFixture {
  /** The in-process engine the workspace's provider block names. */
  readonly engine: LocalEngine;
  /** The back end asked for in the options. */
  readonly backend: TestBackend;
  /** A TCP port on 127.0.0.1 that was free at set-up, for the load balancer's listener. */
  readonly listenerPort: number;
  /** The Terraform working directory (provider in its own mirror, its own CLI configuration, no checkpoint). */
  readonly ws: SeclbWorkspace;
  /** The certificate made for `commonName` (one of the options' `certificates`). */
  certificate(commonName: string): TestCert;
}

/**
 * Registers the set-up every plugin test that drives the real Terraform CLI against a real engine
 * shares, as `beforeAll`/`afterAll` hooks of the calling test file:
 *
 * - before: checks that Terraform and the compiled plugin are there (if not, every test of the
 *   file fails with a message naming what is missing: nothing passes silently), makes the
 *   certificates asked for, starts an engine in-process and the back end if asked for, picks a
 *   listener port and makes a workspace;
 * - after: `terraform destroy` (so nothing the test applied outlives it), removes the workspace,
 *   stops the back end and the engine, removes the certificates; each step runs only if its part
 *   was set up.
 *
 * Call it at the top level of the test file, before the file's own `beforeAll` (which then sees
 * everything set up). The returned object's fields can be read from that point on.
 */
export function usePluginFixture(options: PluginFixtureOptions = {}): PluginFixture {
  let engine: LocalEngine | undefined;
  let backend: TestBackend | undefined;
  let listenerPort: number | undefined;
  let ws: SeclbWorkspace | undefined;
  let certificateDir: string | undefined;
  const certificates = new Map<string, TestCert>();

  beforeAll(async () => {
    SeclbWorkspace.assertReady();
    if (options.certificates?.length) {
      certificateDir = tempDir('plugin-certs');
      for (const cn of options.certificates) certificates.set(cn, makeCert(certificateDir, cn, 'ec'));
    }
    engine = await startLocalEngine();
    if (options.backend) backend = await startHttpBackend(options.backend.instanceId, options.backend.address);
    listenerPort = await freePort();
    ws = new SeclbWorkspace(engine.stateDirectory);
  });

  afterAll(async () => {
    await ws?.destroy();
    ws?.remove();
    await backend?.close();
    await engine?.harness.stop();
    if (certificateDir) rmSync(certificateDir, { recursive: true, force: true });
  });

  const notSetUp = 'read it in a test or a later beforeAll; if the set-up failed, see the first failure above';
  const ready = <T>(what: string, value: T | undefined, hint = notSetUp): T => {
    if (value === undefined) throw new Error(`the plugin fixture's ${what} is not set up: ${hint}.`);
    return value;
  };
  return {
    get engine() { return ready('engine', engine); },
    get backend() { return ready('backend', backend, options.backend ? notSetUp : 'pass options.backend to usePluginFixture'); },
    get listenerPort() { return ready('listenerPort', listenerPort); },
    get ws() { return ready('ws', ws); },
    certificate: (commonName) => ready(`certificate '${commonName}'`, certificates.get(commonName),
      options.certificates?.includes(commonName) ? notSetUp : `name '${commonName}' in options.certificates`),
  };
}
