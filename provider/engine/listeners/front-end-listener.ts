import * as http from 'http';
import * as net from 'net';
import * as tls from 'tls';
import { EngineLogger } from '../logging/logger';
import { tlsFailureReason } from '../metrics/load-balancer-counters';
import { ClientHelloPeek } from '../tls/client-hello-peek';
import { HandshakeDeadlines } from '../tls/handshake-deadlines';
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

/** The client's TCP socket under a TLS socket of ours (the key of its handshake deadline). */
const RAW = Symbol('seclb.rawSocket');
/** A client TLS socket: its binding and the TCP socket it wraps. */
type ClientTlsSocket = tls.TLSSocket & BoundSocket & { [RAW]: net.Socket };

/** Counts a client TLS handshake that failed under `reason` on the connection's load balancer. */
function countRefused(raw: net.Socket, reason: string): void {
  (raw as BoundSocket)[BINDING]?.runtime.counters.clientTlsNegotiationError(reason);
}

/** A client TLS handshake out of time: counted and closed (shared by every listener). */
function handshakeExpired(raw: net.Socket): void {
  countRefused(raw, 'handshake_timeout');
  raw.destroy();
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
  /** Client TLS handshakes in progress, each with its deadline (one timer for the port). */
  private readonly handshakes = new HandshakeDeadlines(CLIENT_HANDSHAKE_TIMEOUT_MS, handshakeExpired);
  /** Forgets a closed socket; one function for all of this listener's sockets (`this` is the socket). */
  private readonly forgetSocket: (this: net.Socket) => void;
  /**
   * A client TLS socket's error: counted as a refused handshake if the handshake was still
   * pending, then the socket is closed. One function for all of this listener's TLS sockets.
   */
  private readonly tlsError: (this: ClientTlsSocket, err: NodeJS.ErrnoException) => void;
  /** A client TLS handshake completed: its deadline ends; an SSL connection goes to the relay. */
  private readonly tlsSecure: (this: ClientTlsSocket) => void;

  /**
   * @param front which HTTP front end serves HTTP/HTTPS connections
   * @param exclusive bind the port in this process (true), or share it through the cluster primary
   *   with the other workers of a multi-worker engine (false; every worker accepts from one socket)
   */
  constructor(binding: ListenerBinding, private readonly httpProxy: HttpProxy, private readonly front: HttpFront, private readonly tcpProxy: TcpProxy,
    private readonly logger: EngineLogger, private readonly exclusive = true) {
    this.binding = binding;
    const connections = this.connections;
    const handshakes = this.handshakes;
    this.forgetSocket = function (this: net.Socket) {
      connections.delete(this);
      handshakes.end(this);
    };
    const self = this;
    this.tlsError = function (this: ClientTlsSocket, err: NodeJS.ErrnoException) {
      const raw = this[RAW];
      if (handshakes.end(raw)) {
        countRefused(raw, tlsFailureReason(err));
        const listener = this[BINDING]!.listener;
        self.logger.debug({ loadBalancer: listener.loadBalancerName, port: listener.port, code: err.code, reason: err.message }, 'client TLS handshake refused');
      }
      this.destroy();
    };
    this.tlsSecure = function (this: ClientTlsSocket) {
      // Only the first completion counts ('secure' comes again after a renegotiation).
      if (!handshakes.end(this[RAW])) return;
      const binding = this[BINDING]!;
      if (binding.listener.protocol === 'SSL') self.dispatch(this, this[RAW], binding);
    };
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
    (raw as BoundSocket)[BINDING] = binding;
    const { listener } = binding;
    if (listener.protocol === 'HTTP' || listener.protocol === 'TCP') {
      this.dispatch(raw, raw, binding);
      return;
    }
    const contexts = listener.tlsContexts!;
    // The handshake (reading the ClientHello included) has CLIENT_HANDSHAKE_TIMEOUT_MS; a failure
    // is counted once: whoever ends the pending handshake first (done, error, deadline) decides.
    this.handshakes.start(raw);
    if (!contexts.needsClientHello) {
      this.terminateTls(raw, binding, contexts.fallback);
      return;
    }
    // The policy's versions have a gap: the context depends on the versions the client offers.
    ClientHelloPeek.read(raw, (hello) => {
      if (!hello) {
        if (this.handshakes.end(raw)) countRefused(raw, 'client_closed');
        raw.destroy();
        return;
      }
      this.terminateTls(raw, binding, contexts.forHello(hello.kind === 'hello' ? hello.offeredVersions : undefined));
    });
  }

  /**
   * Wraps `raw` in a server TLS socket with `context` and hands it on once it can carry data.
   * Per connection this adds two shared listeners and two properties, no closure and no timer.
   */
  private terminateTls(raw: net.Socket, binding: ListenerBinding, context: tls.SecureContext): void {
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context, requestCert: false, rejectUnauthorized: false }) as ClientTlsSocket;
    secure[BINDING] = binding;
    secure[RAW] = raw;
    secure.on('error', this.tlsError);
    secure.on('secure', this.tlsSecure);
    if (binding.listener.protocol === 'HTTPS') this.dispatch(secure, raw, binding);
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
