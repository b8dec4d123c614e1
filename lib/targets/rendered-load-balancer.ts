/**
 * What a target hands back after rendering a load balancer: references other resources can use.
 * On AWS these are Terraform references (tokens) to the `aws_elb` resource.
 */
export interface RenderedLoadBalancer {
  /** The load balancer's name as a reference (creates a dependency on it). */
  readonly loadBalancerName: string;
  /** The DNS name clients connect to. */
  readonly dnsName: string;
  /** The canonical hosted zone id (Route 53 alias records); an empty string where there is none. */
  readonly canonicalHostedZoneId: string;
  /**
   * Where each listener is served, by load-balancer port (`'443'` → `'127.0.0.1:8444'`), when the
   * target knows it at synth (the local target).
   * @default - `<dnsName>:<port>`
   */
  readonly listenerEndpoints?: { [loadBalancerPort: string]: string };
}
