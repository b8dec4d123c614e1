import * as net from 'net';
import { BackendExchange } from './backend-exchange';
import { BAD_REQUEST_CLOSE, HttpProxy } from './http-proxy';
import { LeanRequest } from './lean-request';
import { LeanResponse, ResponseConnection } from './lean-response';
import { ListenerBinding } from './listener-binding';
import { HTTPParser, HTTP_METHODS, LlhttpParser, MAX_HEADER_SIZE } from '../common/llhttp-parser';
import { ParserPool } from './parser-pool';

/** Node's server answers `Expect: 100-continue` at once, before the request is forwarded. */
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';
/** `100-continue` as a token of an Expect header (Node's own test). */
const CONTINUE_EXPECTATION = /(?:^|\W)100-continue(?:$|\W)/i;
/** `chunked` as a token of a TE header (Node's own test, for HTTP/1.0 clients). */
const CHUNK_EXPRESSION = /(?:^|\W)chunked(?:$|\W)/i;
/** A request head must be complete this long after its first byte (Node's server `headersTimeout`). */
export const HEADERS_TIMEOUT_MS = 60_000;

/** The socket internals the consuming parser needs (as Node's HTTP server uses them). */
interface StreamHandle {
  readonly isStreamBase?: boolean;
  _consumed?: boolean;
  readStart(): number;
  readStop(): number;
}
/** The connection a socket or parser works for (shared callbacks find it here, so none is a closure per connection). */
const CONNECTION = Symbol('seclb.leanHttpConnection');
type SocketInternals = net.Socket & { _handle?: StreamHandle; _unrefTimer(): void; [CONNECTION]?: LeanHttpConnection };
type RequestParser = LlhttpParser & { [CONNECTION]?: LeanHttpConnection };
/**
 * An idle connection keeps its parser at least this long (and less than twice as long) before it
 * goes back to the pool: a busy keep-alive connection, idle only between a response and the next
 * request, never pays for giving it back and taking it again (about +10 % CPU per request when
 * done after every response).
 */
export const PARSER_IDLE_RELEASE_MS = 500;
/** The async resource every parser is initialized with (no per-request object). */
const PARSER_RESOURCE = {};

/** A parsed request waiting its turn, with what its response needs to know. */
interface Parsed {
  readonly req: LeanRequest;
  readonly keepAlive: boolean;
  readonly http11: boolean;
  /** Neither major nor minor version is 0 (Node chunks bodies by default only then). */
  readonly chunkable: boolean;
}

/**
 * One client connection of an HTTP/HTTPS listener on the `lean` front end: the request bytes go
 * through Node's own llhttp parser (the binding Node's HTTP server uses, with the same strict
 * settings and header-size limit, so the same requests are refused), each parsed request to
 * `HttpProxy.forward`, and the responses back through `LeanResponse`. Requests are answered one
 * at a time in order: pipelined requests wait, parsed, and the socket stops reading while one
 * waits. What Node's server does around the parser is done here the same way: 400 for an
 * HTTP/1.1 request without Host, `100 Continue` (and 417 for another expectation), CONNECT and
 * refused requests answered 400 and closed, the 60 s header deadline, the idle timeout.
 *
 * Memory while idle: the parser is taken from a shared pool when a byte arrives on a connection
 * that has none, and reads straight from the socket's native handle from then on (no 'data'
 * events, as Node's server does); once a request was answered and nothing more was received for
 * `PARSER_IDLE_RELEASE_MS` (one sweep timer for the process), it goes back to the pool and the
 * socket reads through its 'data' event until the next byte. The socket's and parser's callbacks
 * are shared functions (the connection is found through a symbol property), so an idle connection
 * holds its socket, its idle timer and this object.
 */
