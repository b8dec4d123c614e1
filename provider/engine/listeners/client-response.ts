/**
 * The client side of one proxied HTTP response, as the back-end exchange writes it: Node's
 * `http.ServerResponse` (the `node` front end) and `LeanResponse` (the `lean` front end) both fit.
 * Events: `close` (the client connection closed), `drain` (the client took what was buffered),
 * `finish` (the whole response was handed to the OS).
 */
export interface ClientResponse {
  /** The status sent (200 until `writeHead`). */
  readonly statusCode: number;
  /** `writeHead` was called. */
  readonly headersSent: boolean;
  /** The client connection is gone. */
  readonly destroyed: boolean;
  /** The whole response was handed on (to the OS; for a lean response without a `finish` listener, to the socket). */
  readonly writableFinished: boolean;
  /**
   * Starts the response: status line (`reason`, or the standard phrase when undefined) and the
   * headers as a flat `[name, value, ...]` list, sent as given; Date, Connection/Keep-Alive and the
   * framing (Content-Length or chunked) are added as Node's HTTP server adds them.
   * `checked`: how many leading entries of `headers` llhttp already parsed in strict mode (names
   * are tokens, values hold no control character: exactly what Node's header checks test), so a
   * response may skip checking them again; default 0 (every entry is checked).
   */
  writeHead(statusCode: number, reason: string | undefined, headers: string[], checked?: number): unknown;
  /** Relays body bytes; false when the client's buffer is full (wait for `drain`). */
  write(chunk: Buffer): boolean;
  /** Ends the response (with a last chunk when given). */
  end(chunk?: Buffer): unknown;
  /** Closes the client connection at once. */
  destroy(): unknown;
  on(event: 'close' | 'drain' | 'finish', listener: () => void): unknown;
  once(event: 'close' | 'drain' | 'finish', listener: () => void): unknown;
}
