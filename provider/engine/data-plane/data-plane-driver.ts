import { ServerCertificateRecord } from '../certificates/server-certificate';
import { InstanceState } from '../health/instance-health';
import { MetricsRow } from '../metrics/metrics-row';
import { CompiledLoadBalancer } from '../model/compiled-load-balancer';

/** One load balancer to put live (`compiled`) or to remove (`compiled` undefined). */
export interface LoadBalancerChange {
  readonly name: string;
  readonly compiled?: CompiledLoadBalancer;
}

/** A change that has bound every port it needs and can still be undone. */
export interface PreparedChange {
  /** Makes the change live: swaps bindings, closes removed listeners. */
  commit(): Promise<void>;
  /** Undoes `prepare`: closes the listeners it bound. Live state is as before. */
  rollback(): Promise<void>;
}

export type { MetricsRow } from '../metrics/metrics-row';

/** One process serving traffic, as `/v1/status` shows it. */
export interface WorkerView {
  /** 0 for a single-process engine; 1..N for the workers of a multi-worker engine. */
  readonly id: number;
  readonly pid: number;
  /** Requests (HTTP/HTTPS) and connections (TCP/SSL) this process accepted, all load balancers. */
  readonly requestCount: number;
}

/**
 * What the control plane (`Engine`) drives: the data plane of this process (`DataPlane`), or the
 * data planes of N worker processes behind one primary (`WorkerPool`). Either way an apply is two
 * phases — `prepare` everything everywhere (any failure undoes all of it), then `commit` — so no
 * process serves an old revision once `commit` has resolved.
 */
export interface DataPlaneDriver {
  /**
   * Prepares a set of changes as one unit: binds every new port and builds every TLS context.
   * Throws after undoing its own work when anything fails (a taken port, a context OpenSSL refuses).
   * @param certificates every server certificate of the next state (workers compile from them)
   */
  prepare(changes: readonly LoadBalancerChange[], certificates: ReadonlyMap<string, ServerCertificateRecord>): Promise<PreparedChange>;
  /** Every live load balancer's counters (summed over processes) and health tallies. */
  metricsRows(): Promise<MetricsRow[]>;
  /** One load balancer's counter snapshot (summed over processes), or undefined when it is not live. */
  counters(name: string): Promise<Record<string, number> | undefined>;
  /** DescribeInstanceHealth of one load balancer, or undefined when it is not live. */
  describeHealth(name: string): Promise<InstanceState[] | undefined>;
  /** The processes serving traffic. */
  workers(): Promise<WorkerView[]>;
  /** Stops serving: closes every listener and connection. */
  stop(): Promise<void>;
}
