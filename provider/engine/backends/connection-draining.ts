import { ENGINE_LOG_CODES } from '../errors';
import { InstanceState } from '../common/instance-state';
import { EngineLogger } from '../logging/logger';

/** Something in flight to a back end that can be cut: a proxied HTTP request or a TCP relay. */
export interface InFlight {
  destroy(error?: Error): void;
}

interface Drain {
  readonly timer?: NodeJS.Timeout;
}

/** The description ELB gives an instance while it drains (elb-facts §6.7). */
export const DRAINING_DESCRIPTION = 'Instance deregistration currently in progress.';

/**
 * Tracks what is in flight to each instance, and deregistration as ELB does it (elb-facts §6.7):
 * - draining enabled: the instance gets no new requests; in-flight ones finish, and whatever is
 *   left when the drain timeout expires is closed. Meanwhile DescribeInstanceHealth says
 *   `InService` / `ELB` / "Instance deregistration currently in progress.";
 * - draining disabled: in-flight requests and connections to the instance are closed at once.
 *
 * Register and release are O(1) Set operations on the hot path; nothing else runs per request.
 */
export class ConnectionDraining {
  private readonly inFlight = new Map<string, Set<InFlight>>();
  private readonly draining = new Map<string, Drain>();

  constructor(private readonly loadBalancerName: string, private readonly logger: EngineLogger) {}

  /** Something started towards `instanceId`. */
  public register(instanceId: string, item: InFlight): void {
    let set = this.inFlight.get(instanceId);
    if (!set) {
      set = new Set();
      this.inFlight.set(instanceId, set);
    }
    set.add(item);
  }

  /** It ended (finished, failed or was cut). Ends a drain when it was the last one. */
  public release(instanceId: string, item: InFlight): void {
    const set = this.inFlight.get(instanceId);
    if (!set) return;
    set.delete(item);
    if (set.size > 0) return;
    this.inFlight.delete(instanceId);
    if (this.draining.has(instanceId)) this.finish(instanceId, 'in-flight requests finished');
  }

  /**
   * Instances were deregistered. With draining, those with something in flight drain for at most
   * `timeoutMs`; without, their in-flight work is closed now.
   */
  public deregistered(instanceIds: string[], enabled: boolean, timeoutMs: number): void {
    for (const id of instanceIds) {
      const set = this.inFlight.get(id);
      if (!set || set.size === 0) continue;
      if (!enabled) {
        this.cut(id, 'connection draining is disabled');
        continue;
      }
      if (this.draining.has(id)) continue;
      const timer = setTimeout(() => this.cut(id, `the drain timeout (${timeoutMs} ms) expired`), timeoutMs);
      timer.unref();
      this.draining.set(id, { timer });
      this.logger.info({ loadBalancer: this.loadBalancerName, instanceId: id, inFlight: set.size, timeoutMs }, 'instance deregistered: draining');
    }
  }

  /** An instance registered again: its drain, if any, ends (it is a normal instance again). */
  public registered(instanceIds: string[]): void {
    for (const id of instanceIds) {
      const d = this.draining.get(id);
      if (!d) continue;
      clearTimeout(d.timer);
      this.draining.delete(id);
    }
  }

  /** DescribeInstanceHealth entries of the instances draining now. */
  public describe(): InstanceState[] {
    return [...this.draining.keys()].map((id) => ({ InstanceId: id, State: 'InService', ReasonCode: 'ELB', Description: DRAINING_DESCRIPTION }));
  }

  /** Clears timers (engine stop). */
  public stop(): void {
    for (const d of this.draining.values()) clearTimeout(d.timer);
    this.draining.clear();
  }

  private cut(instanceId: string, why: string): void {
    const set = this.inFlight.get(instanceId);
    const count = set?.size ?? 0;
    this.inFlight.delete(instanceId);
    const error = Object.assign(new Error(`closed: instance ${instanceId} was deregistered and ${why}`), { code: ENGINE_LOG_CODES.DEREGISTERED });
    for (const item of set ?? []) item.destroy(error);
    if (this.draining.has(instanceId)) this.finish(instanceId, why);
    this.logger.info({ loadBalancer: this.loadBalancerName, instanceId, closed: count }, `deregistered instance: in-flight work closed (${why})`);
  }

  private finish(instanceId: string, why: string): void {
    const d = this.draining.get(instanceId);
    if (d?.timer) clearTimeout(d.timer);
    this.draining.delete(instanceId);
    this.logger.info({ loadBalancer: this.loadBalancerName, instanceId, why }, 'drain finished');
  }
}
