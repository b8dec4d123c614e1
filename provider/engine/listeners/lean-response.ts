import * as http from 'http';
import * as net from 'net';
import { writeNativeOrStream } from '../common/native-write';
import { ClientResponse } from './client-response';

/** `close` as a token in a Connection header (Node's own test). */
const CONNECTION_CLOSE = /(?:^|\W)close(?:$|\W)/i;
/** `chunked` as a token in a Transfer-Encoding header (Node's own test). */
const TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;
/** Control characters a status message or header value must not hold (Node's own test). */
const INVALID_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
/** The end of a chunked body. */
const LAST_CHUNK = '0\r\n\r\n';
/** Below this size a body chunk is copied into the head's buffer (one write); above it, two writes under one cork. */
const COPY_LIMIT = 16 * 1024;

let dateSecond = -1;
let dateText = '';
/** The Date header value, recomputed at most once a second. */
function utcDate(): string {
  const now = Date.now();
  const second = now - (now % 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second).toUTCString();
  }
  return dateText;
}

/** What a response needs from its connection. */
export interface ResponseConnection {
  readonly socket: net.Socket;
  /** The idle timeout announced in `Keep-Alive: timeout=N` (ms). */
  readonly keepAliveTimeoutMs: number;
  /** The response was ended (everything handed to the socket); `last` closes the connection. */
  responseEnded(res: LeanResponse): void;
}

/** How the request shapes its response (what Node's server derives from the request). */
export interface ResponseFraming {
  /** The client asked to keep the connection (HTTP/1.1 without `Connection: close`, or 1.0 with `keep-alive`). */
  readonly keepAlive: boolean;
  /** A body without Content-Length may be chunked (HTTP/1.1, or 1.0 with `TE: chunked`); else it ends with the connection. */
  readonly chunkedByDefault: boolean;
  /** A HEAD request: no body is ever sent. */
  readonly head: boolean;
}

/**
 * The `lean` front end's response: writes the head as one string, added to the first body chunk
 * (or to the end of the message) so a small response leaves in one write, and frames the body as
 * Node's `http.ServerResponse` would (the same Date, Connection, Keep-Alive, Content-Length or
 * chunked decisions, byte for byte), without a stream per response. Its three events take one
 * listener each (all the exchange registers), called with the response as `this`, as an emitter would.
 */
export class LeanResponse implements ClientResponse {
  public statusCode = 200;
  public headersSent = false;
  public writableFinished = false;
  /** The connection closes after this response. */
  public last = false;
  private pendingHead?: string;
  private chunked = false;
  private hasBody: boolean;
  private ended = false;
  private keepAlive: boolean;
  private onClose?: (this: LeanResponse) => void;
  private onDrain?: (this: LeanResponse) => void;
  private onFinish?: (this: LeanResponse) => void;

  constructor(private readonly conn: ResponseConnection, private readonly framing: ResponseFraming) {
    this.hasBody = !framing.head;
    this.keepAlive = framing.keepAlive;
  }

  /** Whether the client connection is gone. */
  public get destroyed(): boolean {
    return this.conn.socket.destroyed;
  }

