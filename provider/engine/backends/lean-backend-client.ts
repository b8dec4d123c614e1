import { EventEmitter } from 'events';
import * as http from 'http';
import * as net from 'net';
import { Readable } from 'stream';
import type { Dispatcher } from 'undici';
import { ENGINE_LOG_CODES } from '../errors';
import { HTTPParser, LlhttpParser, MAX_HEADER_SIZE } from '../common/llhttp-parser';
import { writeNativeOrStream } from '../common/native-write';
import { BackendConnector, PinFailureListener } from './backend-connector';
import { BackendTarget } from './backend-target';

/** The callbacks of a request handler the lean client calls (undici's legacy handler contract, which `BackendExchange` implements). */
export interface LegacyRequestHandler {
  onConnect?(abort: (err?: Error) => void): void;
  onHeaders?(statusCode: number, headers: Array<Buffer | string>, resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: string[] | null): void;
  onError?(err: Error): void;
  onBodySent?(chunk: Buffer): void;
  onRequestSent?(): void;
}

type CodedError = Error & { code?: string };

/** A named error of the lean client (`ENGINE_LOG_CODES`), built once where no per-request detail is wanted. */
function clientError(code: string, message: string): CodedError {
  return Object.assign(new Error(message), { code });
}

const HEADERS_TIMEOUT = clientError(ENGINE_LOG_CODES.BACKEND_TIMEOUT, 'the back end sent no response head within the idle timeout');
const BODY_TIMEOUT = clientError(ENGINE_LOG_CODES.BACKEND_TIMEOUT, 'the back end sent no response body data within the idle timeout');
const OTHER_SIDE_CLOSED = clientError(ENGINE_LOG_CODES.BACKEND_CLOSED, 'the back end closed the connection before the response was complete');
const SOCKET_CLOSED = clientError(ENGINE_LOG_CODES.BACKEND_CLOSED, 'the back-end connection closed before the response was complete');
const UNSOLICITED = clientError(ENGINE_LOG_CODES.BACKEND_BAD_RESPONSE, 'the back end sent a response no request asked for');
const CONTINUE_UNASKED = clientError(ENGINE_LOG_CODES.BACKEND_BAD_RESPONSE, 'the back end answered 100 Continue to a request that did not expect it');
const UPGRADE_UNASKED = clientError(ENGINE_LOG_CODES.BACKEND_BAD_RESPONSE, 'the back end upgraded a connection no request asked to upgrade');
const BODY_ABORTED = clientError(ENGINE_LOG_CODES.BACKEND_REQUEST_ABORTED, 'the request body ended before it was complete');
const LENGTH_MISMATCH = clientError(ENGINE_LOG_CODES.BACKEND_REQUEST_ABORTED, 'the request body is not as long as its Content-Length says');
const CLIENT_DESTROYED = clientError(ENGINE_LOG_CODES.BACKEND_REQUEST_ABORTED, 'the back-end connection pool was closed');

/** A request the client refuses to send: 400 to the client (as undici's `UND_ERR_INVALID_ARG` was). */
function invalidRequest(what: string): CodedError {
  return clientError(ENGINE_LOG_CODES.BACKEND_REQUEST_INVALID, `the request cannot be sent to the back end: ${what}`);
}

/** RFC 9110 token (a method, a header name, a Connection option). */
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
/** A character a header value may not carry (field-vchar, SP, HTAB and obs-text are allowed). */
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
/** A character a request target may not carry. */
const BAD_PATH_CHAR = /[^\u0021-\u00ff]/;
const DIGITS = /^\d+$/;
const KEEP_ALIVE_TIMEOUT = /timeout=(\d+)/;

/** Methods whose request defines a meaning for a body: an empty one is still sent with `content-length: 0` (RFC 9110 §8.6). */
const EXPECTS_PAYLOAD = new Set(['PUT', 'POST', 'PATCH', 'QUERY', 'PROPFIND', 'PROPPATCH']);
/** Methods for which a Content-Length that disagrees with the body is refused. */
const NO_LENGTH_CHECK = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

/** A buffered body up to this size is copied behind the head into one buffer (one write); larger ones go out corked (one writev). */
const COPY_BODY_MAX = 16 * 1024;

