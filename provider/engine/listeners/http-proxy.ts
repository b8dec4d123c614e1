import * as http from 'http';
import * as net from 'net';
import { HttpAccessRecord } from '../access-log/http-access-record';
import { BackendTarget } from '../backends/backend-target';
import { ConnectionPool } from '../backends/connection-pool';
import { ENGINE_CODES, ENGINE_LOG_CODES } from '../errors';
import { EngineLogger } from '../logging/logger';
import { ListenerBinding } from './listener-binding';
import { appCookieFollower, readStickyCookie, STICKY_COOKIE, stickyTarget, stickyValue } from './stickiness';

/** Hop-by-hop headers (RFC 9110 §7.6.1) never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);
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
  readonly headers: http.OutgoingHttpHeaders;
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
    server.on('clientError', (_err, socket: net.Socket) => {
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

    const headers: http.OutgoingHttpHeaders = {};
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      if (HOP_BY_HOP.has(name) || name === 'x-forwarded-proto' || name === 'x-forwarded-port') continue;
      const prev = headers[name];
      headers[name] = prev === undefined ? raw[i + 1] : name === 'cookie' ? `${prev}; ${raw[i + 1]}` : `${prev}, ${raw[i + 1]}`;
    }
    const clientAddress = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${clientAddress}` : clientAddress;
    headers['x-forwarded-proto'] = listener.forwardedProto;
    headers['x-forwarded-port'] = listener.forwardedPort;
    if (!headers.host) headers.host = req.socket.localAddress ?? '127.0.0.1';
    const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0' || req.headers['transfer-encoding'] !== undefined;
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
    runtime.draining.register(target.instanceId, proxyReq);
    record?.dispatched(target, proxyReq);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      lor.end(target);
      runtime.draining.release(target.instanceId, proxyReq);
    };
    proxyReq.setTimeout(idle, () => {
      proxyReq.destroy(Object.assign(new Error('back end did not answer within the idle timeout'), { code: ENGINE_LOG_CODES.BACKEND_TIMEOUT }));
    });
    proxyReq.on('response', (proxyRes) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(proxyRes.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
      const sticky = binding.listener.stickiness;
      if (sticky) {
        const cookies = [...(Array.isArray(out['set-cookie']) ? out['set-cookie'] : [])];
        if (lbCookie) cookies.push(lbCookie);
        if (sticky.kind === 'app-cookie') {
          const follower = appCookieFollower(sticky, proxyRes.headers['set-cookie'], stickyValue(runtime.compiled.name, target.instanceId));
          if (follower) cookies.push(follower);
        }
        if (cookies.length) out['set-cookie'] = cookies;
      }
      res.writeHead(proxyRes.statusCode ?? 502, proxyRes.statusMessage, out);
      if (record) {
        record.responding(proxyRes);
        res.once('finish', () => record.finish(res.statusCode));
      }
      proxyRes.pipe(res);
      proxyRes.on('end', end);
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
