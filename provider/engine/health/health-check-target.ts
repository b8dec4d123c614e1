/** A parsed health-check target (`HTTP:port/path`, `HTTPS:port/path`, `TCP:port`, `SSL:port`). */
export interface HealthCheckTarget {
  readonly protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  readonly port: number;
  /** The request path for HTTP/HTTPS checks (starts with `/`); empty for TCP/SSL. */
  readonly path: string;
}

const PATTERN = /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/[^\s]*)?$/i;

/** Parses a target; returns undefined when it is not one of ELB's four forms (the model validates it first). */
export function parseHealthCheckTarget(target: string): HealthCheckTarget | undefined {
  const m = PATTERN.exec(target);
  if (!m) return undefined;
  const protocol = m[1].toUpperCase() as HealthCheckTarget['protocol'];
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const layer7 = protocol === 'HTTP' || protocol === 'HTTPS';
  if (layer7 && !m[3]) return undefined;
  if (!layer7 && m[3]) return undefined;
  return { protocol, port, path: layer7 ? m[3] : '' };
}