/** What the client needs of a socket's native handle to feed the parser straight from it. */
interface StreamHandle { isStreamBase?: boolean; _consumed?: boolean; reading?: boolean; readStart(): number; readStop(): number }

/** One request on its way: what was prepared from the dispatch options, and how far it got. */
class PendingRequest {
  /** onConnect was called: from here on the request belongs to the connection. */
  public sent = false;
  public done = false;
  /** A streamed body is being written. */
  public writing = false;
  public bytesWritten = 0;
  /** The response was complete before the streamed body was. */
  public answered = false;

  /**
   * @param line the request line and the host header
   * @param lines every other header line (`connection:` and the body's framing go between and after them when written)
   */
  constructor(public readonly method: string, public readonly handler: LegacyRequestHandler, public readonly line: string, public readonly lines: string,
    public readonly body: Buffer | Readable | null, public readonly contentLength: number | null, public readonly reset: boolean | null) {}
}

/** Node's `util.destroy` as undici does it: an IncomingMessage is detached from its socket first, so the client connection survives. */
function destroyBody(body: Buffer | Readable | null): void {
  if (!body || Buffer.isBuffer(body) || body.destroyed) return;
  if (body instanceof http.IncomingMessage) (body as { socket: unknown }).socket = null;
  body.destroy();
}


/**
 * One keep-alive connection to a back end, carrying one request at a time: the engine's own
 * HTTP/1.1 client, in place of undici on the request path. The socket comes from
 * `BackendConnector.connect` (TLS completed and the key pins checked before a byte is written);
 * the request head is built as one string and written in one write together with a buffered body,
 * a streamed body (the client's request) is relayed with back-pressure, and the response is parsed
 * by Node's own llhttp binding in response mode, reading straight from the socket's handle.
 *
 * It keeps undici's handler contract (`onConnect(abort)`, `onHeaders(status, rawHeaders, resume,
 * statusText)`, `onData`, `onComplete`, `onError`, `onBodySent`, `onRequestSent`) and undici's
 * wire behaviour (the same request bytes, HEAD/1xx/keep-alive rules, `Keep-Alive: timeout=N`
 * minus a margin, the idle timeout for the response head, the body and the idle connection), so
 * `BackendExchange` works unchanged over either client. Its failures carry the engine's own codes
 * (`ENGINE_LOG_CODES.BACKEND_*`), each mapped by `BackendExchange` the way undici's were.
 */
export class LeanBackendClient extends EventEmitter {
  /** Whether a request is in flight on this client (it is not in the pool's idle list). */
  public inUse = false;
  private requestsOnConnection = 0;
  private socket?: net.Socket;
  private connecting = false;
  private closed = false;
  private closeWhenIdle = false;
  private parser?: LlhttpParser;
  private handle?: StreamHandle;
  private req?: PendingRequest;
  /** The connection must close after the current response (a `Connection: close` sent or required). */
  private reset = false;
  /** How long an idle connection is kept (the idle timeout, or less when the back end announces less). */
  private keepAliveMs: number;
  private requestTimer?: NodeJS.Timeout;
  private idleTimer?: NodeJS.Timeout;
  private idleTimerMs = 0;
  // The response being parsed.
  private status = 0;
  private keepAlive = false;
  private paused = false;
  private headerParts?: string[];
  private readonly resumeRead = () => this.resume();
  private readonly hostHeader: string;

  /**
   * @param idleTimeoutMs the load balancer's idle timeout: the longest wait for a response head or
   *   body data, and the longest an idle connection is kept
   * @param keepAliveMarginMs how much earlier than a back end's `Keep-Alive: timeout=N` an idle connection is closed
   */
  constructor(private readonly target: BackendTarget, private readonly idleTimeoutMs: number, private readonly connectTimeoutMs: number,
    private readonly keepAliveMarginMs: number, private readonly onPinFailure: PinFailureListener) {
    super();
    this.keepAliveMs = idleTimeoutMs;
    const host = target.address.includes(':') ? `[${target.address}]` : target.address;
    this.hostHeader = `host: ${host}${target.port === 80 ? '' : `:${target.port}`}\r\n`;
  }

  /** A request is being written: true when the connection already carried one (a reused keep-alive connection). */
  public startRequest(): boolean {
    return this.requestsOnConnection++ > 0;
  }

