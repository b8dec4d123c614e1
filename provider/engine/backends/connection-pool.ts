import { PinFailureListener } from './backend-connector';
import { BackendTarget } from './backend-target';
import { DEFAULT_HTTP_BACKEND, HttpBackend } from './http-backend';
import { TargetPool } from './target-pool';

export { BACKEND_CONNECT_TIMEOUT_MS } from './target-pool';

const TARGET_KEYS = new WeakMap<BackendTarget, string>();

/** The key that identifies a target for pooling: same address, port, TLS and pins → same pool. Computed once per target object. */
export function targetKey(t: BackendTarget): string {
  let key = TARGET_KEYS.get(t);
  if (key === undefined) {
    key = computeTargetKey(t);
    TARGET_KEYS.set(t, key);
  }
  return key;
}

function computeTargetKey(t: BackendTarget): string {
  const pins = t.pins ? `${t.pins.policyName}=${[...t.pins.keys].sort().join(',')}` : '';
  return `${t.tls ? 'tls' : 'tcp'}|${t.address}|${t.port}|${pins}`;
}

/**
 * Keep-alive pools to back ends, one `TargetPool` (clients of one connection each: the lean client,
 * or undici's with `--http-backend undici`) per target and idle timeout, shared by every HTTP/HTTPS listener of the process. A load balancer's idle
 * timeout is its own even when two load balancers share a back end.
 */
export class ConnectionPool {
  /** Pools by target key, then by idle timeout (ms): no string is built per request. */
  private readonly pools = new Map<string, Map<number, TargetPool>>();

  /** @param backend which client carries requests to back ends (`HttpBackend`, default `lean`) */
  constructor(private readonly onPinFailure: PinFailureListener, private readonly backend: HttpBackend = DEFAULT_HTTP_BACKEND) {}

  /** The pool for a target and idle timeout (created on first use). */
  public poolFor(target: BackendTarget, idleTimeoutMs: number): TargetPool {
    const key = targetKey(target);
    let byIdle = this.pools.get(key);
    if (!byIdle) {
      byIdle = new Map();
      this.pools.set(key, byIdle);
    }
    let pool = byIdle.get(idleTimeoutMs);
    if (!pool) {
      pool = new TargetPool(target, idleTimeoutMs, this.onPinFailure, this.backend);
      byIdle.set(idleTimeoutMs, pool);
    }
    return pool;
  }

  /** The key `retainOnly` takes for a target used with an idle timeout. */
  public static liveKey(target: BackendTarget, idleTimeoutMs: number): string {
    return `${targetKey(target)}#${idleTimeoutMs}`;
  }

  /**
   * Retires pools whose (target, idle timeout) is no longer live (keys from `liveKey`): idle
   * connections close now, in-flight requests finish, and their connections close after them.
   */
  public retainOnly(liveKeys: Set<string>): void {
    for (const [key, byIdle] of this.pools) {
      for (const [idle, pool] of byIdle) {
        if (liveKeys.has(`${key}#${idle}`)) continue;
        byIdle.delete(idle);
        pool.retire();
      }
      if (byIdle.size === 0) this.pools.delete(key);
    }
  }

  /** Closes everything (engine stop). */
  public destroy(): void {
    for (const byIdle of this.pools.values()) for (const pool of byIdle.values()) pool.destroy();
    this.pools.clear();
  }
}