  /**
   * Composes the head (sent with the first body bytes or the end); validates like Node's server,
   * except the first `checked` entries, which llhttp's strict parse already validated (see `ClientResponse`).
   */
  public writeHead(statusCode: number, reason: string | undefined, headers: string[], checked = 0): this {
    if (this.headersSent) throw new Error('the response head was already written');
    this.statusCode = statusCode;
    const message = reason ?? http.STATUS_CODES[statusCode] ?? 'unknown';
    if (INVALID_CHAR.test(message)) throw Object.assign(new TypeError('Invalid character in statusMessage'), { code: 'ERR_INVALID_CHAR' });
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this.hasBody = false;
    let head = `HTTP/1.1 ${statusCode} ${message}\r\n`;
    let connection = false;
    let contentLength = false;
    let transferEncoding = false;
    let date = false;
    let announceKeepAlive = true;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      const value = headers[i + 1];
      if (i >= checked) {
        http.validateHeaderName(name);
        http.validateHeaderValue(name, value);
      }
      head += `${name}: ${value}\r\n`;
      if (name.length < 4 || name.length > 17) continue;
      switch (name.toLowerCase()) {
        case 'connection':
          connection = true;
          if (CONNECTION_CLOSE.test(value)) this.last = true; else this.keepAlive = true;
          break;
        case 'transfer-encoding':
          transferEncoding = true;
          if (TE_CHUNKED.test(value)) this.chunked = true;
          break;
        case 'content-length': contentLength = true; break;
        case 'date': date = true; break;
        case 'keep-alive': announceKeepAlive = false; break;
      }
    }
    if (!date) head += `Date: ${utcDate()}\r\n`;
    if (this.chunked && (statusCode === 204 || statusCode === 304)) {
      this.chunked = false;
      this.keepAlive = false;
    }
    if (!connection) {
      if (this.keepAlive && (contentLength || this.framing.chunkedByDefault)) {
        head += 'Connection: keep-alive\r\n';
        const timeout = this.conn.keepAliveTimeoutMs;
        if (timeout && announceKeepAlive) head += `Keep-Alive: timeout=${Math.floor(timeout / 1000)}\r\n`;
      } else {
        this.last = true;
        head += 'Connection: close\r\n';
      }
    }
    if (!contentLength && !transferEncoding) {
      if (!this.hasBody) this.chunked = false;
      else if (!this.framing.chunkedByDefault) this.last = true;
      else {
        head += 'Transfer-Encoding: chunked\r\n';
        this.chunked = true;
      }
    }
    this.pendingHead = `${head}\r\n`;
    this.headersSent = true;
    return this;
  }

  /** Relays body bytes (ignored for a response without a body); false when the socket's buffer is full. */
  public write(chunk: Buffer): boolean {
    if (this.ended) return false;
    if (!this.hasBody || chunk.length === 0) return true;
    return this.send(chunk, false);
  }

  /** Ends the response: the head if still pending, the last chunk when chunked; then `finish` once flushed. */
  public end(chunk?: Buffer): this {
    if (this.ended) return this;
    if (chunk && chunk.length > 0 && this.hasBody) this.send(chunk, true);
    else this.send(undefined, true);
    this.ended = true;
    // Without a `finish` listener nobody learns when the bytes left: ended counts as finished.
    if (!this.onFinish) this.writableFinished = true;
    this.conn.responseEnded(this);
    return this;
  }

  /** Closes the client connection at once. */
  public destroy(): this {
    this.conn.socket.destroy();
    return this;
  }

  /** `close` stays registered; `drain` and `finish` listeners are called once. */
  public on(event: 'close' | 'drain' | 'finish', listener: (this: LeanResponse) => void): this {
    if (event === 'close') this.setListener('onClose', listener);
    else if (event === 'drain') this.setListener('onDrain', listener);
    else this.setListener('onFinish', listener);
    return this;
  }

  /** Same as `on`: `drain` and `finish` fire once per registration anyway; `close` at most once. */
  public once(event: 'close' | 'drain' | 'finish', listener: (this: LeanResponse) => void): this {
    return this.on(event, listener);
  }

  /** The connection closed: tells the exchange (once). */
  public connectionClosed(): void {
    const listener = this.onClose;
    this.onClose = undefined;
    listener?.call(this);
  }

  /** The socket drained. */
  public drained(): void {
    const listener = this.onDrain;
    this.onDrain = undefined;
    listener?.call(this);
  }

  private setListener(slot: 'onClose' | 'onDrain' | 'onFinish', listener: (this: LeanResponse) => void): void {
    if (this[slot] && this[slot] !== listener) throw new Error(`LeanResponse takes one '${slot}' listener`);
    this[slot] = listener;
  }

  /** Writes head (if pending), the framed chunk (if any) and, when `last`, the message's end, in as few writes as possible. */
  private send(chunk: Buffer | undefined, last: boolean): boolean {
    const socket = this.conn.socket;
    if (socket.destroyed) return false;
    let prefix = this.pendingHead ?? '';
    this.pendingHead = undefined;
    let suffix = '';
    if (this.chunked && chunk) {
      prefix += `${chunk.length.toString(16)}\r\n`;
      suffix = '\r\n';
    }
    if (this.chunked && last && this.hasBody) suffix += LAST_CHUNK;
    // A write callback only when someone waits for `finish` (the access log).
    const done = last && this.onFinish ? (err?: Error | null) => this.flushed(err) : undefined;
    if (!chunk) {
      const text = prefix + suffix;
      if (done) return socket.write(text, 'latin1', done);
      // The end of a message whose bytes all went out already: no empty write.
      return text === '' ? true : writeNativeOrStream(socket, text);
    }
    if (prefix === '' && suffix === '') return done ? socket.write(chunk, done) : writeNativeOrStream(socket, chunk);
    if (chunk.length <= COPY_LIMIT) {
      const out = Buffer.allocUnsafe(prefix.length + chunk.length + suffix.length);
      out.write(prefix, 0, 'latin1');
      chunk.copy(out, prefix.length);
      if (suffix) out.write(suffix, prefix.length + chunk.length, 'latin1');
      return done ? socket.write(out, done) : writeNativeOrStream(socket, out);
    }
    socket.cork();
    if (prefix) socket.write(prefix, 'latin1');
    let ok = socket.write(chunk, suffix ? undefined : done);
    if (suffix) ok = socket.write(suffix, 'latin1', done);
    socket.uncork();
    return ok;
  }

  private flushed(err?: Error | null): void {
    if (err) return;
    this.writableFinished = true;
    const listener = this.onFinish;
    this.onFinish = undefined;
    listener?.call(this);
  }
}
