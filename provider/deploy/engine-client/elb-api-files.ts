import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The files a running engine's ELB/IAM Query API leaves in its state directory (written by the
 * engine, `provider/engine/elb-api/`; read here for the CLI): the endpoint, the SigV4 key pair, and
 * the user's instance address file. Names pinned against the engine's by
 * test/provider/deploy/engine-client/elb-api-files.test.ts.
 */
export const ELB_API_FILES = {
  /** `{ url, pid, accountId }`, 0600, present while the engine runs with `--elb-api-port`. */
  ENDPOINT: 'elb-api.json',
  /** `{ accessKeyId, secretAccessKey }`, 0600, created on the first start with the API. */
  CREDENTIALS: 'elb-api-credentials.json',
  /** `{ "<instance id>": "<loopback address>" }`, the user's mapping (0644). */
  INSTANCE_ADDRESSES: 'instance-addresses.json',
  /** `{ listenerPorts, instancePorts }`: AWS port -> local port, the user's mapping. */
  PORTS: 'elb-api-ports.json',
} as const;

/** What a client needs to reach the ELB API of an engine. */
export interface ElbApiAccess {
  readonly url: string;
  readonly pid: number;
  readonly accountId: string;
  readonly accessKeyId: string;
  /** Only the caller decides whether it is ever shown. */
  readonly secretAccessKey: string;
}

/** Reads the ELB API's endpoint and key pair of a state directory; undefined when the API is not running there. */
export function readElbApiAccess(stateDirectory: string): ElbApiAccess | undefined {
  try {
    const endpoint = JSON.parse(readFileSync(join(stateDirectory, ELB_API_FILES.ENDPOINT), 'utf8')) as { url: string; pid: number; accountId: string };
    const keys = JSON.parse(readFileSync(join(stateDirectory, ELB_API_FILES.CREDENTIALS), 'utf8')) as { accessKeyId: string; secretAccessKey: string };
    if (typeof endpoint.url !== 'string' || typeof keys.accessKeyId !== 'string' || typeof keys.secretAccessKey !== 'string') return undefined;
    return { url: endpoint.url, pid: endpoint.pid, accountId: endpoint.accountId, accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
  } catch {
    return undefined;
  }
}

/** The instance address mapping of a state directory (`{}` when there is none yet). */
export function readInstanceAddresses(stateDirectory: string): Record<string, string> {
  const file = join(stateDirectory, ELB_API_FILES.INSTANCE_ADDRESSES);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Writes the instance address mapping (sorted by id, replaced atomically). */
export function writeInstanceAddresses(stateDirectory: string, mapping: Record<string, string>): string {
  const file = join(stateDirectory, ELB_API_FILES.INSTANCE_ADDRESSES);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sorted = Object.fromEntries(Object.entries(mapping).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(sorted, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, file);
  return file;
}
