import * as http from 'http';
import * as net from 'net';
import { Duplex } from 'stream';
import { BackendConnector, PinFailureListener } from './backend-connector';
import { BackendTarget } from './backend-target';

/** Connect deadline for back-end connections (ELB does not document one; the idle timeout bounds the rest). */
export const BACKEND_CONNECT_TIMEOUT_MS = 5_000;

/**
 * A keep-alive agent for one back-end target. Connections are opened by `BackendConnector`, so
 * HTTPS back ends are pinned before the HTTP client may write to them. (The HTTP client writes
 * plain HTTP into whatever stream it gets; TLS is ours.)
 */
class BackendAgent extends http.Agent {
  constructor(private readonly target: BackendTarget, private readonly onPinFailure: PinFailureListener, private readonly idleTimeoutMs: number) {
    // `timeout`: the idle timeout of every socket of this agent, in use (the request gets 'timeout')
    // or free (the agent closes it). One agent per target and idle timeout, so no per-request timer.
    super({ keepAlive: true, keepAliveMsecs: 1_000, maxFreeSockets: 64, timeout: idleTimeoutMs, scheduling: 'lifo' });
  }

  public override createConnection(_options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    BackendConnector.connect(this.target, BACKEND_CONNECT_TIMEOUT_MS, this.onPinFailure, (err, socket) => {
      socket?.setTimeout(this.idleTimeoutMs);
      callback?.(err, socket as Duplex);
    });
    return undefined;
  }
}

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
 * Keep-alive pools to back ends, one agent per target, shared by every HTTP/HTTPS listener of
 * the engine. Agents are created once per applied revision (`sync`), never per request.
 */
export class ConnectionPool {
  /** Agents by target key, then by idle timeout (ms): no string is built per request. */
  private readonly agents = new Map<string, Map<number, BackendAgent>>();

  constructor(private readonly onPinFailure: PinFailureListener) {}

  /** The agent for a target and idle timeout (created on first use). */
  public agentFor(target: BackendTarget, idleTimeoutMs: number): http.Agent {
    const key = targetKey(target);
    let byIdle = this.agents.get(key);
    if (!byIdle) {
      byIdle = new Map();
      this.agents.set(key, byIdle);
    }
    let agent = byIdle.get(idleTimeoutMs);
    if (!agent) {
      agent = new BackendAgent(target, this.onPinFailure, idleTimeoutMs);
      byIdle.set(idleTimeoutMs, agent);
    }
    return agent;
  }

  /** The key `retainOnly` takes for a target used with an idle timeout. */
  public static liveKey(target: BackendTarget, idleTimeoutMs: number): string {
    return `${targetKey(target)}#${idleTimeoutMs}`;
  }

  /**
   * Retires agents whose (target, idle timeout) is no longer live (keys from `liveKey`): idle
   * sockets close now, in-flight requests finish, and their sockets close when freed.
   */
  public retainOnly(liveKeys: Set<string>): void {
    for (const [key, byIdle] of this.agents) {
      for (const [idle, agent] of byIdle) {
        if (liveKeys.has(`${key}#${idle}`)) continue;
        byIdle.delete(idle);
        for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
        agent.on('free', (socket: net.Socket) => socket.destroy());
      }
      if (byIdle.size === 0) this.agents.delete(key);
    }
  }

  /** Closes everything (engine stop). */
  public destroy(): void {
    for (const byIdle of this.agents.values()) for (const agent of byIdle.values()) agent.destroy();
    this.agents.clear();
  }
}
