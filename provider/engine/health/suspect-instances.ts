import { performance } from 'perf_hooks';

/**
 * How long an instance that refused or reset a connection is avoided before traffic tries it
 * again. Short on purpose: a refused connection is never a lost request (it goes to another
 * instance), so a trial costs one connect attempt, while a long hold would starve an instance that
 * was only restarting.
 */
export const SUSPECT_HOLD_MS = 1_000;

/**
 * Instances of one load balancer that refused or reset a connection before a request was written
 * to them. The balancers avoid them at once instead of waiting for the health check, but this is a
 * routing preference only: InService/OutOfService (DescribeInstanceHealth, the host-count metrics)
 * stays the health check's decision alone, as on ELB.
 *
 * A mark ends when the hold expires (the next request may try the instance), when a request to the
 * instance succeeds, or when the health check takes the instance out of service (it comes back
 * clean once the checks pass). Kept per process: each worker learns on its own.
 */
export class SuspectInstances {
  /** Instance id -> when (performance.now() ms) its mark expires. */
  private readonly until = new Map<string, number>();
  /** The earliest expiry among the marks (Infinity when none). */
  private nextExpiry = Infinity;

  /**
   * @param onChange called whenever the set changes (the runtime rebuilds its routable lists)
   * @param holdMs how long a mark lasts @default SUSPECT_HOLD_MS
   */
  constructor(private readonly onChange: () => void, private readonly holdMs = SUSPECT_HOLD_MS) {}

  /** How many instances are marked (0 on the hot path almost always). */
  public get size(): number {
    return this.until.size;
  }

  /** True when the instance is marked. */
  public has(instanceId: string): boolean {
    return this.until.has(instanceId);
  }

  /** The instance refused or reset a connection: avoid it for the hold (renewed when marked again). */
  public mark(instanceId: string): void {
    const had = this.until.has(instanceId);
    const expiry = performance.now() + this.holdMs;
    this.until.set(instanceId, expiry);
    if (expiry < this.nextExpiry) this.nextExpiry = expiry;
    if (!had) this.onChange();
  }

  /** A request to the instance succeeded: it is no longer suspect. */
  public clear(instanceId: string): void {
    if (!this.until.delete(instanceId)) return;
    this.recomputeNextExpiry();
    this.onChange();
  }

  /** Drops the marks whose hold has expired; true when one was dropped (then `onChange` ran too). */
  public expire(): boolean {
    if (this.until.size === 0) return false;
    const now = performance.now();
    if (now < this.nextExpiry) return false;
    for (const [id, expiry] of this.until) if (expiry <= now) this.until.delete(id);
    this.recomputeNextExpiry();
    this.onChange();
    return true;
  }

  /** Keeps only the marks of instances `keep` accepts (the InService ones), without calling `onChange`. */
  public retainOnly(keep: (instanceId: string) => boolean): void {
    if (this.until.size === 0) return;
    for (const id of [...this.until.keys()]) if (!keep(id)) this.until.delete(id);
    this.recomputeNextExpiry();
  }

  private recomputeNextExpiry(): void {
    let next = Infinity;
    for (const expiry of this.until.values()) if (expiry < next) next = expiry;
    this.nextExpiry = next;
  }
}
