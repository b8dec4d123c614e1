import * as http from 'http';
import * as net from 'net';
import { performance } from 'perf_hooks';
import { HttpAccessRecord } from '../access-log/http-access-record';
import { BackendTarget } from '../backends/backend-target';
import { ConnectionPool } from '../backends/connection-pool';
import { ENGINE_CODES, ENGINE_LOG_CODES } from '../errors';
import { EngineLogger } from '../logging/logger';
import { ListenerBinding } from './listener-binding';
import { appCookieFollower, readStickyCookie, STICKY_COOKIE, stickyTarget, stickyValue } from './stickiness';

/** Hop-by-hop headers (RFC 9110 §7.6.1) never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);
/** Lengths of the header names the proxy looks at (others are copied without lower-casing). */
const SPECIAL_LENGTHS: boolean[] = [];
for (const n of [...HOP_BY_HOP, 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'host', 'content-length']) SPECIAL_LENGTHS[n.length] = true;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Shared, immutable bodies of the responses the load balancer generates (elb-facts §6.3). */
const ELB_BODIES: Record<number, Buffer> = {
  400: Buffer.from('400 Bad Request\n'),
  502: Buffer.from('502 Bad Gateway\n'),
  503: Buffer.from('503 Service Unavailable: Back-end server is at capacity\n'),
  504: Buffer.from('504 Gateway Timeout\n'),
};

/** One request on its way through the proxy (what a retry needs again). */
interface Exchange {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly binding: ListenerBinding;
  readonly target: BackendTarget;
  /** Request headers to send, flat: [name, value, name, value, ...]. */
  readonly headers: string[];
  readonly hasBody: boolean;
  /** The AWSELB cookie to set (LB-cookie stickiness), if any. */
  readonly lbCookie?: string;
  /** Access-log fields, when the load balancer logs. */
  readonly record?: HttpAccessRecord;
}

/** The binding of the connection a request arrived on. */
export const BINDING = Symbol('seclb.binding');
/** A socket carrying its binding. */
export type BoundSocket = net.Socket & { [BINDING]?: ListenerBinding };

/**
 * Layer-7 proxy for HTTP and HTTPS listeners: least outstanding requests over InService instances,
 * X-Forwarded-For/-Proto/-Port, keep-alive pools to back ends, and ELB's own 502/503/504 answers.
 */
export class HttpProxy {
  constructor(private readonly pool: ConnectionPool, private readonly logger: EngineLogger) {}

  /** A fresh, non-listening HTTP server that the front-end listener feeds connections into. */
  public createServer(): http.Server {
    const server = http.createServer({ keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => this.handle(req, res));
    server.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => {
      // ELB answers CONNECT with 400 (elb-facts §6.3).
      const binding = (socket as BoundSocket)[BINDING];
      if (binding) binding.runtime.counters.httpCodeElb4xx++;
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 16\r\nConnection: close\r\n\r\n400 Bad Request\n');
    });
    // The idle timeout on client connections (elb-facts §6.6): the front-end listener arms it on
    // every connection (a connection that never sends a request included), Node re-arms it as
    // keepAliveTimeout between requests. With a request in flight the client may well be silent:
    // the back-end idle timer answers 504 then, so only a connection without one is closed here.
    server.on('timeout', (socket: net.Socket) => {
      if (!(socket as net.Socket & { _httpMessage?: unknown })._httpMessage) socket.destroy();
    });
    server.on('clientError', (_err, socket: net.Socket) => {
      // A malformed request the parser refused: the load balancer's own 400 (HTTPCode_ELB_4XX).
      const binding = (socket as BoundSocket)[BINDING];
      if (binding && socket.writable) binding.runtime.counters.httpCodeElb4xx++;
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 16\r\nConnection: close\r\n\r\n400 Bad Request\n');
      else socket.destroy();
    });
    return server;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const binding = (req.socket as BoundSocket)[BINDING];
    if (!binding) { res.destroy(); return; }
    const { runtime, listener } = binding;
    runtime.counters.requestCount++;
    const record = runtime.accessLog ? new HttpAccessRecord(runtime.accessLog, req, listener) : undefined;
    const inService = runtime.inService(listener.instancePort);
    const sticky = listener.stickiness;
    const pinnedTo = sticky ? stickyTarget(sticky, readStickyCookie(req.headers.cookie), inService) : undefined;
    const target = pinnedTo ?? runtime.leastOutstanding.pick(inService);
    if (!target) return this.reply(res, 503, binding, record);
    // LB-cookie stickiness: a new AWSELB cookie only when the request had no valid one (ELB neither refreshes nor re-checks it).
    const lbCookie = sticky?.kind === 'lb-cookie' && !pinnedTo ? `${STICKY_COOKIE}=${stickyValue(runtime.compiled.name, target.instanceId)}${sticky.cookieSuffix}` : undefined;

    // Request headers as a flat [name, value, ...] list in the client's order and case: one pass over
    // rawHeaders, no header object, no lower-casing of names that cannot matter (length gate).
    const raw = req.rawHeaders;
    const headers: string[] = [];
    let forwardedFor: string | undefined;
    let hasHost = false;
    let hasBody = false;
    for (let i = 0; i < raw.length; i += 2) {
      const rawName = raw[i];
      if (!SPECIAL_LENGTHS[rawName.length]) { headers.push(rawName, raw[i + 1]); continue; }
      const name = rawName.toLowerCase();
      if (HOP_BY_HOP.has(name)) {
        if (name === 'transfer-encoding') hasBody = true;
        continue;
      }
      if (name === 'x-forwarded-proto' || name === 'x-forwarded-port') continue;
      if (name === 'x-forwarded-for') { forwardedFor = forwardedFor === undefined ? raw[i + 1] : `${forwardedFor}, ${raw[i + 1]}`; continue; }
      if (name === 'host') hasHost = true;
      else if (name === 'content-length' && raw[i + 1] !== '0') hasBody = true;
      headers.push(rawName, raw[i + 1]);
    }
    const clientAddress = req.socket.remoteAddress ?? '';
    headers.push('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${clientAddress}` : clientAddress,
      'X-Forwarded-Proto', listener.forwardedProto, 'X-Forwarded-Port', listener.forwardedPort);
    if (!hasHost) headers.push('Host', req.socket.localAddress ?? '127.0.0.1');
    this.forward({ req, res, binding, target, headers, hasBody, lbCookie, record }, true);
  }

