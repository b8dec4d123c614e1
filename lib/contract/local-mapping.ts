/**
 * What the local target mapped that only AWS can resolve: the contract between the local target
 * (which writes it) and the deploy core and CLI (which show it in `seclb plan` and `seclb status`).
 * It travels in the synthesized stack as a Terraform JSON comment (`"//"`) of each `seclb_*`
 * resource, under the key `LOCAL_MAPPING_KEY`, so Terraform and the plugin never see it.
 * See docs/local-target.md. Internal to the package (not exported from lib/index.ts).
 */

/** The key under a resource's `"//"` comment that holds its local mapping. */
export const LOCAL_MAPPING_KEY = 'seclb_local';

/** How an instance got its local back end. */
export type InstanceMappingRule = 'instanceAddresses' | 'default pool';

/** One instance of a load balancer, as the local target mapped it. */
export interface InstanceMapping {
  /** What the app wrote: a literal instance id, or the reference a token resolves to (`${aws_instance.web.id}`). */
  readonly source: string;
  /**
   * The construct path (below the stack) of the resource a token references, e.g. `Web1`: the
   * `instanceAddresses` key that maps it.
   * @default - none for a literal instance id (its key is the id itself)
   */
  readonly resourcePath?: string;
  /** The instance id the engine knows it by (the literal id, or a stand-in `i-` id for a token). */
  readonly instanceId: string;
  /** The loopback address the engine sends its traffic to. */
  readonly address: string;
  /** Where the address came from. */
  readonly rule: InstanceMappingRule;
}

/** How a listener got its local port. */
export type ListenerPortRule = 'loadBalancerPorts' | 'listenerPorts' | 'unchanged' | 'allocated';

/** One listener of a load balancer, as the local target mapped its port. */
export interface ListenerPortMapping {
  /** The port the app declares (the AWS load-balancer port). */
  readonly loadBalancerPort: number;
  /** The port the engine binds on 127.0.0.1. */
  readonly localPort: number;
  /** Where the local port came from (`allocated`: the port was taken by an earlier load balancer of the stack). */
  readonly rule: ListenerPortRule;
}

/** The `"//".seclb_local` of one `seclb_load_balancer`. */
export interface LoadBalancerLocalMapping {
  /** Every instance, in document order. */
  readonly instances: InstanceMapping[];
  /** Every listener, in document order. */
  readonly listeners: ListenerPortMapping[];
}

/** The `"//".seclb_local` of one `seclb_server_certificate` that stands in for a certificate the engine cannot have. */
export interface StandInCertificateMapping {
  /** The ARN, or the reference a token resolves to, that the stand-in replaces locally. */
  readonly standInFor: string;
}

/** The organization a stand-in certificate's subject names, so a certificate says itself that it is one. */
export const STAND_IN_ORGANIZATION = 'seclb stand-in certificate';

/**
 * What a certificate stands in for, read from its subject (`O=seclb stand-in certificate`,
 * `OU=<what it replaces>`), or undefined when it is not a stand-in.
 *
 * @param subject the subject as node's X509Certificate prints it (one `KEY=value` per line)
 */
export function standInSourceOfSubject(subject: string): string | undefined {
  const lines = subject.split(/\n|, (?=[A-Z]+=)/);
  if (!lines.includes(`O=${STAND_IN_ORGANIZATION}`)) return undefined;
  const unit = lines.find((l) => l.startsWith('OU='));
  return unit ? unit.slice(3) : '';
}
