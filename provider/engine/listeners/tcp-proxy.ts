import * as net from 'net';
import { performance } from 'perf_hooks';
import { BackendConnector } from '../backends/backend-connector';
import { BackendTarget } from '../backends/backend-target';
import { BACKEND_CONNECT_TIMEOUT_MS } from '../backends/connection-pool';
import { MAX_REDISPATCHES, redispatchTarget, refusedOrReset } from '../backends/redispatch';
import { TcpAccessRecord } from '../access-log/tcp-access-record';
import { EngineLogger } from '../logging/logger';
import { ListenerBinding } from './listener-binding';
import { TcpRelay } from './tcp-relay';
import { closeUnrelayed } from './unrelayed-close';

/**
 * Layer-4 relay for TCP and SSL listeners (elb-facts §6.1): round robin per connection over the
 * InService instances, bytes relayed untouched, no headers (Proxy Protocol v1 when the instance
 * port has the policy). The client socket is paused until the back end is ready, so an instance
 * that refuses or resets the connection (or its TLS handshake) has seen no client byte: the
 * connection then goes to another InService instance (at most `MAX_REDISPATCHES` times) and the
 * instance is marked suspect. A back end refused by its pins is not tried elsewhere. A connection
 * that cannot be relayed is closed cleanly, after its TLS handshake for SSL (`closeUnrelayed`). The
 * bytes themselves go through a `TcpRelay`.
 */
export class TcpProxy {
  constructor(private readonly logger: EngineLogger) {}

  /** Handles one accepted (and, for SSL, already TLS-terminated) client connection. */
  public handle(client: net.Socket, binding: ListenerBinding, rawClient: net.Socket): void {
    const { listener, runtime } = binding;
    runtime.counters.requestCount++;
    client.pause();
    const record = runtime.accessLog ? new TcpAccessRecord(runtime.accessLog, client, rawClient) : undefined;
    const target = runtime.roundRobin.pick(runtime.routable(listener.instancePort));
    if (!target) {
      closeUnrelayed(client);
      record?.finish();
      return;
    }
    this.connect(client, binding, rawClient, record, target, []);
  }

  /** Connects to `target`, then relays; on a refusal, tries the next instance (`refusedBy` lists those that refused). */
  private connect(client: net.Socket, binding: ListenerBinding, rawClient: net.Socket, record: TcpAccessRecord | undefined,
    target: BackendTarget, refusedBy: string[]): void {
    const { listener, runtime } = binding;
    const idle = runtime.compiled.idleTimeoutMs;
    const connectingAt = performance.now();
    BackendConnector.connect(target, BACKEND_CONNECT_TIMEOUT_MS, runtime.pinFailure, (err, backend) => {
      if (err || !backend) {
        if (!(err as { code?: string })?.code?.startsWith('SECLB_')) runtime.counters.backendConnectionErrors++;
        this.logger.debug({ loadBalancer: listener.loadBalancerName, instanceId: target.instanceId, err: err?.message }, 'back-end connection failed');
        if (refusedOrReset(err as { code?: string }) && !client.destroyed) {
          runtime.suspects.mark(target.instanceId);
          refusedBy.push(target.instanceId);
          const next = refusedBy.length > MAX_REDISPATCHES ? undefined : redispatchTarget(runtime.inService(listener.instancePort), refusedBy,
            (id) => runtime.suspects.has(id), (candidates) => runtime.roundRobin.pick(candidates));
          if (next) {
            runtime.counters.backendRedispatches++;
            this.connect(client, binding, rawClient, record, next, refusedBy);
            return;
          }
        }
        closeUnrelayed(client);
        record?.finish();
        return;
      }
      if (runtime.suspects.size > 0) runtime.suspects.clear(target.instanceId);
      runtime.counters.latency((performance.now() - connectingAt) / 1000);
      if (client.destroyed) { backend.destroy(); record?.finish(); return; }
      record?.connected(target);
      if (runtime.compiled.proxyProtocolPorts.has(listener.instancePort)) {
        const family = rawClient.remoteFamily === 'IPv6' ? 'TCP6' : 'TCP4';
        backend.write(`PROXY ${family} ${rawClient.remoteAddress} ${rawClient.localAddress} ${rawClient.remotePort} ${rawClient.localPort}\r\n`);
      }
      const relay = new TcpRelay(client, backend, record, (done) => runtime.draining.release(target.instanceId, done));
      runtime.draining.register(target.instanceId, relay);
      relay.start(idle);
    });
  }
}
