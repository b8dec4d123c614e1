import { PolicyAttribute } from '../resolution/policy-attribute';
import { ListenerProtocol } from './listener-protocol';

/**
 * One listener: a front-end port and protocol forwarding to an instance port and protocol.
 */
export interface ListenerDocument {
  /** The port clients connect to, 1-65535. */
  readonly loadBalancerPort: number;
  /** The front-end protocol. */
  readonly protocol: ListenerProtocol;
  /** The port on each instance, 1-65535. */
  readonly instancePort: number;
  /** The back-end protocol (HTTP/HTTPS pairs with HTTP/HTTPS, TCP/SSL with TCP/SSL). */
  readonly instanceProtocol: ListenerProtocol;
  /**
   * The server certificate of an HTTPS/SSL front end: an IAM or ACM ARN on AWS, or the name of a
   * server certificate the local engine holds.
   * @default - none (required for HTTPS/SSL front ends)
   */
  readonly sslCertificateId?: string;
  /** Names of the policies attached to this listener (SSL negotiation, stickiness), in order. */
  readonly policyNames: string[];
}

/** A policy of the load balancer, in the shape of `DescribeLoadBalancerPolicies`. */
export interface PolicyDocument {
  /** The policy's name, unique within the load balancer (letters, digits and hyphens). */
  readonly policyName: string;
  /** Its type, e.g. `SSLNegotiationPolicyType`. */
  readonly policyTypeName: string;
  /** Its attributes; SSL negotiation policies carry the complete canonical set. */
  readonly attributes: PolicyAttribute[];
}

/** Policies attached to one instance (back-end) port. */
export interface BackendServerDocument {
  /** The instance port, 1-65535. */
  readonly instancePort: number;
  /** Names of the back-end authentication and proxy protocol policies on that port. */
  readonly policyNames: string[];
}

/** The health check every registered instance gets. */
export interface HealthCheckDocument {
  /** `HTTP:port/path`, `HTTPS:port/path`, `TCP:port` or `SSL:port`. */
  readonly target: string;
  /** Seconds between checks, 5-300. */
  readonly intervalSeconds: number;
  /** Seconds to wait for an answer, 2-60 and below the interval. */
  readonly timeoutSeconds: number;
  /** Consecutive successes before an instance is InService, 2-10. */
  readonly healthyThreshold: number;
  /** Consecutive failures before an instance is OutOfService, 2-10. */
  readonly unhealthyThreshold: number;
}

/** One registered instance. */
export interface InstanceDocument {
  /** The instance id, e.g. `i-4f8cf126`. */
  readonly instanceId: string;
  /**
   * Where the local engine reaches the instance (a loopback address such as `127.0.0.11`).
   * @default - none: on AWS the instance id is enough
   */
  readonly address?: string;
}

/** Connection draining on deregistration. */
export interface ConnectionDrainingDocument {
  /** Whether in-flight requests may finish when an instance is deregistered. */
  readonly enabled: boolean;
  /** The longest wait, in seconds (1-3600). */
  readonly timeoutSeconds: number;
}

/** Access logging. */
export interface AccessLogDocument {
  /** Whether access logs are written. */
  readonly enabled: boolean;
  /** The S3 bucket (AWS); ignored by the local engine, which writes to its state directory. */
  readonly s3BucketName: string;
  /**
   * The key prefix inside the bucket.
   * @default - none
   */
  readonly s3BucketPrefix?: string;
  /** Minutes per log file: 5 or 60. */
  readonly emitIntervalMinutes: number;
}

/**
 * The canonical description of one Classic load balancer: what the local target synthesizes, the
 * deploy core diffs and the engine accepts. Every default is explicit.
 */
export interface LoadBalancerDocument {
  /** The document format version; this library writes 1. */
  readonly schemaVersion: number;
  /** The load balancer's name (1-32 letters, digits and hyphens, no hyphen at either end). */
  readonly name: string;
  /** Availability zones (AWS without a VPC); shown by the local engine. */
  readonly availabilityZones: string[];
  /** VPC subnets. */
  readonly subnets: string[];
  /** VPC security groups. */
  readonly securityGroups: string[];
  /** Whether the load balancer is internal (no public address). */
  readonly internal: boolean;
  /** Whether traffic is spread across all zones. */
  readonly crossZoneLoadBalancing: boolean;
  /** Idle timeout for client and back-end connections, in seconds (1-4000). */
  readonly idleTimeoutSeconds: number;
  /** Connection draining. */
  readonly connectionDraining: ConnectionDrainingDocument;
  /**
   * Access logging.
   * @default - disabled
   */
  readonly accessLog?: AccessLogDocument;
  /** HTTP desync mitigation: `monitor`, `defensive` or `strictest`. */
  readonly desyncMitigationMode: string;
  /** Listeners (at least 1, at most 100), sorted by load balancer port. */
  readonly listeners: ListenerDocument[];
  /** Every policy of the load balancer, sorted by name. */
  readonly policies: PolicyDocument[];
  /** Policies per instance port, sorted by port. */
  readonly backendServers: BackendServerDocument[];
  /** The health check. */
  readonly healthCheck: HealthCheckDocument;
  /** Registered instances (at most 1000), sorted by id. */
  readonly instances: InstanceDocument[];
  /** Tags (at most 10). */
  readonly tags: { [key: string]: string };
}
