import type * as http from 'http';
import { Findings } from '../../../lib/policy/findings';
import { EngineErrors } from '../errors';

/** Largest admin request body, in bytes (a document with 88-attribute policies is ~20 KB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Deepest nesting of arrays and objects an admin body may have (a load-balancer write has about 7). */
export const MAX_JSON_DEPTH = 32;

/**
 * How much of a refused request's body the engine still reads and throws away, so that the client,
 * which may still be sending, reads the answer instead of a connection reset. Past this (or
 * `DISCARD_TIMEOUT_MS`) the connection is closed.
 */
export const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/** How long the engine waits for the rest of a refused request's body before closing the connection. */
export const DISCARD_TIMEOUT_MS = 10_000;

const discarding = new WeakSet<http.IncomingMessage>();

/**
 * Reading admin request bodies: the media type, the size and nesting bounds, JSON parsing, and
 * throwing away what is left of a body the engine answered before reading it all.
 */
export class RequestBodies {
  /** True when the request announces a body (a non-zero Content-Length, or chunked transfer). */
  public static announced(req: http.IncomingMessage): boolean {
    return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  }

  /** The declared Content-Length, or undefined (chunked or absent). */
  public static declaredLength(req: http.IncomingMessage): number | undefined {
    const raw = req.headers['content-length'];
    return raw === undefined ? undefined : Number(raw);
  }

  /**
   * Throws 415 `SECLB_ENGINE_UNSUPPORTED_MEDIA_TYPE` unless the Content-Type is `application/json`
   * (any case, parameters allowed; a `charset` must be utf-8).
   */
  public static requireJson(req: http.IncomingMessage): void {
    const raw = req.headers['content-type'];
    if (raw === undefined) throw EngineErrors.unsupportedMediaType('missing');
    const [type, ...params] = raw.split(';').map((p) => p.trim().toLowerCase());
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
    if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
      throw EngineErrors.unsupportedMediaType(Findings.quote(raw));
    }
  }

  /**
   * Reads the body and parses it as JSON (undefined when empty). Refuses, before parsing: a body
   * over `MAX_BODY_BYTES` (413, at once when Content-Length says so, else as soon as the count
   * passes it; the rest is discarded) and nesting deeper than `MAX_JSON_DEPTH` (400).
   */
  public static readJson(req: http.IncomingMessage): Promise<unknown> {
    const declared = RequestBodies.declaredLength(req);
    if (declared !== undefined && declared > MAX_BODY_BYTES) {
      return Promise.reject(EngineErrors.bodyTooLarge(`${declared} bytes (Content-Length)`, MAX_BODY_BYTES));
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (c: Buffer): void => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) {
          chunks.push(c);
          return;
        }
        req.removeListener('data', onData);
        req.removeListener('end', onEnd);
        chunks.length = 0;
        RequestBodies.discardRest(req, size);
        reject(EngineErrors.bodyTooLarge(`more than ${MAX_BODY_BYTES} bytes`, MAX_BODY_BYTES));
      };
      const onEnd = (): void => {
        const bytes = Buffer.concat(chunks);
        if (RequestBodies.depth(bytes) > MAX_JSON_DEPTH) return reject(EngineErrors.bodyTooDeep(MAX_JSON_DEPTH));
        const text = bytes.toString('utf8');
        if (!text.trim()) return resolve(undefined);
        try {
          resolve(JSON.parse(text));
        } catch (e) {
          reject(EngineErrors.badRequest('the request body', 'not valid JSON', (e as Error).message, 'send a JSON object'));
        }
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', reject);
    });
  }

  /**
   * Reads and throws away the rest of a request body the engine is answering without (401, 404,
   * 413, 415, ...), so the connection stays in step and the client reads the answer. Bounded:
   * past `DISCARD_LIMIT_BYTES` in all, or `DISCARD_TIMEOUT_MS`, the connection is closed. Idempotent.
   */
  public static discardRest(req: http.IncomingMessage, alreadyRead = 0): void {
    if (req.complete || discarding.has(req)) return;
    discarding.add(req);
    let seen = alreadyRead;
    const timer = setTimeout(() => req.socket.destroy(), DISCARD_TIMEOUT_MS);
    timer.unref();
    req.on('data', (c: Buffer) => {
      seen += c.length;
      if (seen > DISCARD_LIMIT_BYTES) req.socket.destroy();
    });
    req.once('close', () => clearTimeout(timer));
    req.once('end', () => clearTimeout(timer));
    req.on('error', () => undefined);
    req.resume();
  }

  /**
   * The deepest nesting of `[` and `{` in JSON text, outside strings; one linear pass without
   * recursion, so it is safe on any input. (UTF-8 continuation bytes never equal these ASCII bytes.)
   */
  public static depth(bytes: Uint8Array): number {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (inString) {
        if (b === 0x5c) i++; // backslash: skip the escaped character
        else if (b === 0x22) inString = false;
      } else if (b === 0x22) {
        inString = true;
      } else if (b === 0x5b || b === 0x7b) {
        if (++depth > deepest) deepest = depth;
      } else if (b === 0x5d || b === 0x7d) {
        depth--;
      }
    }
    return deepest;
  }

  private constructor() {}
}
