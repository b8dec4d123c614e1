import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seclb } from '../../../../examples/demo/cli-runner';
import { MotoServer } from '../../../targets/aws/moto-server';
import { QueryClient } from '../../../provider/engine/elb-api/helpers/query-client';
import { requireBuild } from '../../helpers/built';

/**
 * Where a Terraform configuration's `endpoints { elb = iam = ec2 = sts = ... }` point: the engine's
 * ELB API or moto_server, with the key pair the provider block signs with and a signed Query-API
 * client for the tests' own Describe calls.
 */
export interface ApiTarget {
  /** `engine` or `moto` (for messages). */
  readonly kind: 'engine' | 'moto';
  /** The endpoint URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The access key pair the provider block uses (the engine's generated one; fake ones for moto). */
  readonly accessKeyId: string;
  /** Its secret (never printed by the tests). */
  readonly secretAccessKey: string;
  /** Signed ELB/IAM requests to the same endpoint. */
  readonly api: QueryClient;
  /** Stops the engine or moto and removes their files. */
  stop(): Promise<void>;
}

/** The engine started the way the README says, with what the tests mapped. */
export interface EngineTarget extends ApiTarget {
  readonly kind: 'engine';
  /** The engine's state directory. */
  readonly stateDir: string;
  /** Runs `seclb --state-dir <stateDir> ...args` (in the state directory's parent). */
  seclb(args: string[], env?: NodeJS.ProcessEnv): ReturnType<typeof seclb>;
  /** Writes `<stateDir>/instance-addresses.json` (instance id -> loopback address). */
  mapInstances(addresses: Record<string, string>): void;
  /** Writes `<stateDir>/elb-api-ports.json` (AWS port -> local port, for listeners and instances). */
  mapPorts(ports: { listenerPorts?: Record<number, number>; instancePorts?: Record<number, number> }): void;
}

/**
 * Starts the engine with its ELB API on a free port (`seclb engine start --elb-api-port 0`) in a
 * fresh state directory and reads its URL and key pair from the files the engine writes
 * (`elb-api.json`, `elb-api-credentials.json`). Fails with "run npm run build" when the CLI or the
 * engine is not built.
 */
export async function startEngineTarget(): Promise<EngineTarget> {
  requireBuild();
  const dir = mkdtempSync(join(tmpdir(), 'seclb-elb-api-e2e-'));
  const stateDir = join(dir, 'state');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => seclb(['--state-dir', stateDir, ...args], { cwd: dir, env, timeoutMs: 60_000 });
  const started = await run(['engine', 'start', '--elb-api-port', '0', '--timeout', '45']);
  if (started.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`seclb engine start --elb-api-port 0 exited ${started.code}:\n${started.stdout}\n${started.stderr}`);
  }
  const api = QueryClient.forStateDir(stateDir);
  return {
    kind: 'engine', url: api.url, accessKeyId: api.keys.accessKeyId, secretAccessKey: api.keys.secretAccessKey, api, stateDir, seclb: run,
    mapInstances: (addresses) => writeFileSync(join(stateDir, 'instance-addresses.json'), `${JSON.stringify(addresses, null, 2)}\n`),
    mapPorts: (ports) => writeFileSync(join(stateDir, 'elb-api-ports.json'), `${JSON.stringify(ports, null, 2)}\n`),
    stop: async () => {
      try {
        const stopped = await run(['engine', 'stop']);
        if (stopped.code !== 0) throw new Error(`seclb engine stop exited ${stopped.code}: ${stopped.stderr}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The fake key pair used against moto (it checks no signature). */
const MOTO_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** Starts moto_server on a free port (fails with a clear message when it is not installed). */
export async function startMotoTarget(): Promise<ApiTarget> {
  const moto = await MotoServer.start();
  return {
    kind: 'moto', url: moto.endpoint, ...MOTO_KEYS, api: new QueryClient(moto.endpoint, MOTO_KEYS),
    stop: () => moto.stop(),
  };
}
