import { performance } from 'perf_hooks';
import { Dispatcher } from 'undici';
import { HttpAccessRecord } from '../access-log/http-access-record';
import { ENGINE_CODES, ENGINE_LOG_CODES } from '../errors';
import { ClientResponse } from './client-response';
import { ListenerBinding } from './listener-binding';
import { appCookieFollower, STICKY_COOKIE, stickyValue } from '../backends/stickiness';
import { EngineLogger } from '../logging/logger';
import { BackendTarget } from '../backends/backend-target';
import { InFlight } from '../backends/connection-draining';
import { HOP_BY_HOP, HOP_BY_HOP_LENGTHS } from '../backends/hop-by-hop-headers';
import { MAX_REDISPATCHES, redispatchTarget, refusedOrReset } from '../backends/redispatch';
import { PooledClient, PooledRequestHandler, TargetPool } from '../backends/target-pool';

/** What an exchange needs from the proxy that started it. */
export interface ExchangeOwner {
  readonly logger: EngineLogger;
  /** Answers the client with the load balancer's own status (ELB's 4xx/5xx bodies), counted and logged. */
  reply(res: ClientResponse, status: number, binding: ListenerBinding, record?: HttpAccessRecord): void;
  /** The keep-alive pool of a target (for a request sent on to another instance). */
  poolFor(target: BackendTarget, idleTimeoutMs: number): TargetPool;
}

/** Methods retried once when they met a pooled connection the back end had just closed (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** The client response's exchange, for the shared (closure-free) listeners below. */
const EXCHANGE = Symbol('seclb.exchange');
type ExchangeResponse = ClientResponse & { [EXCHANGE]?: BackendExchange };

/** The client connection closed: stop the back-end request (shared listener, `this` is the response). */
function onClientClose(this: ExchangeResponse): void {
  if (!this.writableFinished) this[EXCHANGE]?.clientClosed();
}
/** The client took what was buffered: read on from the back end. */
function onClientDrain(this: ExchangeResponse): void {
  this[EXCHANGE]?.clientDrained();
}
/** The response was handed to the OS: the access-log line. */
function onClientFinish(this: ExchangeResponse): void {
  this[EXCHANGE]?.record?.finish(this.statusCode);
}

/** Errors the engine itself raises on a back-end request (shared: no stack is captured per request). */
const IDLE_TIMEOUT = Object.assign(new Error('the client connection was idle for the idle timeout while its request was in flight'), { code: ENGINE_LOG_CODES.BACKEND_TIMEOUT });
const CLIENT_CLOSED = Object.assign(new Error('the client closed the connection'), { code: ENGINE_LOG_CODES.CLIENT_CLOSED });

