/**
 * Which client carries requests from HTTP and HTTPS listeners to back ends.
 * - `lean`: `LeanBackendClient`, one socket per connection, the request head written as one
 *   buffer, the response parsed by Node's own llhttp binding (the default: less CPU per request).
 * - `undici`: undici's `Client` (the engine's earlier back-end side, kept selectable so the two can
 *   be compared request by request).
 * Both send the same bytes and answer the client alike
 * (`test/provider/engine/listeners/http-backend-differential.test.ts`).
 */
export type HttpBackend = 'lean' | 'undici';

/** Every back-end client, for option checks. */
export const HTTP_BACKENDS: readonly HttpBackend[] = ['lean', 'undici'];

/** The back-end client an engine uses unless told otherwise. */
export const DEFAULT_HTTP_BACKEND: HttpBackend = 'lean';
