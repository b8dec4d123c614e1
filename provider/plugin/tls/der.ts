/**
 * A minimal ASN.1 DER encoder: just what an X.509 v3 certificate needs (node:crypto parses and
 * signs certificates but cannot build one).
 */
export class Der {
  /** Tag-length-value. */
  public static tlv(tag: number, ...content: Buffer[]): Buffer {
    const body = Buffer.concat(content);
    const n = body.length;
    let length: number[];
    if (n < 0x80) length = [n];
    else if (n < 0x100) length = [0x81, n];
    else if (n < 0x10000) length = [0x82, n >> 8, n & 0xff];
    else length = [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...length]), body]);
  }

  /** SEQUENCE. */
  public static sequence(...content: Buffer[]): Buffer {
    return Der.tlv(0x30, ...content);
  }

  /** SET. */
  public static set(...content: Buffer[]): Buffer {
    return Der.tlv(0x31, ...content);
  }

  /** A non-negative INTEGER from big-endian bytes. */
  public static integer(bytes: Buffer): Buffer {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    const trimmed = bytes.subarray(i);
    return Der.tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
  }

  /** OBJECT IDENTIFIER from dotted text. */
  public static oid(dotted: string): Buffer {
    const parts = dotted.split('.').map(Number);
    const bytes = [parts[0] * 40 + parts[1]];
    for (const p of parts.slice(2)) {
      const chunk = [p & 0x7f];
      for (let v = p >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
      bytes.push(...chunk);
    }
    return Der.tlv(0x06, Buffer.from(bytes));
  }

  /** UTF8String. */
  public static utf8(text: string): Buffer {
    return Der.tlv(0x0c, Buffer.from(text, 'utf8'));
  }

  /** BOOLEAN. */
  public static boolean(value: boolean): Buffer {
    return Der.tlv(0x01, Buffer.from([value ? 0xff : 0]));
  }

  /** BIT STRING with `unusedBits` padding bits in the last byte. */
  public static bitString(bytes: Buffer, unusedBits = 0): Buffer {
    return Der.tlv(0x03, Buffer.from([unusedBits]), bytes);
  }

  /** OCTET STRING. */
  public static octetString(bytes: Buffer): Buffer {
    return Der.tlv(0x04, bytes);
  }

  /** UTCTime for years 1950-2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
  public static time(date: Date): Buffer {
    const iso = date.toISOString();
    const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
    const year = date.getUTCFullYear();
    return year >= 1950 && year < 2050 ? Der.tlv(0x17, Buffer.from(digits.slice(2), 'ascii')) : Der.tlv(0x18, Buffer.from(digits, 'ascii'));
  }

  /** A context-specific constructed tag `[n]` (EXPLICIT). */
  public static explicit(n: number, content: Buffer): Buffer {
    return Der.tlv(0xa0 + n, content);
  }

  private constructor() {}
}
