/** A listener protocol, front end or back end. ELB accepts any case; the model stores upper case. */
export enum ListenerProtocol {
  /** HTTP (layer 7). Pairs with an HTTP or HTTPS back end. */
  HTTP = 'HTTP',
  /** HTTPS: TLS terminated by the load balancer (layer 7). Needs a certificate. */
  HTTPS = 'HTTPS',
  /** TCP pass-through (layer 4). Pairs with a TCP or SSL back end. */
  TCP = 'TCP',
  /** SSL: TLS terminated by the load balancer (layer 4). Needs a certificate. */
  SSL = 'SSL',
}