export class LeanHttpConnection implements ResponseConnection {
  /** Parsers of every lean connection in this process, with the callbacks installed once. */
  private static readonly parsers = new ParserPool<RequestParser>(() => LeanHttpConnection.newParser());
  /** Connections that went idle holding a parser, for the next sweep. */
  private static readonly idleWithParser = new Set<LeanHttpConnection>();
  /** One timer for every connection of the process: runs while `idleWithParser` is not empty. */
  private static sweepTimer?: NodeJS.Timeout;
  /** Sweeps so far; a connection records the count when it goes idle. */
  private static sweeps = 0;
  /** The sweep count when this connection last went idle. */
  private idleSince = 0;
  /** The parser, while a request is on the connection (or bytes of one were received). */
  private parser?: RequestParser;
  /** The parser reads from the socket's native handle (consumed it) rather than from 'data' events. */
  private consuming = false;
  private headerParts?: string[];
  private urlPart = '';
  private headStartedAt = 0;
  /** The request whose body the parser is delivering. */
  private receiving?: LeanRequest;
  /** Requests parsed and not yet started (pipelining); made when a second request arrives early. */
  private waiting?: Parsed[];
  /** The response being written. */
  private active?: LeanResponse;
  private activeReq?: LeanRequest;
  private connectSeen = false;
  /** A request asked for an upgrade: llhttp parses nothing after it, so the parser is never reset. */
  private upgradeSeen = false;
  private stopped = false;
  private bodyPaused = false;
  private queuePaused = false;

  /**
   * @param open the set of this listener's open lean connections: this one is in it until its socket closes
   */
  constructor(public readonly socket: net.Socket, private readonly binding: ListenerBinding, private readonly proxy: HttpProxy,
    private readonly open?: Set<LeanHttpConnection>) {
    open?.add(this);
    (socket as SocketInternals)[CONNECTION] = this;
    socket.on('data', LeanHttpConnection.socketData);
    socket.on('end', LeanHttpConnection.socketEnd);
    socket.on('drain', LeanHttpConnection.socketDrain);
    socket.on('timeout', LeanHttpConnection.socketTimeout);
    socket.on('close', LeanHttpConnection.socketClose);
  }

  /** How many parsers wait in the pool (for tests and benches). */
  public static get pooledParsers(): number {
    return LeanHttpConnection.parsers.size;
  }

  /**
   * A parser with the shared callbacks; each finds its connection through `parser[CONNECTION]` (unset
   * once the connection let go of it: a callback still due from the read in progress then does nothing).
   */
  private static newParser(): RequestParser {
    const p: RequestParser = new HTTPParser();
    p[HTTPParser.kOnMessageBegin] = function (this: RequestParser) {
      const c = this[CONNECTION];
      if (c) c.headStartedAt = Date.now();
    };
    p[HTTPParser.kOnHeaders] = function (this: RequestParser, headers: string[], url: string) {
      const c = this[CONNECTION];
      if (!c) return;
      (c.headerParts ??= []).push(...headers);
      c.urlPart += url;
    };
    p[HTTPParser.kOnHeadersComplete] = function (this: RequestParser, major: number, minor: number, headers: string[] | undefined, method: number, url: string | undefined,
      _status: unknown, _message: unknown, upgrade: boolean, keepAlive: boolean) {
      return this[CONNECTION]?.onHead(major, minor, headers, method, url, upgrade, keepAlive) ?? 0;
    };
    p[HTTPParser.kOnBody] = function (this: RequestParser, chunk: Buffer) { this[CONNECTION]?.receiving?.body(chunk); };
    p[HTTPParser.kOnMessageComplete] = function (this: RequestParser) {
      const c = this[CONNECTION];
      if (!c) return;
      c.receiving?.ended();
      c.receiving = undefined;
      // A body consumer that was full holds no more of this message: what follows is the next request's (flow() runs after this read).
      c.bodyPaused = false;
    };
    // Reads go from the handle to the parser in C++; kOnExecute reports each read's result.
    p[HTTPParser.kOnExecute] = function (this: RequestParser, ret: number | Error) { this[CONNECTION]?.afterExecute(ret); };
    return p;
  }

