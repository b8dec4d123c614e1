import * as http from 'http';
import * as net from 'net';
import * as tls from 'tls';
import { EngineLogger } from '../logging/logger';
import { tlsFailureReason } from '../metrics/load-balancer-counters';
import { ClientHelloPeek } from '../tls/client-hello-peek';
import { HttpFront } from './http-front';
import { BINDING, BoundSocket, HttpProxy } from './http-proxy';
import { LeanHttpConnection } from './lean-http-connection';
import { ListenerBinding } from './listener-binding';
import { TcpProxy } from './tcp-proxy';

/** Handshake deadline for client TLS connections (reading the ClientHello included). */
const CLIENT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** An accepted socket that failed: closed (a shared listener, no closure per connection). */
function destroyOnError(this: net.Socket): void {
  this.destroy();
}

/** One client connection's TLS handshake: it ends once, done or failed; a failure is counted once. */
interface ClientHandshake {
  done: boolean;
  failed: boolean;
  /** Marks the handshake failed and counts it under `reason`, unless it already ended. */
  refuse(reason: string): void;
}

/**
 * One front-end port: a plain `net.Server` on 127.0.0.1 that captures the current binding for
 * every accepted connection, terminates TLS with the binding's prebuilt secure context (HTTPS/SSL;
 * for a policy whose versions have a gap, the context of the version ELB would negotiate, chosen
 * from the connection's ClientHello),
 * and hands the connection to the HTTP front end (HTTP/HTTPS: a `LeanHttpConnection`, or Node's
 * HTTP server for the `node` front end) or the TCP relay (TCP/SSL).
 *
 * Hot apply is `setBinding`: one pointer swap. Connections accepted before keep their binding, and
 * so their TLS policy; connections accepted after get the new one at once.
 */
export class FrontEndListener {
  private binding: ListenerBinding;
  private readonly server: net.Server;
  private readonly connections = new Set<net.Socket>();
  private httpServer?: http.Server;
  private readonly leanConnections = new Set<LeanHttpConnection>();
  /** Forgets a closed socket; one function for all of this listener's sockets (`this` is the socket). */
  private readonly forgetSocket: (this: net.Socket) => void;

  /**
   * @param front which HTTP front end serves HTTP/HTTPS connections
   * @param exclusive bind the port in this process (true), or share it through the cluster primary
   *   with the other workers of a multi-worker engine (false; every worker accepts from one socket)
   */
  constructor(binding: ListenerBinding, private readonly httpProxy: HttpProxy, private readonly front: HttpFront, private readonly tcpProxy: TcpProxy,
    private readonly logger: EngineLogger, private readonly exclusive = true) {
    this.binding = binding;
    const connections = this.connections;
    this.forgetSocket = function (this: net.Socket) { connections.delete(this); };
    this.server = net.createServer({ pauseOnConnect: false, noDelay: true }, (socket) => this.accept(socket));
  }

  /** The port. */
  public get port(): number {
    return this.binding.listener.port;
  }

  /** The binding new connections get. */
  public get current(): ListenerBinding {
    return this.binding;
  }

  /** Binds 127.0.0.1:port. Rejects with the OS error (EADDRINUSE, EACCES, ...). */
  public listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen({ host: '127.0.0.1', port: this.binding.listener.port, exclusive: this.exclusive }, () => {
        this.server.removeListener('error', onError);
        this.server.on('error', (err) => this.logger.error({ port: this.port, err: err.message }, 'listener error'));
        resolve();
      });
    });
  }

  /** New connections get this binding from now on. */
  public setBinding(binding: ListenerBinding): void {
    this.binding = binding;
  }

  /** Stops accepting; with `destroyConnections`, also closes established connections. */
  public close(destroyConnections: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      if (destroyConnections) for (const s of this.connections) s.destroy();
      this.httpServer?.closeIdleConnections();
      for (const c of this.leanConnections) c.closeIfIdle();
    });
  }

  private accept(raw: net.Socket): void {
    const binding = this.binding;
    this.connections.add(raw);
    raw.on('close', this.forgetSocket);
    raw.on('error', destroyOnError);
    const { listener, runtime } = binding;
    if (listener.protocol === 'HTTP' || listener.protocol === 'TCP') {
      (raw as BoundSocket)[BINDING] = binding;
      this.dispatch(raw, raw, binding);
      return;
    }
    const contexts = listener.tlsContexts!;
    const handshake: ClientHandshake = {
      done: false,
      failed: false,
      refuse(reason) {
        if (this.done || this.failed) return;
        this.failed = true;
        runtime.counters.clientTlsNegotiationError(reason);
      },
    };
    raw.setTimeout(CLIENT_HANDSHAKE_TIMEOUT_MS, () => {
      if (handshake.done) return;
      handshake.refuse('handshake_timeout');
      raw.destroy();
    });
    if (!contexts.needsClientHello) {
      this.terminateTls(raw, binding, contexts.fallback, handshake);
      return;
    }
    // The policy's versions have a gap: the context depends on the versions the client offers.
    ClientHelloPeek.read(raw, (hello) => {
      if (!hello) {
        handshake.refuse('client_closed');
        raw.destroy();
        return;
      }
      this.terminateTls(raw, binding, contexts.forHello(hello.kind === 'hello' ? hello.offeredVersions : undefined), handshake);
    });
  }

  /** Wraps `raw` in a server TLS socket with `context` and hands it on once it can carry data. */
  private terminateTls(raw: net.Socket, binding: ListenerBinding, context: tls.SecureContext, handshake: ClientHandshake): void {
    const { listener } = binding;
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context, requestCert: false, rejectUnauthorized: false });
    (secure as BoundSocket)[BINDING] = binding;
    secure.on('error', (err: NodeJS.ErrnoException) => {
      if (!handshake.done && !handshake.failed) {
        handshake.refuse(tlsFailureReason(err));
        this.logger.debug({ loadBalancer: listener.loadBalancerName, port: listener.port, code: err.code, reason: err.message }, 'client TLS handshake refused');
      }
      secure.destroy();
    });
    secure.once('secure', () => {
      handshake.done = true;
      raw.setTimeout(0);
      if (listener.protocol === 'SSL') this.dispatch(secure, raw, binding);
    });
    if (listener.protocol === 'HTTPS') this.dispatch(secure, raw, binding);
  }

  private dispatch(socket: net.Socket, raw: net.Socket, binding: ListenerBinding): void {
    const protocol = binding.listener.protocol;
    if (protocol === 'HTTP' || protocol === 'HTTPS') {
      if (this.front === 'lean') {
        // Idle connections (and silent ones mid-request) close after the load balancer's idle timeout (elb-facts §6.6).
        socket.setTimeout(binding.runtime.compiled.idleTimeoutMs);
        new LeanHttpConnection(socket, binding, this.httpProxy, this.leanConnections);
        return;
      }
      if (!this.httpServer) this.httpServer = this.httpProxy.createServer();
      // Idle keep-alive client connections close after the load balancer's idle timeout (elb-facts §6.6).
      this.httpServer.keepAliveTimeout = binding.runtime.compiled.idleTimeoutMs;
      // ... and a connection that sends nothing (or stops mid-request) after the same time.
      socket.setTimeout(binding.runtime.compiled.idleTimeoutMs);
      this.httpServer.emit('connection', socket);
    } else {
      this.tcpProxy.handle(socket, binding, raw);
    }
  }
}
