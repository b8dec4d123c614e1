import * as net from 'net';
import { Readable } from 'stream';
import { ProxiedRequest } from '../common/proxied-request';

/** Node's server reads the header object from at most this many name/value entries (`maxHeadersCount` 1000 pairs). */
const MAX_HEADER_ENTRIES = 2000;

/** What a request asks of its connection for its body. */
export interface BodyFlow {
  /** The body consumer wants more: read from the client again. */
  bodyWanted(): void;
  /** The body consumer is full: stop reading from the client. */
  bodyFull(): void;
}

/**
 * One request parsed by the `lean` front end: the head as the parser gave it, and its body,
 * buffered while nobody reads it and streamed once undici does. No stream object is made for a
 * request without a body, nor for one whose whole Content-Length body came with its head.
 */
export class LeanRequest implements ProxiedRequest {
  public readonly headers: { host?: string; 'user-agent'?: string; cookie?: string; expect?: string; te?: string } = {};
  /** The message (head and body) was parsed to its end. */
  public complete = false;
  /** The request carries Transfer-Encoding (its body length is not known up front). */
  public chunked = false;
  private buffered?: Buffer[];
  private stream?: Readable;
  private discarding = false;

  constructor(public readonly method: string, public url: string, public readonly httpVersion: string,
    public readonly rawHeaders: string[], public readonly socket: net.Socket, private readonly flow: BodyFlow) {
    const n = Math.min(rawHeaders.length, MAX_HEADER_ENTRIES);
    const h = this.headers;
    for (let i = 0; i < n; i += 2) {
      const raw = rawHeaders[i];
      const len = raw.length;
      if (len !== 4 && len !== 10 && len !== 6 && len !== 2 && len !== 17) continue;
      const name = raw.toLowerCase();
      const value = rawHeaders[i + 1];
      if (name === 'host') h.host ??= value;
      else if (name === 'user-agent') h['user-agent'] ??= value;
      else if (name === 'cookie') h.cookie = h.cookie === undefined ? value : `${h.cookie}; ${value}`;
      else if (name === 'expect') h.expect = h.expect === undefined ? value : `${h.expect}, ${value}`;
      else if (name === 'te') h.te = h.te === undefined ? value : `${h.te}, ${value}`;
      else if (name === 'transfer-encoding') this.chunked = true;
    }
  }

  /** Body bytes from the parser. */
  public body(chunk: Buffer): void {
    if (this.discarding) return;
    if (this.stream) {
      if (!this.stream.push(chunk)) this.flow.bodyFull();
      return;
    }
    (this.buffered ??= []).push(chunk);
  }

  /** The parser reached the end of the message. */
  public ended(): void {
    this.complete = true;
    if (this.stream && !this.discarding) this.stream.push(null);
  }

  /** The body undici sends: the buffered bytes when they are all there (Content-Length), else a stream. */
  public requestBody(): Buffer | Readable {
    if (this.complete && !this.chunked && !this.stream) {
      const parts = this.buffered ?? [];
      this.buffered = undefined;
      return parts.length === 1 ? parts[0] : Buffer.concat(parts);
    }
    if (this.stream) return this.stream;
    const stream = this.stream = new Readable({ read: () => this.flow.bodyWanted() });
    for (const b of this.buffered ?? []) stream.push(b);
    this.buffered = undefined;
    if (this.complete) stream.push(null);
    return stream;
  }

  /** The response is over: whatever is left of the body is read and dropped (the connection stays usable). */
  public discardBody(): void {
    this.discarding = true;
    this.buffered = undefined;
    if (this.stream && !this.stream.destroyed) this.stream.destroy();
  }
}