/** Codes for a back end that did not answer in time (undici's, and the engine's own for the lean client). */
const TIMEOUT_CODES = new Set([ENGINE_LOG_CODES.BACKEND_TIMEOUT as string, 'ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/**
 * A response the back-end client could not take as HTTP/1.1 (besides llhttp's own `HPE_*` codes):
 * undici's, and the lean client's response no request asked for (undici's 'bad response').
 */
const UNPARSEABLE_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_EXCEEDED_MAX_SIZE', ENGINE_LOG_CODES.BACKEND_BAD_RESPONSE as string]);
/** A request the back-end client refused to send as it came: 400 (undici's codes, and the lean client's). */
const UNSENDABLE_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED', ENGINE_LOG_CODES.BACKEND_REQUEST_INVALID as string]);

type CodedError = Error & { code?: string };

/**
 * undici 7's parse errors (`HTTPParserError`) carry no code (their `HPE_*` name is lost): told by
 * name and handled as llhttp's own `HPE_*` (502, not a connection error), as the lean client's are.
 */
const UNDICI_PARSE_ERROR = 'HPE_UNDICI_PARSE_ERROR';

/** The back end closed the connection (reset, broken pipe, or a FIN before the response). */
function closedByBackend(err: CodedError): boolean {
  const code = err.code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === ENGINE_LOG_CODES.BACKEND_CLOSED
    || (code === 'UND_ERR_SOCKET' && err.message !== 'bad response' && err.message !== 'bad upgrade');
}

/**
 * One client request on its way to a back end and back: the dispatch handler of the back-end client
 * (`LeanBackendClient`, or undici's `Client` with `--http-backend undici`; undici's legacy
 * callbacks, which both clients call directly and which hand over the response head
 * as raw names and values (Buffers or latin1 strings) in the back end's order and case), writing the response straight to
 * the client's response (`ClientResponse`), with back-pressure: when the client's buffer is full the
 * back-end read pauses until the client drains it.
 *
 * Also the in-flight unit of connection draining (`destroy`), of least-outstanding-requests
 * accounting and of the access-log record. Settles exactly once: the response relayed, or the
 * load balancer's own answer (502/504), or the client connection closed.
 *
 * When the instance refuses or resets the connection before the client started writing the request
 * (it calls `onConnect` just before it writes; from then on a body stream is the client's), the
 * request is sent on to another InService instance, at most `MAX_REDISPATCHES` times, and the
 * instance is marked suspect. Once writing began, only the keep-alive retry below may send it again.
 */
export class BackendExchange implements PooledRequestHandler, InFlight {
  /** Idle-timeout hook for the HTTP server: the client connection of `res` was idle for the idle timeout. */
  public static clientIdle(res: ClientResponse): void {
    (res as ExchangeResponse)[EXCHANGE]?.clientIdle();
  }

  public client?: PooledClient;
  /** The instance of the current attempt (another one after a redispatch). */
  private target: BackendTarget;
  private pool: TargetPool;
  private abortRequest?: (err?: Error) => void;
  private pendingAbort?: Error;
  private reused = false;
  private mayRetry = true;
  /** The back-end client began writing this attempt's request (`onConnect`): a failure after that is never redispatched. */
  private written = false;
  /** Instances this request already went to and that refused it. */
  private refusedBy?: string[];
  /** Counted in least-outstanding-requests and registered with draining. */
  private inFlight = false;
  /** Settled towards the client. */
  private done = false;
  /** The request body is still being relayed. */
  private uploading = false;
  /** The back-end read is paused until the client drains. */
  private paused = false;
  private resumeBackend?: () => void;
  private sentAt = 0;

  /**
   * @param options the back-end request (undici's dispatch options): method, path, the flat header list to send, the body (the
   *   client request itself, streamed) or null
   */
  constructor(private readonly owner: ExchangeOwner, pool: TargetPool, private readonly res: ClientResponse,
    private readonly binding: ListenerBinding, target: BackendTarget, private readonly options: Dispatcher.DispatchOptions,
    private lbCookie: string | undefined, public readonly record: HttpAccessRecord | undefined) {
    this.target = target;
    this.pool = pool;
    (res as ExchangeResponse)[EXCHANGE] = this;
    res.on('close', onClientClose);
  }

  /** Sends the request (again, for the one keep-alive retry or a redispatch). */
  public start(): void {
    const runtime = this.binding.runtime;
    runtime.leastOutstanding.begin(this.target);
    runtime.draining.register(this.target.instanceId, this);
    this.inFlight = true;
    this.done = false;
    this.abortRequest = undefined;
    this.pendingAbort = undefined;
    this.reused = false;
    this.written = false;
    this.uploading = this.options.body != null;
    this.record?.dispatched(this.target);
    this.sentAt = performance.now();
    this.pool.dispatch(this.options, this);
  }

  /** Connection draining cuts it (the instance was deregistered). */
  public destroy(error?: Error): void {
    this.fail(error ?? new Error('destroyed'));
  }

  // ---- the back-end client's handler callbacks (undici's legacy contract) ----------------------

  public onConnect(abort: (err?: Error) => void): void {
    if (this.pendingAbort) { abort(this.pendingAbort); return; }
    this.abortRequest = abort;
    this.written = true;
    this.reused = this.client!.startRequest();
  }

  public onBodySent(chunk: unknown): void {
    // undici 7 passes the chunk (its typings say a size): count either.
    this.record?.bodyReceived(typeof chunk === 'number' ? chunk : (chunk as Buffer).length);
  }

  public onRequestSent(): void {
    this.uploading = false;
    this.record?.requestSent();
  }

  public onHeaders(statusCode: number, rawHeaders: Array<Buffer | string>, resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true; // 1xx: informational, not relayed
    const { runtime, listener } = this.binding;
    const counters = runtime.counters;
    if (runtime.suspects.size > 0) runtime.suspects.clear(this.target.instanceId);
    counters.latency((performance.now() - this.sentAt) / 1000);
    counters.backendStatus(statusCode);
    // Flat [name, value, ...] in the instance's order and case, hop-by-hop headers dropped; names
    // are lower-cased only when their length matches a name looked for.
    const sticky = listener.stickiness;
    const out: string[] = [];
    let setCookies: string[] | undefined;
    // The lean client hands over latin1 strings that its llhttp parser (strict) validated; undici,
    // Buffers of the same characters (checked by the response).
    const parsedStrictly = rawHeaders.length > 0 && typeof rawHeaders[0] === 'string';
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const raw = rawHeaders[i];
      const name = typeof raw === 'string' ? raw : raw.toString('latin1');
      if (HOP_BY_HOP_LENGTHS[name.length] && HOP_BY_HOP.has(name.toLowerCase())) continue;
      const rawValue = rawHeaders[i + 1];
      const value = typeof rawValue === 'string' ? rawValue : rawValue.toString('latin1');
      if (sticky && name.length === 10 && name.toLowerCase() === 'set-cookie') (setCookies ??= []).push(value);
      out.push(name, value);
    }
    const checked = parsedStrictly ? out.length : 0;
    if (sticky) {
      if (this.lbCookie) out.push('Set-Cookie', this.lbCookie);
      if (sticky.kind === 'app-cookie') {
        const follower = appCookieFollower(sticky, setCookies, stickyValue(runtime.compiled.name, this.target.instanceId));
        if (follower) out.push('Set-Cookie', follower);
      }
    }
    this.res.writeHead(statusCode, statusText, out, checked);
    this.resumeBackend = resume;
    if (this.record) {
      this.record.responding(statusCode);
      this.res.once('finish', onClientFinish);
    }
    return true;
  }

  public onData(chunk: Buffer): boolean {
    this.record?.bodyRelayed(chunk.length);
    if (this.res.write(chunk)) return true;
    this.paused = true;
    this.res.once('drain', onClientDrain);
    return false;
  }

  public onComplete(): void {
    this.releaseClient();
    if (this.done) return;
    this.done = true;
    this.res.end();
    this.end();
  }

  public onError(err: Error): void {
    this.releaseClient();
    if (!this.done) this.failed(err);
  }

  // ---- client side --------------------------------------------------------------------------------

  /** The client connection closed before the response was complete. */
  public clientClosed(): void {
    if (this.done) return;
    this.done = true;
    this.end();
    this.abortBackend(CLIENT_CLOSED);
  }

  /** The client drained its buffer. */
  public clientDrained(): void {
    this.paused = false;
    this.resumeBackend?.();
  }

  /**
   * The client connection was idle for the idle timeout. That is expected while the back end
   * works on the request (its own timeout answers 504); not while the client should be sending
   * the request body, or reading the response.
   */
  private clientIdle(): void {
    if (!this.done && (this.uploading || this.paused)) this.fail(IDLE_TIMEOUT);
  }

  // ---- settling -----------------------------------------------------------------------------------

  /** Ends the request with `err` (the back-end request is aborted) and settles towards the client. */
  private fail(err: Error): void {
    if (this.done) return;
    // On a connection: the client calls onError(err) at once. Not yet: settle now, abort on connect.
    if (this.abortRequest) { this.abortRequest(err); return; }
    this.pendingAbort = err;
    this.failed(err);
  }

  private abortBackend(err: Error): void {
    if (this.abortRequest) this.abortRequest(err);
    else this.pendingAbort = err;
  }

  /** The back-end request failed: retry once, or close the client connection, or answer 502/504. Never throws (the back-end client calls it). */
  private failed(err: CodedError): void {
    this.done = true;
    this.end();
    const { res, binding, target } = this;
    const runtime = binding.runtime;
    const code = err.code ?? (err.name === 'HTTPParserError' ? UNDICI_PARSE_ERROR : '');
    try {
      // Mid-response, the client left, or the instance was deregistered and its drain ended: close.
      if (res.headersSent || res.destroyed || code === ENGINE_LOG_CODES.DEREGISTERED) { res.destroy(); return; }
      // Refused or reset before a byte of the request went out: safe to send to another instance.
      if (!this.written && refusedOrReset(err)) {
        runtime.counters.backendConnectionErrors++;
        runtime.suspects.mark(target.instanceId);
        const next = this.nextTarget();
        if (next) {
          runtime.counters.backendRedispatches++;
          this.owner.logger.debug({ loadBalancer: runtime.compiled.name, instanceId: target.instanceId, code, next: next.instanceId }, 'back end refused the connection: request sent to another instance');
          this.switchTo(next);
          process.nextTick(() => { if (!res.destroyed) this.start(); });
          return;
        }
        this.owner.logger.debug({ loadBalancer: runtime.compiled.name, instanceId: target.instanceId, code, status: 502 }, 'back end refused the connection and no other instance is left to try');
        this.owner.reply(res, 502, binding, this.record);
        return;
      }
      // A pooled keep-alive connection the back end closed just before reuse: retry once on a new one.
      if (this.mayRetry && this.reused && this.options.body == null && IDEMPOTENT.has(this.options.method) && closedByBackend(err)) {
        this.mayRetry = false;
        process.nextTick(() => { if (!res.destroyed) this.start(); });
        return;
      }
      let status = 502;
      let logCode = code;
      if (TIMEOUT_CODES.has(code)) {
        status = 504;
        if (code.startsWith('UND_ERR_')) logCode = ENGINE_LOG_CODES.BACKEND_TIMEOUT;
      } else if (closedByBackend(err)) {
        status = 504; // the instance closed the connection (elb-facts §6.3)
      } else if (UNSENDABLE_CODES.has(code)) {
        status = 400; // a request HTTP/1.1 cannot carry to the instance as it came (e.g. two Host headers)
      }
      if (code === ENGINE_CODES.BACKEND_PIN_MISMATCH || code === ENGINE_CODES.BACKEND_NO_CERTIFICATE) {
        // Refused by back-end authentication (logged by the pool with the presented key).
        runtime.counters.backendAuthenticationFailures++;
        runtime.counters.backendConnectionErrors++;
      } else if (status !== 400 && !code.startsWith('HPE_') && !UNPARSEABLE_CODES.has(code) && !(code === 'UND_ERR_SOCKET' && !closedByBackend(err))) {
        runtime.counters.backendConnectionErrors++;
      }
      this.owner.logger.debug({ loadBalancer: runtime.compiled.name, instanceId: target.instanceId, code: logCode, status, method: this.options.method, reused: this.reused, written: this.written }, 'back-end request failed');
      this.owner.reply(res, status, binding, this.record);
    } catch (e) {
      this.owner.logger.debug({ loadBalancer: runtime.compiled.name, instanceId: target.instanceId, err: (e as Error).message }, 'answering a failed back-end request failed');
      res.destroy();
    }
  }

  /** The instance to send the request to after its current one refused it, or undefined (bounded: see `MAX_REDISPATCHES`). */
  private nextTarget(): BackendTarget | undefined {
    const refusedBy = (this.refusedBy ??= []);
    refusedBy.push(this.target.instanceId);
    if (refusedBy.length > MAX_REDISPATCHES) return undefined;
    const runtime = this.binding.runtime;
    return redispatchTarget(runtime.inService(this.binding.listener.instancePort), refusedBy,
      (id) => runtime.suspects.has(id), (candidates) => runtime.leastOutstanding.pick(candidates));
  }

  /** Points the next attempt at `next`; with LB-cookie stickiness the cookie then names `next`. */
  private switchTo(next: BackendTarget): void {
    const { runtime, listener } = this.binding;
    this.target = next;
    this.pool = this.owner.poolFor(next, runtime.compiled.idleTimeoutMs);
    this.mayRetry = true;
    const sticky = listener.stickiness;
    if (sticky?.kind === 'lb-cookie') this.lbCookie = `${STICKY_COOKIE}=${stickyValue(runtime.compiled.name, next.instanceId)}${sticky.cookieSuffix}`;
  }

  /** Leaves least-outstanding-requests and draining (once per attempt). */
  private end(): void {
    if (!this.inFlight) return;
    this.inFlight = false;
    const runtime = this.binding.runtime;
    runtime.leastOutstanding.end(this.target);
    runtime.draining.release(this.target.instanceId, this);
  }

  private releaseClient(): void {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.pool.release(client);
  }
}
