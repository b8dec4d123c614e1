import * as fs from 'fs';
import * as path from 'path';
import { ApiError } from './protocol/api-error';

/** The port mapping file inside the state directory. */
export const ELB_API_PORTS_FILE = 'elb-api-ports.json';

/** The content of `elb-api-ports.json`. */
export interface PortMapFile {
  /** AWS listener port -> the local port the engine binds, e.g. `{ "80": 18080, "443": 18443 }`. */
  readonly listenerPorts?: Record<string, number>;
  /** AWS instance port -> the local port the engine connects to on each instance, e.g. `{ "443": 8443 }`. */
  readonly instancePorts?: Record<string, number>;
}

type Direction = Map<number, number>;

/**
 * Listener and instance ports as AWS Terraform declares them (80, 443, ...) and as the engine runs
 * them locally (unprivileged ports, not clashing with other tests): the same meaning as the local
 * target's `listenerPorts` / `instancePorts`. Requests are translated AWS -> local before they reach
 * the engine; answers local -> AWS, so clients see the ports they declared and plan no drift.
 * Ports the file does not name are used as given. Read afresh per request (`read`).
 */
export class PortMap {
  /** No mapping: every port as given. */
  public static readonly IDENTITY = new PortMap(new Map(), new Map());

  /** Reads `<stateDir>/elb-api-ports.json` (identity when absent); a damaged file is a `ValidationError` naming it. */
  public static read(stateDir: string): PortMap {
    const file = path.join(stateDir, ELB_API_PORTS_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return PortMap.IDENTITY;
      throw PortMap.bad(file, `cannot be read (${(e as Error).message})`);
    }
    let value: PortMapFile;
    try {
      value = JSON.parse(text) as PortMapFile;
    } catch (e) {
      throw PortMap.bad(file, `is not JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw PortMap.bad(file, 'is not a JSON object');
    const unknown = Object.keys(value).filter((k) => k !== 'listenerPorts' && k !== 'instancePorts');
    if (unknown.length) throw PortMap.bad(file, `has the unknown key(s) ${unknown.join(', ')}`);
    return new PortMap(PortMap.direction(file, 'listenerPorts', value.listenerPorts), PortMap.direction(file, 'instancePorts', value.instancePorts));
  }

  private readonly listenerBack: Direction;
  private readonly instanceBack: Direction;

  private constructor(private readonly listener: Direction, private readonly instance: Direction) {
    this.listenerBack = new Map([...listener].map(([a, l]) => [l, a]));
    this.instanceBack = new Map([...instance].map(([a, l]) => [l, a]));
  }

  /** The local port of an AWS listener port. */
  public listenerLocal(port: number): number { return this.listener.get(port) ?? port; }
  /** The AWS listener port of a local one. */
  public listenerAws(port: number): number { return this.listenerBack.get(port) ?? port; }
  /** The local port of an AWS instance port. */
  public instanceLocal(port: number): number { return this.instance.get(port) ?? port; }
  /** The AWS instance port of a local one. */
  public instanceAws(port: number): number { return this.instanceBack.get(port) ?? port; }

  /** A health-check target (`HTTP:8080/ping`) with its port mapped AWS -> local. */
  public targetLocal(target: string): string { return PortMap.mapTarget(target, (p) => this.instanceLocal(p)); }
  /** A health-check target with its port mapped local -> AWS. */
  public targetAws(target: string): string { return PortMap.mapTarget(target, (p) => this.instanceAws(p)); }

  private static mapTarget(target: string, f: (p: number) => number): string {
    const m = /^([A-Za-z]+):(\d{1,5})(.*)$/.exec(target);
    return m ? `${m[1]}:${f(Number(m[2]))}${m[3]}` : target;
  }

  private static direction(file: string, key: string, value: unknown): Direction {
    const out: Direction = new Map();
    if (value === undefined) return out;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw PortMap.bad(file, `${key} is not an object of port -> port`);
    const seen = new Set<number>();
    for (const [from, to] of Object.entries(value as Record<string, unknown>)) {
      const a = Number(from);
      if (!/^\d{1,5}$/.test(from) || a < 1 || a > 65535) throw PortMap.bad(file, `${key} has the key '${from.slice(0, 20)}', which is not a port 1-65535`);
      if (typeof to !== 'number' || !Number.isInteger(to) || to < 1 || to > 65535) throw PortMap.bad(file, `${key}.${from} is ${JSON.stringify(to)?.slice(0, 20)}, which is not a port 1-65535`);
      if (seen.has(to)) throw PortMap.bad(file, `${key} maps two ports to ${to}`);
      seen.add(to);
      out.set(a, to);
    }
    return out;
  }

  private static bad(file: string, problem: string): ApiError {
    return new ApiError('ValidationError', `The port mapping file '${file}' ${problem}. Rule: it is {"listenerPorts": {"<AWS port>": <local port>}, "instancePorts": {"<AWS port>": <local port>}}. Fix: correct the file. Nothing was changed.`);
  }
}
