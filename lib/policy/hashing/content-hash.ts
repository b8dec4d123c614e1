import { createHash } from 'crypto';
import { canonicalJson } from './canonical-json';

/**
 * Stable content hashes: SHA-256 over a canonical JSON rendering (object keys sorted, undefined
 * dropped, array order kept). Used for immutable policy names and for plan diffs.
 */
export class ContentHash {
  /** Length of the short hash used in resource names. */
  public static readonly SHORT_LENGTH = 8;

  /** The canonical JSON text of a value (keys sorted, no whitespace). */
  public static canonicalJson(value: any): string {
    return canonicalJson(value);
  }

  /** The full SHA-256 (64 hex digits) of a value's canonical JSON. */
  public static of(value: any): string {
    return createHash('sha256').update(canonicalJson(value)).digest('hex');
  }

  /** The first 8 hex digits of `ContentHash.of(value)`. */
  public static short(value: any): string {
    return ContentHash.of(value).slice(0, ContentHash.SHORT_LENGTH);
  }

  private constructor() {}
}
