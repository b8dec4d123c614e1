import * as http from 'http';

/** The callbacks and constants of Node's llhttp binding, as `_http_common` exposes it (no public typings). */
export interface LlhttpParser {
  initialize(type: number, resource: object, maxHeaderSize: number, lenientFlags: number): void;
  execute(data: Buffer): number | Error;
  finish(): number | Error | undefined;
  close(): void;
  /** Reads straight from a stream handle (a socket's `_handle`); results arrive through `kOnExecute`. */
  consume(handle: object): void;
  unconsume(): void;
  [callback: number]: unknown;
}

interface LlhttpParserClass {
  new (): LlhttpParser;
  readonly REQUEST: number;
  readonly RESPONSE: number;
  readonly kOnMessageBegin: number;
  readonly kOnHeaders: number;
  readonly kOnHeadersComplete: number;
  readonly kOnBody: number;
  readonly kOnMessageComplete: number;
  readonly kOnExecute: number;
  readonly kLenientNone: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const common = require('_http_common') as { HTTPParser: LlhttpParserClass; methods: string[] };

/**
 * Node's own HTTP/1.1 parser (llhttp, the one `http.Server` runs), reached through `_http_common`
 * (no deprecation warning on Node 22/24). The `lean` front end parses requests with it so that
 * exactly the requests Node's server refuses are refused; the lean back-end client parses
 * responses with it (RESPONSE mode). On the ground floor, so both may import it.
 */
export const HTTPParser = common.HTTPParser;
/** Method names by the parser's method index. */
export const HTTP_METHODS: readonly string[] = common.methods;
/** The header-size limit of Node's server (`--max-http-header-size`, 16 KiB by default). */
export const MAX_HEADER_SIZE = http.maxHeaderSize;
