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
  constructor(private readonly target: BackendTarget, private readonly onPinFailure: PinFailureListener, idleTimeoutMs: number) {
    super({ keepAlive: true, keepAliveMsecs: 1_000, maxFreeSockets: 64, timeout: idleTimeoutMs, scheduling: 'lifo' });
  }

  public override createConnection(_options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    BackendConnector.connect(this.target, BACKEND_CONNECT_TIMEOUT_MS, this.onPinFailure, (err, socket) => {
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
  private readonly agents = new Map<string, BackendAgent>();

  constructor(private readonly onPinFailure: PinFailureListener) {}

  /** The agent for a target (created on first use). */
  public agentFor(target: BackendTarget, idleTimeoutMs: number): http.Agent {
    const key = targetKey(target);
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new BackendAgent(target, this.onPinFailure, idleTimeoutMs);
      this.agents.set(key, agent);
    }
    return agent;
  }

  /**
   * Retires agents whose targets are no longer live: idle sockets close now, in-flight requests
   * finish, and their sockets close when freed.
   */
  public retainOnly(liveKeys: Set<string>): void {
    for (const [key, agent] of this.agents) {
      if (liveKeys.has(key)) continue;
      this.agents.delete(key);
      for (const list of Object.values(agent.freeSockets)) for (const s of list ?? []) s.destroy();
      agent.on('free', (socket: net.Socket) => socket.destroy());
    }
  }

  /** Closes everything (engine stop). */
  public destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
