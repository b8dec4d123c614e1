/**
 * Which code reads HTTP/1.1 from clients on HTTP and HTTPS listeners.
 * - `lean`: `LeanHttpConnection`, Node's llhttp parser driven directly, heads written as one
 *   buffer, no request or response stream objects (the default: about half the CPU per request).
 * - `node`: Node's `http.Server` (the engine's first client side, kept selectable so the two can
 *   be compared request by request).
 * Both refuse the same malformed requests and answer alike (`test/provider/engine/listeners/http-front-differential.test.ts`).
 */
export type HttpFront = 'lean' | 'node';

/** Every HTTP front end, for option checks. */
export const HTTP_FRONTS: readonly HttpFront[] = ['lean', 'node'];

/** The front end an engine uses unless told otherwise. */
export const DEFAULT_HTTP_FRONT: HttpFront = 'lean';
