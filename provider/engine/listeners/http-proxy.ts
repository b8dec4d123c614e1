import * as http from 'http';
import * as net from 'net';
import { Dispatcher } from 'undici';
import { HttpAccessRecord } from '../access-log/http-access-record';
import { BackendExchange, ExchangeOwner } from './backend-exchange';
import { BackendTarget } from '../backends/backend-target';
import { ConnectionPool } from '../backends/connection-pool';
import { HOP_BY_HOP, lengthGate } from '../backends/hop-by-hop-headers';
import { TargetPool } from '../backends/target-pool';
import { EngineLogger } from '../logging/logger';
import { originForm } from './absolute-form';
import { ClientResponse } from './client-response';
import { ListenerBinding } from './listener-binding';
import { ProxiedRequest } from '../common/proxied-request';
import { readStickyCookie, STICKY_COOKIE, stickyTarget, stickyValue } from '../backends/stickiness';

/**
 * Request headers the proxy looks at: hop-by-hop ones and `Expect` are dropped (the HTTP server
 * already answered `100 Continue`; the back-end client refuses to send `Expect`), X-Forwarded-* are replaced,
 * Host and Content-Length are noted. Other names are copied without lower-casing (length gate).
 */
const SPECIAL_LENGTHS = lengthGate([...HOP_BY_HOP, 'expect', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'host', 'content-length']);

/** Shared, immutable bodies of the responses the load balancer generates (elb-facts §6.3). */
export const ELB_BODIES: Record<number, Buffer> = {
  400: Buffer.from('400 Bad Request\n'),
  502: Buffer.from('502 Bad Gateway\n'),
  503: Buffer.from('503 Service Unavailable: Back-end server is at capacity\n'),
  504: Buffer.from('504 Gateway Timeout\n'),
};

/** ELB's answer to a request the parser refused, and to CONNECT (elb-facts §6.3): 400, then close. */
export const BAD_REQUEST_CLOSE = 'HTTP/1.1 400 Bad Request\r\nContent-Length: 16\r\nConnection: close\r\n\r\n400 Bad Request\n';

/** The binding of the connection a request arrived on. */
export const BINDING = Symbol('seclb.binding');
/** A socket carrying its binding. */
export type BoundSocket = net.Socket & { [BINDING]?: ListenerBinding };

/**
 * Layer-7 proxy for HTTP and HTTPS listeners: least outstanding requests over InService instances
 * (suspect ones left out while others remain), X-Forwarded-For/-Proto/-Port, absolute-form targets
 * passed on in origin-form, keep-alive pools to back ends (the lean back-end client, or undici's with
 * `--http-backend undici`; `BackendExchange` relays each
 * request and sends a refused one to another instance), and ELB's own 400/502/503/504 answers.
 * The client side is either Node's HTTP server (`createServer`, the `node` front end) or
 * `LeanHttpConnection` (the `lean` front end); both hand each parsed request to `forward`.
 */
export class HttpProxy implements ExchangeOwner {
  constructor(private readonly pool: ConnectionPool, public readonly logger: EngineLogger) {}