  private forward(x: Exchange, mayRetry: boolean): void {
    const { req, res, binding, target, headers, hasBody, lbCookie, record } = x;
    const { runtime } = binding;
    const lor = runtime.leastOutstanding;
    lor.begin(target);
    const idle = runtime.compiled.idleTimeoutMs;
    const proxyReq = http.request({
      agent: this.pool.agentFor(target, idle), host: target.address, port: target.port,
      method: req.method, path: req.url, headers, setHost: false,
    });
    const sentAt = performance.now();
    runtime.draining.register(target.instanceId, proxyReq);
    record?.dispatched(target, proxyReq);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      lor.end(target);
      runtime.draining.release(target.instanceId, proxyReq);
    };
    // The agent's sockets carry the idle timeout (no per-request timer): a silent back end makes the request emit 'timeout'.
    proxyReq.on('timeout', () => {
      proxyReq.destroy(Object.assign(new Error('back end did not answer within the idle timeout'), { code: ENGINE_LOG_CODES.BACKEND_TIMEOUT }));
    });
    proxyReq.on('response', (proxyRes) => {
      const counters = runtime.counters;
      counters.latency((performance.now() - sentAt) / 1000);
      counters.backendStatus(proxyRes.statusCode ?? 502);
      const sticky = binding.listener.stickiness;
      if (sticky) {
        const out: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(proxyRes.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
        const cookies = [...(Array.isArray(out['set-cookie']) ? out['set-cookie'] : [])];
        if (lbCookie) cookies.push(lbCookie);
        if (sticky.kind === 'app-cookie') {
          const follower = appCookieFollower(sticky, proxyRes.headers['set-cookie'], stickyValue(runtime.compiled.name, target.instanceId));
          if (follower) cookies.push(follower);
        }
        if (cookies.length) out['set-cookie'] = cookies;
        res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, out);
      } else {
        // Flat [name, value, ...] from rawHeaders: the instance's order and case, no header object.
        const rawRes = proxyRes.rawHeaders;
        const out: string[] = [];
        for (let i = 0; i < rawRes.length; i += 2) {
          const name = rawRes[i];
          if (SPECIAL_LENGTHS[name.length] && HOP_BY_HOP.has(name.toLowerCase())) continue;
          out.push(name, rawRes[i + 1]);
        }
        res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, out);
      }
      if (record) {
        record.responding(proxyRes);
        res.once('finish', () => record.finish(res.statusCode));
      }
      // Relay the body without pipe(): two listeners instead of pipe's seven, same back-pressure.
      proxyRes.on('data', (chunk: Buffer) => {
        if (!res.write(chunk)) { proxyRes.pause(); res.once('drain', () => proxyRes.resume()); }
      });
      proxyRes.on('end', () => { res.end(); end(); });
      proxyRes.on('error', () => { end(); res.destroy(); });
    });
    proxyReq.on('error', (err: NodeJS.ErrnoException) => {
      end();
      const code = err.code ?? '';
      // Mid-response, the client left, or the instance was deregistered and its drain ended: close.
      if (res.headersSent || res.destroyed || code === ENGINE_LOG_CODES.DEREGISTERED) { res.destroy(); return; }
      // A pooled keep-alive socket the back end closed just before reuse: retry once on a new one.
      if (mayRetry && !hasBody && IDEMPOTENT.has(req.method ?? '') && (proxyReq as { reusedSocket?: boolean }).reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) {
        this.forward(x, false);
        return;
      }
      let status = 502;
      if (code === ENGINE_LOG_CODES.BACKEND_TIMEOUT || code === 'ETIMEDOUT') status = 504;
      else if (code === 'ECONNRESET' || code === 'EPIPE') status = 504; // the instance closed the connection (elb-facts §6.3)
      if (code === ENGINE_CODES.BACKEND_PIN_MISMATCH || code === ENGINE_CODES.BACKEND_NO_CERTIFICATE) {
        // Refused by back-end authentication (logged by the pool with the presented key).
        runtime.counters.backendAuthenticationFailures++;
        runtime.counters.backendConnectionErrors++;
      } else if (!code.startsWith('HPE_')) {
        runtime.counters.backendConnectionErrors++;
      }
      this.logger.debug({ loadBalancer: runtime.compiled.name, instanceId: target.instanceId, code, status }, 'back-end request failed');
      this.reply(res, status, binding, record);
    });
    res.on('close', () => { if (!res.writableFinished) { end(); proxyReq.destroy(); } });
    if (hasBody) req.pipe(proxyReq);
    else proxyReq.end();
  }

  private reply(res: http.ServerResponse, status: number, binding: ListenerBinding, record?: HttpAccessRecord): void {
    if (status >= 500) binding.runtime.counters.httpCodeElb5xx++;
    else binding.runtime.counters.httpCodeElb4xx++;
    const body = ELB_BODIES[status] ?? ELB_BODIES[502];
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
    if (record) {
      record.answeredByLoadBalancer(body.length);
      record.finish(status);
    }
  }
}
