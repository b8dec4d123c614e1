import { BackendTarget } from './backend-target';

/** Picks a back end among the InService ones. */
export interface Balancer {
  /** The chosen target, or undefined when none is InService. */
  pick(inService: readonly BackendTarget[]): BackendTarget | undefined;
}

/**
 * Least outstanding requests (HTTP/HTTPS listeners, elb-facts §6.1): the target with the fewest
 * requests in flight; ties go round robin so idle back ends share the load.
 */
export class LeastOutstandingRequests implements Balancer {
  private readonly outstanding = new Map<string, number>();
  private cursor = 0;

  public pick(inService: readonly BackendTarget[]): BackendTarget | undefined {
    const n = inService.length;
    if (n === 0) return undefined;
    const start = this.cursor++ % n;
    let best: BackendTarget | undefined;
    let bestCount = Infinity;
    for (let i = 0; i < n; i++) {
      const t = inService[(start + i) % n];
      const c = this.outstanding.get(t.instanceId) ?? 0;
      if (c < bestCount) { best = t; bestCount = c; }
    }
    return best;
  }

  /** A request to `target` started. */
  public begin(target: BackendTarget): void {
    this.outstanding.set(target.instanceId, (this.outstanding.get(target.instanceId) ?? 0) + 1);
  }

  /** A request to `target` ended (answered, failed or aborted). */
  public end(target: BackendTarget): void {
    const c = (this.outstanding.get(target.instanceId) ?? 1) - 1;
    if (c <= 0) this.outstanding.delete(target.instanceId);
    else this.outstanding.set(target.instanceId, c);
  }
}

/** Round robin per connection (TCP/SSL listeners, elb-facts §6.1). */
export class RoundRobin implements Balancer {
  private cursor = 0;

  public pick(inService: readonly BackendTarget[]): BackendTarget | undefined {
    if (inService.length === 0) return undefined;
    return inService[this.cursor++ % inService.length];
  }
}
