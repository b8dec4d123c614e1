import * as net from 'net';
import { Client, Dispatcher } from 'undici';
import { BackendConnector, PinFailureListener } from './backend-connector';
import { BackendTarget } from './backend-target';
import { DEFAULT_HTTP_BACKEND, HttpBackend } from './http-backend';
import { LeanBackendClient } from './lean-backend-client';

/** Connect deadline for back-end connections (ELB does not document one; the idle timeout bounds the rest). */
export const BACKEND_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How much earlier than a back end's announced `Keep-Alive: timeout=N` an idle pooled connection
 * is closed, so that the engine, not the back end, closes it and no request meets a connection
 * the back end is closing.
 */
const KEEP_ALIVE_MARGIN_MS = 1_000;

/**
 * One pooled connection to a back end, whichever client carries it (`BackendClient` over undici,
 * or `LeanBackendClient`): one request at a time, undici's handler callbacks.
 */
export interface PooledClient {
  /** Whether a request is in flight on this client (it is not in the pool's idle list). */
  inUse: boolean;
  /** A request is being written: true when the connection already carried one (a reused keep-alive connection). */
  startRequest(): boolean;
  /** Sends one request; its outcome reaches the handler's callbacks. */
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
  /** Closes the connection once no request is on it. */
  close(callback: () => void): void;
  /** Closes the connection now. */
  destroy(callback: () => void): void;
  /** 'disconnect': the connection closed (an idle client is then dropped from the pool). */
  on(event: 'disconnect', listener: () => void): this;
}

/** What a request dispatched through a `TargetPool` is: undici's handler plus the client carrying it. */
export interface PooledRequestHandler extends Dispatcher.DispatchHandler {
  /** Set by the pool before dispatch: the client (one connection) the request goes over. */
  client?: PooledClient;
}

const noop = () => undefined;

/**
 * One keep-alive connection to a back end (an undici `Client` with `pipelining: 1`), opened by
 * `BackendConnector`, so an HTTPS back end is authenticated (key pinning) before undici writes a
 * byte to it. Counts the requests written on its current connection, so a failed request knows
 * whether it met a reused connection.
 */
export class BackendClient extends Client implements PooledClient {
  /** Whether a request is in flight on this client (it is not in the pool's idle list). */
  public inUse = false;
  private requestsOnConnection = 0;

  constructor(target: BackendTarget, idleTimeoutMs: number, onPinFailure: PinFailureListener) {
    super(`http://${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}`, {
      // TLS, when the target wants it, is ours: the connector completes the handshake and checks the pins.
      connect: (_options, callback) => BackendConnector.connect(target, BACKEND_CONNECT_TIMEOUT_MS, onPinFailure, (err, socket) => {
        if (err || !socket) { callback(err ?? new Error('no socket'), null); return; }
        socket.setNoDelay(true);
        callback(null, socket as net.Socket);
      }),
      pipelining: 1,
      // The load balancer's idle timeout on back-end connections (elb-facts §6.6): no response
      // headers, or no body data, for that long fails the request (504); an idle pooled connection
      // is closed after it (or earlier when the back end announces a shorter keep-alive).
      headersTimeout: idleTimeoutMs,
      bodyTimeout: idleTimeoutMs,
      keepAliveTimeout: idleTimeoutMs,
      keepAliveMaxTimeout: idleTimeoutMs,
      keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
    });
    this.on('connect', () => { this.requestsOnConnection = 0; });
  }

  /** A request is being written: true when the connection already carried one (a reused keep-alive connection). */
  public startRequest(): boolean {
    return this.requestsOnConnection++ > 0;
  }
}

/**
 * The keep-alive connections to one back-end target with one idle timeout: a stack of idle
 * clients (the most recently used first, so surplus connections age out), a new client when none
 * is idle. A client carries one request at a time and returns to the stack when its request ends.
 */
export class TargetPool {
  private readonly idle: PooledClient[] = [];
  private readonly clients = new Set<PooledClient>();
  private retired = false;

  /** @param backend which client carries the requests (`HttpBackend`, default `lean`) */
  constructor(private readonly target: BackendTarget, private readonly idleTimeoutMs: number, private readonly onPinFailure: PinFailureListener,
    private readonly backend: HttpBackend = DEFAULT_HTTP_BACKEND) {}

  /** Sends a request over an idle connection, or a new one. */
  public dispatch(options: Dispatcher.DispatchOptions, handler: PooledRequestHandler): void {
    let client = this.idle.pop();
    if (!client) client = this.createClient();
    client.inUse = true;
    handler.client = client;
    client.dispatch(options, handler);
  }

  /** The request on `client` ended (undici called its handler's onComplete or onError). */
  public release(client: PooledClient): void {
    client.inUse = false;
    if (this.retired) this.close(client);
    else this.idle.push(client);
  }

  /**
   * No new requests will come (the target or idle timeout left the live configuration): idle
   * connections close now, busy ones when their request ends.
   */
  public retire(): void {
    this.retired = true;
    for (const c of this.idle.splice(0)) this.close(c);
  }

  /** Closes every connection at once, in-flight requests included (engine stop). */
  public destroy(): void {
    this.retired = true;
    this.idle.length = 0;
    for (const c of this.clients) c.destroy(noop);
    this.clients.clear();
  }

  private createClient(): PooledClient {
    const client: PooledClient = this.backend === 'undici'
      ? new BackendClient(this.target, this.idleTimeoutMs, this.onPinFailure)
      : new LeanBackendClient(this.target, this.idleTimeoutMs, BACKEND_CONNECT_TIMEOUT_MS, KEEP_ALIVE_MARGIN_MS, this.onPinFailure);
    this.clients.add(client);
    // An idle client whose connection closed (idle timeout, back end closed it) is dropped: it holds
    // nothing but would grow the idle list to the highest concurrency ever seen.
    client.on('disconnect', () => {
      if (client.inUse) return;
      const at = this.idle.indexOf(client);
      if (at >= 0) this.idle.splice(at, 1);
      this.clients.delete(client);
    });
    return client;
  }

  private close(client: PooledClient): void {
    this.clients.delete(client);
    client.close(noop);
  }
}
