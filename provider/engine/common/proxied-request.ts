import * as net from 'net';
import { Readable } from 'stream';

/**
 * One client request as the HTTP proxy reads it: Node's `http.IncomingMessage` (the `node` front
 * end) and `LeanRequest` (the `lean` front end) both fit. Only what the proxy, stickiness and the
 * access log use.
 */
export interface ProxiedRequest {
  readonly method?: string;
  /** The request target; rewritten to origin-form for an absolute-form target. */
  url?: string;
  /** `1.1`, `1.0`, ... */
  readonly httpVersion: string;
  /** Names and values as received, in order: `[name, value, ...]`. */
  readonly rawHeaders: string[];
  /** The few headers read by name (first Host and User-Agent; Cookie values joined with `; `). */
  readonly headers: { host?: string; 'user-agent'?: string; cookie?: string };
  /** The client connection (the TLS socket for HTTPS). */
  readonly socket: net.Socket;
  /**
   * The body to hand to the back-end client when the request has one: a Buffer when it all arrived with the head
   * (and had a Content-Length), else a stream. Absent on `http.IncomingMessage`, which is itself the stream.
   */
  requestBody?(): Buffer | Readable;
}
