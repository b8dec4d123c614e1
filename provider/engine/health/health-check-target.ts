import { HealthCheckTargets } from '../../../lib/policy/health/health-check-targets';

/** A parsed health-check target (`HTTP:port/path`, `HTTPS:port/path`, `TCP:port`, `SSL:port`). */
export interface HealthCheckTarget {
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly port: number;
  /** The request path for HTTP/HTTPS checks (starts with `/`); empty for TCP/SSL. */
  readonly path: string;
}

/** Parses a target with the policy model's parser; undefined when it is not one of ELB's four forms. */
export function parseHealthCheckTarget(target: string): HealthCheckTarget | undefined {
  return HealthCheckTargets.parse(target) as HealthCheckTarget | undefined;
}