  /** Sends one request (the client carries one at a time); failures reach `handler.onError`. */
  public dispatch(options: Dispatcher.DispatchOptions, dispatchHandler: Dispatcher.DispatchHandler): boolean {
    // undici's typings describe onBodySent with a size; undici 7 (and this client) pass the chunk.
    const handler = dispatchHandler as unknown as LegacyRequestHandler;
    let req: PendingRequest;
    try {
      if (this.closed) throw CLIENT_DESTROYED;
      if (this.req) throw new Error('a lean back-end client carries one request at a time');
      req = this.prepare(options, handler);
    } catch (err) {
      handler.onError?.(err as Error);
      return false;
    }
    this.req = req;
    if (!this.socket) {
      if (!this.connecting) this.connect();
    } else {
      // A reused connection: the request is written in the check phase of this turn of the event
      // loop, after the poll phase read whatever the back end sent while it was idle (a close, a
      // reset, unsolicited bytes), as undici does (GHSA-35p6-xmwp-9g52). One immediate per request,
      // so that what each write schedules (a streamed body's first chunk) runs before the next one.
      setImmediate(this.writeAwaited);
    }
    return true;
  }

  /** Closes the connection once no request is on it. */
  public close(callback?: () => void): void {
    this.closed = true;
    if (this.req) this.closeWhenIdle = true;
    else this.dropSocket();
    if (callback) queueMicrotask(callback);
  }

  /** Closes the connection now; a request on it fails. */
  public destroy(callback?: () => void): void {
    this.closed = true;
    const req = this.req;
    this.dropSocket();
    if (req) this.settle(req, CLIENT_DESTROYED);
    if (callback) queueMicrotask(callback);
  }

  /** The idle connection was read to the end of this turn: the request that waited for it goes out (or waits for a new connection). */
  private readonly writeAwaited = (): void => {
    const req = this.req;
    if (req && !req.sent && this.socket && !this.socket.destroyed) this.write(req);
  };

  // ---- request ------------------------------------------------------------------------------------

  /** Checks the request the way undici did (same refusals) and builds its head, framing aside. */
  private prepare(options: Dispatcher.DispatchOptions, handler: LegacyRequestHandler): PendingRequest {
    const { method, path } = options;
    if (typeof path !== 'string') throw invalidRequest('the path is not a string');
    if (path.charCodeAt(0) !== 47 /* '/' */ && !(path.startsWith('http://') || path.startsWith('https://')) && method !== 'CONNECT') {
      throw invalidRequest(`the target '${path}' is neither origin-form nor absolute-form`);
    }
    if (BAD_PATH_CHAR.test(path)) throw invalidRequest('the target holds a character a request line cannot carry');
    if (typeof method !== 'string' || !TOKEN.test(method)) throw invalidRequest('the method is not a token');
    const headers = options.headers as string[] | null | undefined;
    let host: string | undefined;
    let contentLength: number | null = null;
    let connectionClose = false;
    let lines = '';
    if (headers) {
      for (let i = 0; i < headers.length; i += 2) {
        const key = headers[i];
        const val = headers[i + 1];
        if (val === undefined) continue;
        if (typeof val !== 'string' || BAD_VALUE_CHAR.test(val)) throw invalidRequest(`the value of ${key} holds a character a header cannot carry`);
        if (!TOKEN.test(key)) throw invalidRequest(`the header name '${key}' is not a token`);
        switch (key.length) {
          case 4:
            if (key.toLowerCase() !== 'host') break;
            if (host !== undefined) throw invalidRequest('two Host headers');
            host = val;
            continue;
          case 14:
            if (key.toLowerCase() !== 'content-length') break;
            if (contentLength !== null) throw invalidRequest('two Content-Length headers');
            if (!DIGITS.test(val)) throw invalidRequest(`Content-Length '${val}' is not a number`);
            contentLength = parseInt(val, 10);
            continue;
          case 17: case 10: case 7: case 6: {
            const name = key.toLowerCase();
            if (name === 'transfer-encoding' || name === 'keep-alive' || name === 'upgrade') throw invalidRequest(`a ${name} header is hop-by-hop`);
            if (name === 'expect') throw invalidRequest('an Expect header is answered by the load balancer, not sent on');
            if (name === 'connection') {
              for (const token of val.toLowerCase().split(',')) {
                const t = token.trim();
                if (!TOKEN.test(t)) throw invalidRequest(`Connection option '${t}' is not a token`);
                if (t === 'close') connectionClose = true;
              }
              continue;
            }
            break;
          }
        }
        lines += `${key}: ${val}\r\n`;
      }
    }
    const line = `${method} ${path} HTTP/1.1\r\n${host !== undefined ? `host: ${host}\r\n` : this.hostHeader}`;
    const reset = connectionClose ? true : (options.reset ?? null);
    let body = options.body as Buffer | Readable | string | null | undefined;
    if (typeof body === 'string') body = Buffer.from(body);
    if (Buffer.isBuffer(body) && body.length === 0) body = null;
    return new PendingRequest(method, handler, line, lines, (body ?? null) as Buffer | Readable | null, contentLength, reset);
  }

