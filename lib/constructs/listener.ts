import { ListenerProtocol } from '../policy/document/listener-protocol';
import { CipherPolicy } from './cipher-policy';
import { IServerCertificate } from './server-certificate';
import { Stickiness } from './stickiness';

/** One listener of a `SecureClassicLoadBalancer`: a front-end port and protocol forwarding to instances. */
export interface LoadBalancerListener {
  /** The port clients connect to, 1-65535. */
  readonly loadBalancerPort: number;
  /** The front-end protocol. HTTPS and SSL need a `certificate`. */
  readonly protocol: ListenerProtocol;
  /**
   * The port on the instances, 1-65535.
   * @default - the same as `loadBalancerPort`
   */
  readonly instancePort?: number;
  /**
   * The back-end protocol: HTTP or HTTPS behind HTTP/HTTPS, TCP or SSL behind TCP/SSL.
   * @default - the same as `protocol` (so an HTTPS front end encrypts to the back end too)
   */
  readonly instanceProtocol?: ListenerProtocol;
  /**
   * The server certificate of an HTTPS or SSL front end.
   * @default - none; required when `protocol` is HTTPS or SSL
   */
  readonly certificate?: IServerCertificate;
  /**
   * The SSL negotiation policy of an HTTPS or SSL front end.
   * @default - no policy is attached and ELB applies its default, ELBSecurityPolicy-2016-08 (which
   * enables TLS 1.0 and 1.1; the synth warnings say so)
   */
  readonly cipherPolicy?: CipherPolicy;
  /**
   * Session stickiness (HTTP and HTTPS listeners).
   * @default - none: each request is balanced on its own
   */
  readonly stickiness?: Stickiness;
}
