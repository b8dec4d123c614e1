import { checkHealthCheckTarget } from '../rules/health-check-target';

/** A health-check target split into its parts. */
export interface ParsedHealthCheckTarget {
  /** `HTTP`, `HTTPS`, `TCP` or `SSL`, upper case. */
  readonly protocol: string;
  /** The instance port checked, 1-65535. */
  readonly port: number;
  /** The request path of HTTP/HTTPS checks (starts with `/`); empty for TCP/SSL. */
  readonly path: string;
}

/**
 * Health-check targets (`HTTP:port/path`, `HTTPS:port/path`, `TCP:port`, `SSL:port`). Validity is
 * the health-check target rule's: what it accepts parses, what it rejects does not, so the engine
 * and the validator can never disagree on a target.
 */
export class HealthCheckTargets {
  /** The parts of a valid target, or undefined when the rule rejects it. */
  public static parse(target: string): ParsedHealthCheckTarget | undefined {
    if (checkHealthCheckTarget('target', target).length > 0) return undefined;
    const [, protocol, port, path] = /^([A-Za-z]+):([0-9]+)(.*)$/s.exec(target)!;
    return { protocol: protocol.toUpperCase(), port: Number(port), path };
  }

  private constructor() {}
}
