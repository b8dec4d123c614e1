import * as fs from 'fs';
import * as path from 'path';

/** One access-log entry's fields (elb-facts §8.2), in order. */
export interface AccessLogEntry {
  /** When the request (HTTP) or connection (TCP) was received, ms since the epoch. */
  readonly receivedAtMs: number;
  /** Sub-millisecond part of the receipt time, in microseconds (0-999). */
  readonly receivedAtMicros: number;
  readonly client: string;
  /** `ip:port` of the instance, or `-`. */
  readonly backend: string;
  /** Seconds, or -1. */
  readonly requestProcessingTime: number;
  readonly backendProcessingTime: number;
  readonly responseProcessingTime: number;
  /** HTTP status sent by the load balancer, or `-` (TCP/SSL). */
  readonly elbStatusCode: string;
  /** HTTP status sent by the instance, `0` when none, or `-` (TCP/SSL). */
  readonly backendStatusCode: string;
  readonly receivedBytes: number;
  readonly sentBytes: number;
  /** `METHOD proto://host:port/path HTTP/x.y`, or `- - - ` for TCP/SSL. */
  readonly request: string;
  /** User agent, or `-`. */
  readonly userAgent: string;
  /** OpenSSL cipher name, or `-`. */
  readonly sslCipher: string;
  /** `TLSv1.2` etc., or `-`. */
  readonly sslProtocol: string;
}

const secs = (v: number) => (v < 0 ? '-1' : v.toFixed(6));
const quote = (v: string) => `"${v.replace(/"/g, '\\"')}"`;

/** Formats one entry as ELB writes it: space-separated, two quoted fields, timestamp with microseconds. */
export function formatAccessLogEntry(loadBalancerName: string, e: AccessLogEntry): string {
  const iso = new Date(e.receivedAtMs).toISOString(); // ...sss Z
  const timestamp = `${iso.slice(0, 23)}${String(e.receivedAtMicros).padStart(3, '0')}Z`;
  return [
    timestamp, loadBalancerName, e.client, e.backend,
    secs(e.requestProcessingTime), secs(e.backendProcessingTime), secs(e.responseProcessingTime),
    e.elbStatusCode, e.backendStatusCode, String(e.receivedBytes), String(e.sentBytes),
    quote(e.request), quote(e.userAgent.slice(0, 8192)), e.sslCipher, e.sslProtocol,
  ].join(' ');
}

/**
 * Writes one load balancer's access log to `<dir>/<name>_<end-time>_127.0.0.1.log`, one file per
 * emit interval (5 or 60 minutes; `end-time` = `YYYYMMDDTHHMMZ`, the end of the interval, as in
 * ELB's object keys, elb-facts §8.1). Lines are appended through one stream per file; nothing
 * blocks the request path.
 */
export class AccessLogWriter {
  private stream?: fs.WriteStream;
  private intervalEndMs = 0;

  /** @param nodeTag appended to file names when several processes write one load balancer's log (`..._127.0.0.1_<tag>.log`) */
  constructor(private readonly dir: string, private readonly loadBalancerName: string, private readonly emitIntervalMinutes: number, private readonly nodeTag?: string) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Appends an entry. */
  public write(entry: AccessLogEntry): void {
    const now = entry.receivedAtMs;
    if (!this.stream || now >= this.intervalEndMs) this.rotate(now);
    this.stream!.write(`${formatAccessLogEntry(this.loadBalancerName, entry)}\n`);
  }

  /** Flushes and closes the current file. */
  public close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    return new Promise((resolve) => (s ? s.end(() => resolve()) : resolve()));
  }

  /** The file of the interval containing `ms`. */
  public fileFor(ms: number): string {
    const size = this.emitIntervalMinutes * 60_000;
    const end = new Date(Math.floor(ms / size) * size + size);
    const stamp = end.toISOString().replace(/[-:]/g, '').slice(0, 13); // YYYYMMDDTHHMM
    return path.join(this.dir, `${this.loadBalancerName}_${stamp}Z_127.0.0.1${this.nodeTag ? `_${this.nodeTag}` : ''}.log`);
  }

  private rotate(now: number): void {
    void this.close();
    const size = this.emitIntervalMinutes * 60_000;
    this.intervalEndMs = Math.floor(now / size) * size + size;
    this.stream = fs.createWriteStream(this.fileFor(now), { flags: 'a', mode: 0o600 });
    this.stream.on('error', () => undefined);
  }
}
