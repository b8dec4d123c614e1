/**
 * Counters of one load balancer, named after the CloudWatch `AWS/ELB` metrics they mirror
 * (elb-facts §7) where one exists. Plain integers: incremented on the hot path, read by the admin API.
 */
export class LoadBalancerCounters {
  /** Requests (HTTP/HTTPS) or connections (TCP/SSL) accepted. */
  public requestCount = 0;
  /** Back-end connections that failed: refused, reset, timed out, or refused by pinning. */
  public backendConnectionErrors = 0;
  /** Back ends refused because their key matched no pinned key (not a CloudWatch metric). */
  public backendAuthenticationFailures = 0;
  /** Responses the load balancer generated with a 4xx status. */
  public httpCodeElb4xx = 0;
  /** Responses the load balancer generated with a 5xx status. */
  public httpCodeElb5xx = 0;
  /** Client handshakes that failed (protocol or cipher outside the policy, ...). Not a CloudWatch metric. */
  public clientTlsNegotiationErrors = 0;
  /** Failed health checks. */
  public healthCheckFailures = 0;

  /** A plain snapshot for JSON. */
  public snapshot(): Record<string, number> {
    return {
      RequestCount: this.requestCount,
      BackendConnectionErrors: this.backendConnectionErrors,
      BackendAuthenticationFailures: this.backendAuthenticationFailures,
      HTTPCode_ELB_4XX: this.httpCodeElb4xx,
      HTTPCode_ELB_5XX: this.httpCodeElb5xx,
      ClientTLSNegotiationErrors: this.clientTlsNegotiationErrors,
      HealthCheckFailures: this.healthCheckFailures,
    };
  }
}