  private static socketData(this: SocketInternals, chunk: Buffer): void { this[CONNECTION]!.onData(chunk); }
  private static socketEnd(this: SocketInternals): void { this[CONNECTION]!.onEnd(); }
  private static socketDrain(this: SocketInternals): void { this[CONNECTION]!.active?.drained(); }
  private static socketTimeout(this: SocketInternals): void { this[CONNECTION]!.onTimeout(); }
  private static socketClose(this: SocketInternals): void { this[CONNECTION]!.onClose(); }

  /** The idle timeout announced in `Keep-Alive: timeout=N`. */
  public get keepAliveTimeoutMs(): number {
    return this.binding.runtime.compiled.idleTimeoutMs;
  }

  /** The response was ended: close the connection after it, or start the next request. */
  public responseEnded(res: LeanResponse): void {
    if (res !== this.active) return;
    this.active = undefined;
    const req = this.activeReq;
    this.activeReq = undefined;
    if (req && !req.complete) req.discardBody();
    // A body still coming is read and dropped now; a full consumer of it no longer holds the connection.
    this.bodyPaused = false;
    if (res.last) {
      this.stop();
      (this.socket as net.Socket & { destroySoon(): void }).destroySoon();
      return;
    }
    this.startNext();
  }

  /** Closes the connection when no request is in flight (a removed listener's idle connections). */
  public closeIfIdle(): void {
    if (!this.active && !this.waiting?.length && !this.receiving && this.headStartedAt === 0) this.socket.destroy();
  }

  /** The body stream wants more bytes. */
  public bodyWanted(): void {
    if (!this.bodyPaused) return;
    this.bodyPaused = false;
    this.flow();
  }

  /** The body stream is full. */
  public bodyFull(): void {
    this.bodyPaused = true;
    this.flow();
  }

