import { IDeploymentTarget } from '../targets/deployment-target-interface';
import { AccessLogs } from './access-logs';
import { DesyncMitigationMode } from './desync-mitigation-mode';
import { HealthCheck } from './health-check';
import { LoadBalancerListener } from './listener';

/** Props of `SecureClassicLoadBalancer`. */
export interface SecureClassicLoadBalancerProps {
  /**
   * The load balancer's name: 1-32 letters, digits and hyphens, no hyphen at either end. Changing
   * it replaces the load balancer (the new one is created first: the hash-named policies are
   * create-before-destroy, and Terraform extends that to the load balancer they depend on).
   * @default - the construct id with other characters replaced by hyphens, cut to 32
   */
  readonly name?: string;
  /**
   * Availability zones (a load balancer outside a VPC). Give exactly one of this and `subnets`
   * (a reference counts as given); on AWS one of them is required.
   * @default - none (use `subnets`)
   */
  readonly availabilityZones?: string[];
  /**
   * VPC subnets, at most one per zone. Give exactly one of this and `availabilityZones` (a
   * reference counts as given); on AWS one of them is required.
   * @default - none (use `availabilityZones`)
   */
  readonly subnets?: string[];
  /**
   * VPC security groups.
   * @default - none (AWS assigns the VPC's default group)
   */
  readonly securityGroups?: string[];
  /**
   * Whether the load balancer has public addresses. False makes it internal (VPC only, reachable
   * only inside the VPC). Changing it replaces the load balancer under the same name, which
   * collides with the old one while both exist (the policies' create-before-destroy extends to the
   * load balancer): delete the old load balancer first, or change `name` in the same change.
   * @default true
   */
  readonly internetFacing?: boolean;
  /**
   * Whether each node spreads traffic across the instances of all zones.
   * @default true
   */
  readonly crossZone?: boolean;
  /**
   * Seconds a connection may be idle before it is closed, 1-4000.
   * @default 60
   */
  readonly idleTimeout?: number;
  /**
   * Whether in-flight requests may finish when an instance is deregistered or unhealthy.
   * @default false
   */
  readonly connectionDraining?: boolean;
  /**
   * The longest draining wait in seconds, 1-3600 (used when `connectionDraining` is true).
   * @default 300
   */
  readonly connectionDrainingTimeout?: number;
  /**
   * Access logging to S3.
   * @default - no access logs
   */
  readonly accessLogs?: AccessLogs;
  /**
   * HTTP desync mitigation.
   * @default DesyncMitigationMode.DEFENSIVE
   */
  readonly desyncMitigationMode?: DesyncMitigationMode;
  /**
   * The listeners: at least one by synth, at most 100 (the default quota). More can be added with
   * `addListener`.
   * @default - none yet (at least one is required by synth)
   */
  readonly listeners?: LoadBalancerListener[];
  /**
   * The health check.
   * @default - ELB's default: target `TCP:<instance port of the first listener>`, and each number at its `HealthCheck` default
   */
  readonly healthCheck?: HealthCheck;
  /**
   * EC2 instance ids to register: literal ids in EC2's form (`i-` and 8 or 17 lower-case hex
   * digits), or references such as an `Instance` resource's `id`; at most 1000 (the default quota).
   * More can be added with `addInstance`.
   * @default - none
   */
  readonly instances?: string[];
  /**
   * Instance ports whose back-end connections start with a Proxy Protocol v1 header (TCP/SSL
   * listeners). More with `enableProxyProtocol`.
   * @default - none
   */
  readonly proxyProtocolPorts?: number[];
  /**
   * Tags for the load balancer: at most 10, keys 1-128 and values 0-256 characters. 10 is the ELB
   * API's limit for AddTags (`SECLB_TAGS_TOO_MANY` beyond).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Where to deploy.
   * @default - the `seclb:target` app context (`aws` or `local`), else `DeploymentTarget.aws()`
   */
  readonly target?: IDeploymentTarget;
}
