/** The counter fields that add up across processes. */
const SUMMED_FIELDS = [
  'requestCount', 'backendConnectionErrors', 'backendRedispatches', 'backendAuthenticationFailures', 'httpCodeElb4xx', 'httpCodeElb5xx',
  'httpCodeBackend2xx', 'httpCodeBackend3xx', 'httpCodeBackend4xx', 'httpCodeBackend5xx',
  'latencyCount', 'latencySecondsSum', 'clientTlsNegotiationErrors', 'healthCheckFailures',
] as const;

/** `LoadBalancerCounters` as plain JSON, for the trip from a worker to the primary. */
export interface CountersRecord {
  readonly numbers: Readonly<Record<string, number>>;
  readonly latencySecondsMax: number;
  readonly byReason: Readonly<Record<string, number>>;
}

/**
 * Counters of one load balancer, named after the CloudWatch `AWS/ELB` metrics they mirror
 * (elb-facts §7) where one exists. Plain numbers: incremented on the hot path, read by the admin API.
 */
export class LoadBalancerCounters {
  /** Requests (HTTP/HTTPS) or connections (TCP/SSL) accepted. */
  public requestCount = 0;
  /** Back-end connections that failed: refused, reset, timed out, or refused by pinning. */
  public backendConnectionErrors = 0;
  /**
   * Requests (HTTP/HTTPS) or connections (TCP/SSL) sent on to another InService instance because
   * the one chosen refused or reset the connection before any request byte was written to it
   * (not a CloudWatch metric; each refused attempt is also one `backendConnectionErrors`).
   */
  public backendRedispatches = 0;
  /** Back ends refused because their key matched no pinned key (not a CloudWatch metric). */
  public backendAuthenticationFailures = 0;
  /** Responses the load balancer generated with a 4xx status. */
  public httpCodeElb4xx = 0;
  /** Responses the load balancer generated with a 5xx status. */
  public httpCodeElb5xx = 0;
  /** Responses of instances with a 2xx status (HTTPCode_Backend_2XX). */
  public httpCodeBackend2xx = 0;
  /** Responses of instances with a 3xx status (HTTPCode_Backend_3XX). */
  public httpCodeBackend3xx = 0;
  /** Responses of instances with a 4xx status (HTTPCode_Backend_4XX). */
  public httpCodeBackend4xx = 0;
  /** Responses of instances with a 5xx status (HTTPCode_Backend_5XX). */
  public httpCodeBackend5xx = 0;
  /**
   * Latency samples (CloudWatch `Latency`): HTTP, request sent to the instance until its response
   * headers arrived; TCP/SSL, time to establish the back-end connection.
   */
  public latencyCount = 0;
  /** Sum of the latency samples, seconds. */
  public latencySecondsSum = 0;
  /** Largest latency sample, seconds. */
  public latencySecondsMax = 0;
  /** Client handshakes that failed (protocol or cipher outside the policy, ...). Not a CloudWatch metric. */
  public clientTlsNegotiationErrors = 0;
  /** The same failures by reason (OpenSSL reason, e.g. `no_shared_cipher`, `unsupported_protocol`, `handshake_timeout`). */
  public readonly clientTlsNegotiationErrorsByReason = new Map<string, number>();
  /** Failed health checks. */
  public healthCheckFailures = 0;

  /** Counts one instance response by status class. */
  public backendStatus(status: number): void {
    if (status < 300) this.httpCodeBackend2xx++;
    else if (status < 400) this.httpCodeBackend3xx++;
    else if (status < 500) this.httpCodeBackend4xx++;
    else this.httpCodeBackend5xx++;
  }

  /** Records one latency sample (seconds). */
  public latency(seconds: number): void {
    this.latencyCount++;
    this.latencySecondsSum += seconds;
    if (seconds > this.latencySecondsMax) this.latencySecondsMax = seconds;
  }

  /** Counts one failed client handshake with its reason. */
  public clientTlsNegotiationError(reason: string): void {
    this.clientTlsNegotiationErrors++;
    this.clientTlsNegotiationErrorsByReason.set(reason, (this.clientTlsNegotiationErrorsByReason.get(reason) ?? 0) + 1);
  }

  /**
   * Every field as plain JSON (a worker sends this to the primary, which sums the workers' records
   * with `add`).
   */
  public toRecord(): CountersRecord {
    const numbers: Record<string, number> = {};
    for (const k of SUMMED_FIELDS) numbers[k] = this[k];
    return { numbers, latencySecondsMax: this.latencySecondsMax, byReason: Object.fromEntries(this.clientTlsNegotiationErrorsByReason) };
  }

  /** Adds another process's record to these counters (sums; the latency maximum is the larger). */
  public add(record: CountersRecord): this {
    for (const k of SUMMED_FIELDS) this[k] += record.numbers[k] ?? 0;
    if (record.latencySecondsMax > this.latencySecondsMax) this.latencySecondsMax = record.latencySecondsMax;
    for (const [reason, n] of Object.entries(record.byReason)) {
      this.clientTlsNegotiationErrorsByReason.set(reason, (this.clientTlsNegotiationErrorsByReason.get(reason) ?? 0) + n);
    }
    return this;
  }

  /** A plain snapshot for JSON. */
  public snapshot(): Record<string, number> {
    return {
      RequestCount: this.requestCount,
      BackendConnectionErrors: this.backendConnectionErrors,
      BackendRedispatches: this.backendRedispatches,
      BackendAuthenticationFailures: this.backendAuthenticationFailures,
      HTTPCode_ELB_4XX: this.httpCodeElb4xx,
      HTTPCode_ELB_5XX: this.httpCodeElb5xx,
      HTTPCode_Backend_2XX: this.httpCodeBackend2xx,
      HTTPCode_Backend_3XX: this.httpCodeBackend3xx,
      HTTPCode_Backend_4XX: this.httpCodeBackend4xx,
      HTTPCode_Backend_5XX: this.httpCodeBackend5xx,
      SurgeQueueLength: 0,
      SpilloverCount: 0,
      ClientTLSNegotiationErrors: this.clientTlsNegotiationErrors,
      HealthCheckFailures: this.healthCheckFailures,
    };
  }
}

/**
 * The reason label of a failed client handshake: the OpenSSL reason of Node's error code
 * (`ERR_SSL_NO_SHARED_CIPHER` -> `no_shared_cipher`), `handshake_timeout`, or `client_closed`
 * for a client that went away mid-handshake. Bounded: OpenSSL reasons are a fixed set.
 */
export function tlsFailureReason(err: { code?: string } | undefined): string {
  const code = err?.code ?? '';
  if (code.startsWith('ERR_SSL_')) return code.slice('ERR_SSL_'.length).toLowerCase();
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE') return 'client_closed';
  if (code === 'ETIMEDOUT') return 'handshake_timeout';
  return code ? code.toLowerCase() : 'other';
}
