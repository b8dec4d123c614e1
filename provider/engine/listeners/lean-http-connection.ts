import * as net from 'net';
import { BackendExchange } from './backend-exchange';
import { BAD_REQUEST_CLOSE, HttpProxy } from './http-proxy';
import { LeanRequest } from './lean-request';
import { LeanResponse, ResponseConnection } from './lean-response';
import { ListenerBinding } from './listener-binding';
import { HTTPParser, HTTP_METHODS, MAX_HEADER_SIZE } from './llhttp-parser';

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
type SocketInternals = net.Socket & { _handle?: StreamHandle; _unrefTimer(): void };

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
 */
export class LeanHttpConnection implements ResponseConnection {
  private readonly parser = new HTTPParser();
  private headerParts?: string[];
  private urlPart = '';
  private headStartedAt = 0;
  /** The request whose body the parser is delivering. */
  private receiving?: LeanRequest;
  /** Requests parsed and not yet started (pipelining). */
  private readonly waiting: Parsed[] = [];
  /** The response being written. */
  private active?: LeanResponse;
  private activeReq?: LeanRequest;
  private connectSeen = false;
  private stopped = false;
  private bodyPaused = false;
  private queuePaused = false;
  /** The parser reads straight from the socket's native handle (no 'data' events), as Node's server does. */
  private readonly handle?: StreamHandle;

  constructor(public readonly socket: net.Socket, private readonly binding: ListenerBinding, private readonly proxy: HttpProxy) {
    const p = this.parser;
    p.initialize(HTTPParser.REQUEST, {}, MAX_HEADER_SIZE, HTTPParser.kLenientNone);
    p[HTTPParser.kOnMessageBegin] = () => { this.headStartedAt = Date.now(); };
    p[HTTPParser.kOnHeaders] = (headers: string[], url: string) => {
      (this.headerParts ??= []).push(...headers);
      this.urlPart += url;
    };
    p[HTTPParser.kOnHeadersComplete] = (major: number, minor: number, headers: string[] | undefined, method: number, url: string | undefined,
      _status: unknown, _message: unknown, upgrade: boolean, keepAlive: boolean) => this.onHead(major, minor, headers, method, url, upgrade, keepAlive);
    p[HTTPParser.kOnBody] = (chunk: Buffer) => this.receiving?.body(chunk);
    p[HTTPParser.kOnMessageComplete] = () => {
      this.receiving?.ended();
      this.receiving = undefined;
    };
    const handle = (socket as SocketInternals)._handle;
    if (handle?.isStreamBase && !handle._consumed) {
      // Reads go from the handle to the parser in C++; kOnExecute reports each read's result.
      handle._consumed = true;
      this.handle = handle;
      p.consume(handle);
      p[HTTPParser.kOnExecute] = (ret: number | Error) => this.afterExecute(ret);
    } else {
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
    }
    socket.on('end', () => this.onEnd());
    socket.on('drain', () => this.active?.drained());
    socket.on('timeout', () => this.onTimeout());
    socket.once('close', () => this.onClose());
  }

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
    if (res.last) {
      this.stop();
      (this.socket as net.Socket & { destroySoon(): void }).destroySoon();
      return;
    }
    this.startNext();
  }

  /** Closes the connection when no request is in flight (a removed listener's idle connections). */
  public closeIfIdle(): void {
    if (!this.active && this.waiting.length === 0 && !this.receiving && this.headStartedAt === 0) this.socket.destroy();
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

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    let ret: number | Error;
    try {
      ret = this.parser.execute(chunk);
    } catch (e) {
      this.proxy.logger.error({ err: (e as Error).message }, 'HTTP front end failed on a request');
      this.socket.destroy();
      return;
    }
    this.afterExecute(ret);
  }

  /** After the parser took one read: refuse, answer CONNECT, or start what was parsed. */
  private afterExecute(ret: number | Error): void {
    if (this.stopped) return;
    // Reads that bypass the socket's stream do not re-arm its idle timer: done here.
    if (this.handle) (this.socket as SocketInternals)._unrefTimer();
    // A refusal is an Error object (made in Node's own context: not `instanceof` a sandbox's Error).
    if (typeof ret !== 'number') { this.refuse(); return; }
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
    const version = major === 1 && minor === 1 ? '1.1' : `${major}.${minor}`;
    const req = new LeanRequest(name, url, version, headers, this.socket, this);
    this.receiving = req;
    this.waiting.push({ req, keepAlive, http11: major === 1 && minor === 1, chunkable: major >= 1 && minor >= 1 });
    return 0;
  }

  /** Starts the first waiting request when none is being answered. */
  private startNext(): void {
    if (this.stopped) return;
    while (!this.active && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.start(next);
    }
    this.flow();
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
    const pause = this.bodyPaused || this.waiting.length > 0;
    if (pause === this.queuePaused) return;
    this.queuePaused = pause;
    if (this.handle) {
      if (pause) this.handle.readStop(); else this.handle.readStart();
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
    if (this.stopped) return;
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
    this.stop();
    const res = this.active;
    this.active = undefined;
    this.activeReq?.discardBody();
    this.activeReq = undefined;
    this.waiting.length = 0;
    res?.connectionClosed();
  }

  /** Parses nothing more. */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.receiving = undefined;
    if (this.handle && !this.socket.destroyed) {
      // The socket reads (and drops) what still comes, so the client's close is seen.
      this.parser.unconsume();
      this.socket.resume();
    }
    // Not from inside the parser's own callback (kOnExecute): the native parser is freed on the next turn.
    const parser = this.parser;
    setImmediate(() => parser.close());
  }
}