  /** Writes the request on the connection (undici's `writeH1`, the same bytes). */
  private write(req: PendingRequest): void {
    const socket = this.socket!;
    const method = req.method;
    const expectsPayload = EXPECTS_PAYLOAD.has(method);
    let body = req.body;
    let length: number | null;
    if (body && !Buffer.isBuffer(body)) {
      body.read(0); // a body already complete tells its length
      const state = (body as Readable & { _readableState?: { objectMode: boolean; ended: boolean; length: number } })._readableState;
      length = state && !state.objectMode && state.ended && Number.isFinite(state.length) ? state.length : null;
    } else {
      length = body ? body.length : 0;
    }
    if (length === null) length = req.contentLength;
    if (length === 0 && !expectsPayload) length = null;
    if (!NO_LENGTH_CHECK.has(method) && length !== null && length > 0 && req.contentLength !== null && req.contentLength !== length) {
      this.settle(req, LENGTH_MISMATCH);
      return;
    }
    req.sent = true;
    const abort = (err?: Error) => this.abort(req, err);
    try {
      req.handler.onConnect?.(abort);
    } catch (err) {
      this.abort(req, err as Error);
    }
    if (req.done) return;
    let reset = method === 'HEAD';
    if (req.reset !== null) reset = req.reset;
    this.reset ||= reset;
    const head = `${req.line}${this.reset ? 'connection: close\r\n' : 'connection: keep-alive\r\n'}${req.lines}`;
    this.armRequestTimer();
    if (body && !Buffer.isBuffer(body) && length !== 0) {
      this.writeStream(req, body, head, length, expectsPayload);
      return;
    }
    if (body && !Buffer.isBuffer(body)) body = null;
    try {
      if (!body) {
        const text = length === 0 ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`;
        writeNativeOrStream(socket, text);
      } else {
        const prefix = `${head}content-length: ${body.length}\r\n\r\n`;
        if (body.length <= COPY_BODY_MAX) {
          const size = prefix.length; // latin1: one byte a character (values were checked)
          const out = Buffer.allocUnsafe(size + body.length);
          out.write(prefix, 0, 'latin1');
          body.copy(out, size);
          writeNativeOrStream(socket, out);
        } else {
          socket.cork();
          socket.write(prefix, 'latin1');
          socket.write(body);
          socket.uncork();
        }
        req.handler.onBodySent?.(body);
        if (!expectsPayload && req.reset !== false) this.reset = true;
      }
      req.handler.onRequestSent?.();
    } catch (err) {
      this.abort(req, err as Error);
    }
  }

  /** Relays a streamed body (the client's request) with back-pressure; the head goes out with its first chunk (or its end). */
  private writeStream(req: PendingRequest, body: Readable, head: string, length: number | null, expectsPayload: boolean): void {
    const socket = this.socket!;
    req.writing = true;
    let finished = false;
    const onData = (chunk: Buffer) => {
      if (finished || req.done) return;
      const len = chunk.length;
      if (!len) return;
      if (length !== null && req.bytesWritten + len > length) { finish(LENGTH_MISMATCH); return; }
      socket.cork();
      if (req.bytesWritten === 0) {
        if (!expectsPayload && req.reset !== false) this.reset = true;
        socket.write(length === null ? `${head}transfer-encoding: chunked\r\n` : `${head}content-length: ${length}\r\n\r\n`, 'latin1');
      }
      if (length === null) socket.write(`\r\n${len.toString(16)}\r\n`, 'latin1');
      req.bytesWritten += len;
      const more = socket.write(chunk);
      socket.uncork();
      req.handler.onBodySent?.(chunk);
      if (!more) {
        body.pause();
        this.refreshRequestTimer();
      }
    };
    const onDrain = () => { if (!finished) body.resume(); };
    const onClose = () => { if (!finished) queueMicrotask(() => finish(BODY_ABORTED)); };
    const onError = (err: Error) => finish(err);
    const onEnd = () => finish(undefined);
    const finish = (err: Error | undefined) => {
      if (finished) return;
      finished = true;
      socket.off('drain', onDrain);
      body.off('data', onData).off('end', onEnd).off('close', onClose);
      req.writing = false;
      if (req.done) { destroyBody(body); return; }
      if (!err) {
        req.handler.onRequestSent?.();
        if (socket.destroyed) return;
        if (req.bytesWritten === 0) socket.write(expectsPayload ? `${head}content-length: 0\r\n\r\n` : `${head}\r\n`, 'latin1');
        else if (length === null) socket.write('\r\n0\r\n\r\n', 'latin1');
        if (length !== null && req.bytesWritten !== length) err = LENGTH_MISMATCH;
        else this.refreshRequestTimer();
      }
      if (err) {
        this.abort(req, err);
        destroyBody(body);
      } else if (req.answered) {
        // The response came before the body was sent: the connection was closed after it.
        destroyBody(body);
      }
    };
    body.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
    socket.on('drain', onDrain);
    body.resume();
    if (body.errored) setImmediate(finish, body.errored);
    else if (body.readableEnded) setImmediate(finish, undefined);
    if (body.closed) setImmediate(onClose);
  }

  /** The request's abort (handed over in `onConnect`): it fails with `err`, and the connection closes. */
  private abort(req: PendingRequest, err?: Error): void {
    if (req.done) return;
    this.dropSocket();
    destroyBody(req.body);
    this.settle(req, err ?? BODY_ABORTED);
  }

  /** Ends `req` with an error (once): the handler hears it after the client's own state is settled. */
  private settle(req: PendingRequest, err: Error): void {
    if (req.done) return;
    req.done = true;
    if (this.req === req) this.req = undefined;
    try {
      req.handler.onError?.(err);
    } catch { /* the handler's own failure is its to log */ }
    // A body that went out (in part) cannot be sent again; one that did not may go to another instance.
    if (req.sent) destroyBody(req.body);
  }

  // ---- connection ---------------------------------------------------------------------------------

  private connect(): void {
    this.connecting = true;
    BackendConnector.connect(this.target, this.connectTimeoutMs, this.onPinFailure, (err, socket) => {
      this.connecting = false;
      if (err || !socket) {
        const req = this.req;
        if (req) this.settle(req, err ?? SOCKET_CLOSED);
        return;
      }
      if (this.closed && !this.req) { socket.destroy(); return; }
      this.attach(socket);
      const req = this.req;
      if (req && !req.sent) this.write(req);
    });
  }

  /** Takes a connected socket: its parser, its events. */
  private attach(socket: net.Socket): void {
    socket.setNoDelay(true);
    this.socket = socket;
    this.requestsOnConnection = 0;
    this.reset = false;
    this.keepAliveMs = this.idleTimeoutMs;
    this.status = 0;
    this.paused = false;
    const p = new HTTPParser();
    this.parser = p;
    p.initialize(HTTPParser.RESPONSE, {}, MAX_HEADER_SIZE, HTTPParser.kLenientNone);
    p[HTTPParser.kOnMessageBegin] = () => this.onMessageBegin();
    p[HTTPParser.kOnHeaders] = (headers: string[]) => { (this.headerParts ??= []).push(...headers); };
    p[HTTPParser.kOnHeadersComplete] = (_major: number, _minor: number, headers: string[] | undefined, _method: unknown, _url: unknown,
      statusCode: number, statusMessage: string | undefined, upgrade: boolean, keepAlive: boolean) => this.onHead(headers, statusCode, statusMessage ?? '', upgrade, keepAlive);
    p[HTTPParser.kOnBody] = (chunk: Buffer) => this.onBody(chunk);
    p[HTTPParser.kOnMessageComplete] = () => this.onMessageComplete();
    const handle = (socket as net.Socket & { _handle?: StreamHandle })._handle;
    if (handle?.isStreamBase && !handle._consumed) {
      // Reads go from the handle to the parser in C++ (no 'data' events); kOnExecute reports each read.
      handle._consumed = true;
      this.handle = handle;
      p.consume(handle);
      p[HTTPParser.kOnExecute] = (ret: number | Error) => this.afterExecute(socket, ret);
      // A connected socket is normally reading already (net's own flag says so; starting twice fails).
      if (!handle.reading) {
        handle.reading = true;
        handle.readStart();
      }
    } else {
      this.handle = undefined;
      socket.on('data', (chunk: Buffer) => {
        if (this.socket !== socket) return;
        this.afterExecute(socket, p.execute(chunk));
      });
    }
    socket.on('end', () => this.onEnd(socket));
    socket.on('error', (err: Error) => this.onSocketError(socket, err));
    socket.on('close', () => this.onSocketClose(socket));
  }

  /** Forgets the current socket (destroyed) and its parser; the next request connects anew. */
  private dropSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = undefined;
    this.stopTimers();
    const parser = this.parser;
    this.parser = undefined;
    this.headerParts = undefined;
    socket.destroy();
    // Not from inside the parser's own callback: the native parser is freed on the next turn.
    if (parser) setImmediate(() => parser.close());
  }

  private afterExecute(socket: net.Socket, ret: number | Error | undefined): void {
    if (this.socket !== socket) return;
    // A parse error is an Error from Node's own context (not `instanceof` a sandbox's Error).
    if (ret !== undefined && typeof ret !== 'number') this.failConnection(ret as Error);
  }

  /** The back end closed its side: a close-delimited body ends here, anything else fails. */
  private onEnd(socket: net.Socket): void {
    if (this.socket !== socket) return;
    if (this.status && !this.keepAlive) {
      const ret = this.parser!.finish();
      if (ret !== undefined && typeof ret !== 'number') { this.failConnection(ret as Error); return; }
      if (this.socket === socket) this.failConnection(OTHER_SIDE_CLOSED);
      return;
    }
    this.failConnection(OTHER_SIDE_CLOSED);
  }

  private onSocketError(socket: net.Socket, err: CodedError): void {
    if (this.socket !== socket) return;
    // A reset after a close-delimited response still ends that response (undici does the same).
    if (err.code === 'ECONNRESET' && this.status && !this.keepAlive) { this.onEnd(socket); return; }
    this.failConnection(err);
  }

  private onSocketClose(socket: net.Socket): void {
    if (this.socket === socket) this.failConnection(SOCKET_CLOSED);
    if (this.socket === undefined) {
      this.emit('disconnect');
      // A request that waited for this connection's release turn goes out on a new one.
      const req = this.req;
      if (req && !req.sent && !this.connecting && !this.closed) this.connect();
    }
  }

  /** The connection failed (or closed): the request on it, if it was written, fails with `err`. */
  private failConnection(err: Error): void {
    const req = this.req;
    this.dropSocket();
    if (req && req.sent) this.settle(req, err);
  }

  // ---- response -----------------------------------------------------------------------------------

  private onMessageBegin(): void {
    // Trailer fields of the previous message come through kOnHeaders too: not this message's head.
    this.headerParts = undefined;
    const req = this.req;
    if (!req || !req.sent || req.done) this.failConnection(UNSOLICITED);
  }

  private onHead(headers: string[] | undefined, statusCode: number, statusText: string, upgrade: boolean, keepAlive: boolean): number {
    const req = this.req;
    if (!req || req.done) return -1;
    if (headers === undefined) {
      headers = this.headerParts ?? [];
      this.headerParts = undefined;
    }
    if (statusCode === 100) { this.failConnection(CONTINUE_UNASKED); return -1; }
    if (upgrade) { this.failConnection(UPGRADE_UNASKED); return -1; }
    this.status = statusCode;
    let keepAliveValue: string | undefined;
    let connection = '';
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      if (name.length !== 10) continue;
      const lower = name.toLowerCase();
      if (lower === 'keep-alive') keepAliveValue = (keepAliveValue ?? '') + headers[i + 1];
      else if (lower === 'connection') connection += headers[i + 1];
    }
    // llhttp does not keep a HEAD response without a length alive; `Connection: keep-alive` does (as undici).
    this.keepAlive = keepAlive || (req.method === 'HEAD' && !this.reset && connection.toLowerCase() === 'keep-alive');
    if (this.keepAlive) {
      const m = keepAliveValue !== undefined ? KEEP_ALIVE_TIMEOUT.exec(keepAliveValue) : null;
      if (m) {
        const ms = Math.min(parseInt(m[1], 10) * 1000 - this.keepAliveMarginMs, this.idleTimeoutMs);
        if (ms <= 0) this.reset = true;
        else this.keepAliveMs = ms;
      } else {
        this.keepAliveMs = this.idleTimeoutMs;
      }
    } else {
      this.reset = true;
    }
    this.refreshRequestTimer();
    let pause = false;
    try {
      pause = req.handler.onHeaders?.(statusCode, headers, this.resumeRead, statusText) === false;
    } catch (err) {
      this.abort(req, err as Error);
    }
    if (req.done) return -1;
    if (req.method === 'HEAD' || statusCode < 200) return 1;
    if (pause) this.pause();
    return 0;
  }

  private onBody(chunk: Buffer): void {
    const req = this.req;
    if (!req || req.done) return;
    this.refreshRequestTimer();
    let more = true;
    try {
      more = req.handler.onData?.(chunk) !== false;
    } catch (err) {
      this.abort(req, err as Error);
      return;
    }
    if (!more) this.pause();
  }

  private onMessageComplete(): void {
    const req = this.req;
    if (!req || req.done) return;
    const status = this.status;
    this.status = 0;
    if (status < 200) return; // an informational response: the final one follows
    req.done = true;
    this.req = undefined;
    // Settle the connection before the handler hears of it: the handler may dispatch the next request at once.
    if (req.writing) {
      req.answered = true;
      this.dropSocket();
    } else if (!this.keepAlive || this.reset || this.closeWhenIdle) {
      this.dropSocket();
    } else {
      this.becomeIdle();
    }
    try {
      req.handler.onComplete?.([]);
    } catch { /* the handler's own failure is its to log */ }
    if (req.answered) destroyBody(req.body);
  }

  /**
   * Between requests: the connection closes after `keepAliveMs` unused. It reads again if the
   * handler said stop during the read that completed the response: that stop was for the response,
   * and a pooled connection that does not read would hold the next request's answer for ever.
   */
  private becomeIdle(): void {
    this.resumeReading();
    if (!this.idleTimer || this.idleTimerMs !== this.keepAliveMs) {
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimerMs = this.keepAliveMs;
      this.idleTimer = setTimeout(() => this.onIdleTimer(), this.keepAliveMs).unref();
    } else {
      this.idleTimer.refresh();
    }
  }

  private onIdleTimer(): void {
    if (!this.req && this.socket) this.dropSocket();
  }

  private pause(): void {
    if (this.paused || !this.socket) return;
    this.paused = true;
    if (this.handle) this.handle.readStop();
    else this.socket.pause();
  }

  private resume(): void {
    if (!this.paused || !this.socket) return;
    this.refreshRequestTimer();
    this.resumeReading();
  }

  /** Reads from the back end again if reading was paused. */
  private resumeReading(): void {
    if (!this.paused || !this.socket) return;
    this.paused = false;
    if (this.handle) this.handle.readStart();
    else this.socket.resume();
  }

  // ---- the request timer (response head, then body data) --------------------------------------------

  private armRequestTimer(): void {
    if (this.requestTimer) this.requestTimer.refresh();
    else this.requestTimer = setTimeout(() => this.onRequestTimer(), this.idleTimeoutMs).unref();
  }

  private refreshRequestTimer(): void {
    this.requestTimer?.refresh();
  }

  private onRequestTimer(): void {
    const req = this.req;
    if (!req || !req.sent || req.done || !this.socket) return;
    if (this.status < 200) {
      // Still sending the body and the back end takes it: not a silent back end (re-armed when the body ends).
      if (req.writing && !this.socket.writableNeedDrain) return;
      this.failConnection(HEADERS_TIMEOUT);
      return;
    }
    if (this.paused) return; // waiting for the client to read, not for the back end
    this.failConnection(BODY_TIMEOUT);
  }

  private stopTimers(): void {
    if (this.requestTimer) { clearTimeout(this.requestTimer); this.requestTimer = undefined; }
    if (this.idleTimer) { clearTimeout(this.idleTimer); this.idleTimer = undefined; }
  }
}