  /** A fresh, non-listening HTTP server that the front-end listener feeds connections into. */
  public createServer(): http.Server {
    const server = http.createServer({ keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => this.forward(req, res));
    server.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => {
      // ELB answers CONNECT with 400 (elb-facts §6.3).
      const binding = (socket as BoundSocket)[BINDING];
      if (binding) binding.runtime.counters.httpCodeElb4xx++;
      socket.end(BAD_REQUEST_CLOSE);
    });
    // The idle timeout on client connections (elb-facts §6.6): the front-end listener arms it on
    // every connection (a connection that never sends a request included), Node re-arms it as
    // keepAliveTimeout between requests. With a request in flight the client may well be silent
    // while the back end works (the back-end idle timeout answers 504 then); the exchange acts only
    // when the client should be sending the request body or reading the response.
    server.on('timeout', (socket: net.Socket) => {
      const res = (socket as net.Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
      if (!res) socket.destroy();
      else BackendExchange.clientIdle(res);
    });
    server.on('clientError', (_err, socket: net.Socket) => {
      // A malformed request the parser refused: the load balancer's own 400 (HTTPCode_ELB_4XX).
      const binding = (socket as BoundSocket)[BINDING];
      if (binding && socket.writable) binding.runtime.counters.httpCodeElb4xx++;
      if (socket.writable) socket.end(BAD_REQUEST_CLOSE);
      else socket.destroy();
    });
    return server;
  }

  /** Sends one parsed client request on to an instance (or answers it with the load balancer's own status). */
  public forward(req: ProxiedRequest, res: ClientResponse): void {
    const binding = (req.socket as BoundSocket)[BINDING];
    if (!binding) { res.destroy(); return; }
    const { runtime, listener } = binding;
    runtime.counters.requestCount++;
    // An absolute-form target (`GET http://host/path HTTP/1.1`) goes on in origin-form, its
    // authority replacing the Host header (RFC 9112 §3.2.2); the access log sees the same.
    let absoluteHost: string | undefined;
    const url = req.url ?? '/';
    const absolute = url.charCodeAt(0) !== 47 /* '/' */ && url !== '*';
    if (absolute) {
      const normalized = originForm(url);
      if (normalized) {
        req.url = normalized.path;
        absoluteHost = req.headers.host = normalized.host;
      }
    }
    const record = runtime.accessLog ? new HttpAccessRecord(runtime.accessLog, req, listener) : undefined;
    // Not an http/https URI with a host (another scheme, user info, an authority-form target): 400.
    if (absolute && absoluteHost === undefined) return this.reply(res, 400, binding, record);
    const routable = runtime.routable(listener.instancePort);
    const sticky = listener.stickiness;
    const pinnedTo = sticky ? stickyTarget(sticky, readStickyCookie(req.headers.cookie), routable) : undefined;
    const target = pinnedTo ?? runtime.leastOutstanding.pick(routable);
    if (!target) return this.reply(res, 503, binding, record);
    // LB-cookie stickiness: a new AWSELB cookie only when the request had no valid one (ELB neither refreshes nor re-checks it).
    const lbCookie = sticky?.kind === 'lb-cookie' && !pinnedTo ? `${STICKY_COOKIE}=${stickyValue(runtime.compiled.name, target.instanceId)}${sticky.cookieSuffix}` : undefined;

    // Request headers as a flat [name, value, ...] list in the client's order and case: one pass over
    // rawHeaders, no header object, no lower-casing of names that cannot matter (length gate).
    const raw = req.rawHeaders;
    const headers: string[] = [];
    let forwardedFor: string | undefined;
    let hosts = 0;
    let hasBody = false;
    for (let i = 0; i < raw.length; i += 2) {
      const rawName = raw[i];
      if (!SPECIAL_LENGTHS[rawName.length]) { headers.push(rawName, raw[i + 1]); continue; }
      const name = rawName.toLowerCase();
      if (HOP_BY_HOP.has(name)) {
        if (name === 'transfer-encoding') hasBody = true;
        continue;
      }
      if (name === 'expect' || name === 'x-forwarded-proto' || name === 'x-forwarded-port') continue;
      if (name === 'x-forwarded-for') { forwardedFor = forwardedFor === undefined ? raw[i + 1] : `${forwardedFor}, ${raw[i + 1]}`; continue; }
      if (name === 'host') {
        hosts++;
        if (absoluteHost !== undefined) continue; // replaced below by the target's authority
      } else if (name === 'content-length' && raw[i + 1] !== '0') hasBody = true;
      headers.push(rawName, raw[i + 1]);
    }
    // More than one Host is ambiguous (RFC 9112 §3.2: 400); the back-end client would refuse to send it anyway.
    if (hosts > 1) return this.reply(res, 400, binding, record);
    const clientAddress = req.socket.remoteAddress ?? '';
    headers.push('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${clientAddress}` : clientAddress,
      'X-Forwarded-Proto', listener.forwardedProto, 'X-Forwarded-Port', listener.forwardedPort);
    if (absoluteHost !== undefined) headers.push('Host', absoluteHost);
    else if (hosts === 0) headers.push('Host', req.socket.localAddress ?? '127.0.0.1');
    // The body is the client request itself, streamed by the back-end client once its connection is
    // ready (both clients detach an IncomingMessage from its socket before destroying it on a failure).
    const body = hasBody ? (req.requestBody ? req.requestBody() : req as http.IncomingMessage) : null;
    const options: Dispatcher.DispatchOptions = { method: req.method as Dispatcher.HttpMethod, path: req.url ?? '/', headers, body, reset: false };
    const pool = this.pool.poolFor(target, runtime.compiled.idleTimeoutMs);
    new BackendExchange(this, pool, res, binding, target, options, lbCookie, record).start();
  }

  /** The keep-alive pool of a target with an idle timeout (shared by every listener of the process). */
  public poolFor(target: BackendTarget, idleTimeoutMs: number): TargetPool {
    return this.pool.poolFor(target, idleTimeoutMs);
  }

  /** Answers with the load balancer's own status: ELB's body, counted as HTTPCode_ELB_4XX/5XX, access-logged. */
  public reply(res: ClientResponse, status: number, binding: ListenerBinding, record?: HttpAccessRecord): void {
    if (status >= 500) binding.runtime.counters.httpCodeElb5xx++;
    else binding.runtime.counters.httpCodeElb4xx++;
    const body = ELB_BODIES[status] ?? ELB_BODIES[502];
    res.writeHead(status, undefined, ['content-type', 'text/plain', 'content-length', String(body.length)]);
    res.end(body);
    if (record) {
      record.answeredByLoadBalancer(body.length);
      record.finish(status);
    }
  }
}