  /**
   * Bytes through the socket's stream: the first read after the connection was idle (the parser is
   * then taken and reads from the handle from the next read on), or every read of a socket
   * without a native handle.
   */
  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    const parser = this.parser ?? this.attachParser();
    let ret: number | Error;
    try {
      ret = parser.execute(chunk);
    } catch (e) {
      this.proxy.logger.error({ err: (e as Error).message }, 'HTTP front end failed on a request');
      this.socket.destroy();
      return;
    }
    this.afterExecute(ret);
  }

  /** Takes a parser from the pool for the bytes that just arrived, and lets it read from the handle. */
  private attachParser(): RequestParser {
    const p = LeanHttpConnection.parsers.take();
    p.initialize(HTTPParser.REQUEST, PARSER_RESOURCE, MAX_HEADER_SIZE, HTTPParser.kLenientNone);
    p[CONNECTION] = this;
    this.parser = p;
    const handle = (this.socket as SocketInternals)._handle;
    if (handle?.isStreamBase && !handle._consumed && !this.socket.destroyed) {
      handle._consumed = true;
      this.consuming = true;
      p.consume(handle);
    }
    return p;
  }

  /**
   * Gives back the parsers of idle connections: with `all`, of every idle connection now; without,
   * of those idle since before the previous sweep (the timer's call). Returns how many went back.
   */
  public static releaseIdleParsers(all = true): number {
    const set = LeanHttpConnection.idleWithParser;
    const sweep = LeanHttpConnection.sweeps++;
    let released = 0;
    for (const c of set) {
      if (!c.parser || !c.idle()) { set.delete(c); continue; }
      if (all || c.idleSince < sweep) {
        set.delete(c);
        c.releaseParser(c.parser);
        released++;
      }
    }
    if (set.size === 0 && LeanHttpConnection.sweepTimer) {
      clearInterval(LeanHttpConnection.sweepTimer);
      LeanHttpConnection.sweepTimer = undefined;
    }
    return released;
  }

  /**
   * Idle: no request parsed or in flight, no byte of the next one received, reading not paused.
   * llhttp between two messages holds no state a freshly initialized parser lacks.
   */
  private idle(): boolean {
    return !this.stopped && !this.active && !this.waiting?.length && !this.receiving && this.headStartedAt === 0 &&
      !this.connectSeen && !this.upgradeSeen && !this.queuePaused && !this.headerParts && !this.urlPart;
  }

  /** A connection that went idle with a parser is put up for the sweep (cheap: a busy connection only re-marks itself). */
  private markIdle(): void {
    if (!this.parser || !this.idle()) return;
    this.idleSince = LeanHttpConnection.sweeps;
    LeanHttpConnection.idleWithParser.add(this);
    if (!LeanHttpConnection.sweepTimer) {
      LeanHttpConnection.sweepTimer = setInterval(() => LeanHttpConnection.releaseIdleParsers(false), PARSER_IDLE_RELEASE_MS);
      LeanHttpConnection.sweepTimer.unref();
    }
  }

  /** The parser goes back to the pool; the next byte arrives through 'data' and takes one again. */
  private releaseParser(p: RequestParser): void {
    this.detachParser(p);
    this.waiting = undefined;
    LeanHttpConnection.parsers.give(p);
  }

  /** The parser stops reading from the handle (the socket's stream reads again) and forgets this connection. */
  private detachParser(p: RequestParser): void {
    this.parser = undefined;
    if (this.consuming) {
      this.consuming = false;
      p.unconsume();
      const handle = (this.socket as SocketInternals)._handle;
      if (handle) handle._consumed = false;
    }
    p[CONNECTION] = undefined;
  }

  /** After the parser took one read: refuse, answer CONNECT, or start what was parsed. */
  private afterExecute(ret: number | Error): void {
    if (this.stopped) return;
    // Reads that bypass the socket's stream do not re-arm its idle timer: done here.
    if (this.consuming) (this.socket as SocketInternals)._unrefTimer();
    // A refusal is an Error object (made in Node's own context: not `instanceof` a sandbox's Error).
    if (typeof ret !== 'number') {
      // A head completed in this read, before the error (e.g. a bad chunk size in its body), was a
      // request received and routed: Node's server hands it to the proxy as its head completes, so
      // it is started (and counted in RequestCount) before the 400, as there.
      if (this.waiting?.length) this.startNext();
      this.refuse();
      return;
    }
    if (this.connectSeen) { this.answerConnect(); return; }
    if (this.headStartedAt && this.receivingHead() && Date.now() - this.headStartedAt > HEADERS_TIMEOUT_MS) { this.refuse(); return; }
    this.startNext();
  }

  /** Whether the parser is inside a request head (message begun, head not complete). */
  private receivingHead(): boolean {
    return this.headStartedAt !== 0;
  }

  private onHead(major: number, minor: number, headers: string[] | undefined, method: number, url: string | undefined, upgrade: boolean, keepAlive: boolean): number {
    this.headStartedAt = 0;
    if (headers === undefined) {
      headers = this.headerParts ?? [];
      this.headerParts = undefined;
    }
    if (url === undefined) {
      url = this.urlPart;
      this.urlPart = '';
    }
    const name = HTTP_METHODS[method];
    if (upgrade && name === 'CONNECT') {
      this.connectSeen = true;
      return 2;
    }
    if (upgrade) this.upgradeSeen = true;
    const version = major === 1 && minor === 1 ? '1.1' : `${major}.${minor}`;
    const req = new LeanRequest(name, url, version, headers, this.socket, this);
    this.receiving = req;
    (this.waiting ??= []).push({ req, keepAlive, http11: major === 1 && minor === 1, chunkable: major >= 1 && minor >= 1 });
    return 0;
  }

  /** Starts the first waiting request when none is being answered. */
  private startNext(): void {
    if (this.stopped) return;
    const waiting = this.waiting;
    while (!this.active && waiting && waiting.length > 0) {
      const next = waiting.shift()!;
      this.start(next);
    }
    this.flow();
    this.markIdle();
  }

  private start({ req, keepAlive, http11, chunkable }: Parsed): void {
    const head = req.method === 'HEAD';
    const res = new LeanResponse(this, {
      keepAlive,
      chunkedByDefault: chunkable || (req.headers.te !== undefined && CHUNK_EXPRESSION.test(req.headers.te)),
      head,
    });
    this.active = res;
    this.activeReq = req;
    if (http11) {
      // RFC 9112 §3.2: an HTTP/1.1 request without Host is refused (Node's server answers this itself).
      if (req.headers.host === undefined) {
        res.writeHead(400, undefined, ['Connection', 'close']);
        res.end();
        return;
      }
      const expect = req.headers.expect;
      if (expect !== undefined) {
        if (!CONTINUE_EXPECTATION.test(expect)) {
          res.writeHead(417, undefined, []);
          res.end();
          return;
        }
        this.socket.write(CONTINUE, 'latin1');
      }
    }
    this.proxy.forward(req, res);
  }

  /** Reads from the client unless a pipelined request waits or the body consumer is full. */
  private flow(): void {
    const pause = this.bodyPaused || (this.waiting !== undefined && this.waiting.length > 0);
    if (pause === this.queuePaused) return;
    this.queuePaused = pause;
    const handle = (this.socket as SocketInternals)._handle;
    if (this.consuming && handle) {
      if (pause) handle.readStop(); else handle.readStart();
    } else if (pause) this.socket.pause(); else this.socket.resume();
  }

  /** A request the parser refused (or a head past its deadline): ELB's 400, then close. */
  private refuse(): void {
    this.stop();
    const socket = this.socket;
    if (socket.writable) {
      this.binding.runtime.counters.httpCodeElb4xx++;
      socket.end(BAD_REQUEST_CLOSE);
    } else {
      socket.destroy();
    }
  }

  /** CONNECT: ELB answers 400 (elb-facts §6.3). */
  private answerConnect(): void {
    this.stop();
    this.binding.runtime.counters.httpCodeElb4xx++;
    this.socket.end(BAD_REQUEST_CLOSE);
  }

  private onEnd(): void {
    // Without a parser the connection was idle between requests: nothing is cut short.
    if (this.stopped || !this.parser) return;
    const ret = this.parser.finish();
    if (ret !== undefined && typeof ret !== 'number') this.refuse();
  }

  /**
   * The idle timeout (armed by the front-end listener, re-armed by every read and write): a
   * connection with no request in flight closes; with one, the exchange decides (it acts only when
   * the client should be sending the body or reading the response).
   */
  private onTimeout(): void {
    const res = this.active;
    if (!res) this.socket.destroy();
    else BackendExchange.clientIdle(res);
  }

  private onClose(): void {
    this.open?.delete(this);
    LeanHttpConnection.idleWithParser.delete(this);
    this.stop();
    const res = this.active;
    this.active = undefined;
    this.activeReq?.discardBody();
    this.activeReq = undefined;
    this.waiting = undefined;
    res?.connectionClosed();
  }

  /** Parses nothing more. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.receiving = undefined;
    const parser = this.parser;
    if (!parser) return;
    const destroyed = this.socket.destroyed;
    if (this.consuming && destroyed) {
      // The handle is gone with the parser still on it: not reused; freed like Node's server frees it.
      this.parser = undefined;
      this.consuming = false;
      parser[CONNECTION] = undefined;
      setImmediate(() => parser.close());
      return;
    }
    // The socket reads (and drops) what still comes, so the client's close is seen.
    this.detachParser(parser);
    this.socket.resume();
    // Not from inside the parser's own callback (kOnExecute): back to the pool on the next turn.
    setImmediate(() => LeanHttpConnection.parsers.give(parser));
  }
}
