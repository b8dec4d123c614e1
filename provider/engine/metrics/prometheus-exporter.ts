import { Counter, Gauge, Registry } from 'prom-client';
import { MetricsRow } from './metrics-row';
import { LoadBalancerCounters } from './load-balancer-counters';

/**
 * Exposes the load-balancer counters in Prometheus text format (GET /v1/metrics). Values are the
 * rows handed to `metrics()` at scrape time (the plain counters the hot path increments, summed over
 * worker processes); nothing is recorded per request here. Metric names follow the CloudWatch `AWS/ELB` names (elb-facts §7), prefixed `seclb_`.
 */
export class PrometheusExporter {
  private readonly registry = new Registry();

  private rows: readonly MetricsRow[] = [];

  constructor() {
    const source = (): Array<[string, LoadBalancerCounters, { healthy: number; unhealthy: number }]> =>
      this.rows.map((r) => [r.name, r.counters, { healthy: r.healthy, unhealthy: r.unhealthy }]);
    const counter = (name: string, help: string, pick: (c: LoadBalancerCounters) => number) => new Counter({
      name, help, labelNames: ['load_balancer'], registers: [this.registry],
      collect() {
        this.reset();
        for (const [lb, c] of source()) this.inc({ load_balancer: lb }, pick(c));
      },
    });
    counter('seclb_request_count_total', 'Requests (HTTP/HTTPS) or connections (TCP/SSL) accepted (RequestCount).', (c) => c.requestCount);
    counter('seclb_backend_connection_errors_total', 'Back-end connections that failed (BackendConnectionErrors).', (c) => c.backendConnectionErrors);
    counter('seclb_backend_redispatches_total', 'Requests (HTTP/HTTPS) or connections (TCP/SSL) sent to another InService instance because the chosen one refused or reset the connection before any request byte was written.', (c) => c.backendRedispatches);
    counter('seclb_backend_authentication_failures_total', 'Back ends refused because their key matched no pinned key.', (c) => c.backendAuthenticationFailures);
    counter('seclb_httpcode_elb_4xx_total', 'Responses the load balancer generated with a 4xx status (HTTPCode_ELB_4XX).', (c) => c.httpCodeElb4xx);
    counter('seclb_httpcode_elb_5xx_total', 'Responses the load balancer generated with a 5xx status (HTTPCode_ELB_5XX).', (c) => c.httpCodeElb5xx);
    counter('seclb_client_tls_negotiation_errors_total', 'Client TLS handshakes refused (protocol or cipher outside the policy, ...).', (c) => c.clientTlsNegotiationErrors);
    counter('seclb_health_check_failures_total', 'Failed health checks.', (c) => c.healthCheckFailures);
    counter('seclb_httpcode_backend_2xx_total', 'Instance responses with a 2xx status (HTTPCode_Backend_2XX).', (c) => c.httpCodeBackend2xx);
    counter('seclb_httpcode_backend_3xx_total', 'Instance responses with a 3xx status (HTTPCode_Backend_3XX).', (c) => c.httpCodeBackend3xx);
    counter('seclb_httpcode_backend_4xx_total', 'Instance responses with a 4xx status (HTTPCode_Backend_4XX).', (c) => c.httpCodeBackend4xx);
    counter('seclb_httpcode_backend_5xx_total', 'Instance responses with a 5xx status (HTTPCode_Backend_5XX).', (c) => c.httpCodeBackend5xx);
    counter('seclb_latency_seconds_count', 'Latency samples (Latency): HTTP request sent to response headers; TCP/SSL back-end connect.', (c) => c.latencyCount);
    counter('seclb_latency_seconds_sum', 'Sum of the Latency samples, seconds (average = sum / count).', (c) => c.latencySecondsSum);
    counter('seclb_spillover_count_total', 'Requests or connections refused because the surge queue was full (SpilloverCount); always 0: the engine has no surge queue and answers 503 at once.', () => 0);
    new Counter({
      name: 'seclb_client_tls_handshake_failures_total',
      help: 'Client TLS handshakes that failed, by OpenSSL reason (no_shared_cipher, unsupported_protocol, handshake_timeout, client_closed, ...).',
      labelNames: ['load_balancer', 'reason'], registers: [this.registry],
      collect() {
        this.reset();
        for (const [lb, c] of source()) for (const [reason, n] of c.clientTlsNegotiationErrorsByReason) this.inc({ load_balancer: lb, reason }, n);
      },
    });
    const gauge = (name: string, help: string, pick: (h: { healthy: number; unhealthy: number }) => number) => new Gauge({
      name, help, labelNames: ['load_balancer'], registers: [this.registry],
      collect() {
        this.reset();
        for (const [lb, , h] of source()) this.set({ load_balancer: lb }, pick(h));
      },
    });
    gauge('seclb_healthy_host_count', 'InService instances (HealthyHostCount).', (h) => h.healthy);
    gauge('seclb_unhealthy_host_count', 'OutOfService instances (UnHealthyHostCount).', (h) => h.unhealthy);
    const counterGauge = (name: string, help: string, pick: (c: LoadBalancerCounters) => number) => new Gauge({
      name, help, labelNames: ['load_balancer'], registers: [this.registry],
      collect() {
        this.reset();
        for (const [lb, c] of source()) this.set({ load_balancer: lb }, pick(c));
      },
    });
    counterGauge('seclb_latency_seconds_max', 'Largest Latency sample since start, seconds (Latency, Maximum).', (c) => c.latencySecondsMax);
    counterGauge('seclb_surge_queue_length', 'Requests or connections waiting for an instance (SurgeQueueLength); always 0: the engine has no surge queue.', () => 0);
  }

  /**
   * The Prometheus text exposition of these rows. (prom-client runs every collect callback before
   * its first await, so concurrent scrapes each see their own rows.)
   */
  public metrics(rows: readonly MetricsRow[]): Promise<string> {
    this.rows = rows;
    return this.registry.metrics();
  }

  /** The content type of `metrics()`. */
  public get contentType(): string {
    return this.registry.contentType;
  }
}
