/** What the start of a client's byte stream says about the TLS versions it offers. */
export type ClientHelloRead =
  /** More bytes are needed: at least `atLeast` in all before the answer can change. */
  | { readonly kind: 'incomplete'; readonly atLeast: number }
  /**
   * A complete ClientHello. `offeredVersions` are Node.js names (`SSLv3`, `TLSv1` ... `TLSv1.3`),
   * newest first: the `supported_versions` extension's list when present (RFC 8446 §4.2.1), else
   * every version up to the hello's `legacy_version`.
   */
  | { readonly kind: 'hello'; readonly offeredVersions: string[] }
  /** Not a ClientHello (or one larger than OpenSSL accepts): OpenSSL gets the bytes and refuses them itself. */
  | { readonly kind: 'unreadable'; readonly reason: string };

/** OpenSSL's limit on a ClientHello message (`CLIENT_HELLO_MAX_LENGTH`, statem_local.h). */
const CLIENT_HELLO_MAX_LENGTH = 131_396;
const RECORD_HEADER = 5;
const HANDSHAKE_HEADER = 4;
const CONTENT_TYPE_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;
const EXTENSION_SUPPORTED_VERSIONS = 43;
/**
 * Most records a ClientHello may be split over here. OpenSSL's largest hello fits in 9 full records;
 * a hello cut finer is handed to OpenSSL unread, which bounds the work a client can cause.
 */
const MAX_RECORDS = 32;
/** Largest record payload a peer may send (2^14 plaintext plus the allowed expansion, RFC 5246 §6.2.3). */
const MAX_RECORD_PAYLOAD = 16_384 + 2_048;

/** TLS wire versions (`ProtocolVersion`), oldest first. */
const WIRE_VERSIONS: ReadonlyArray<[number, string]> = [
  [0x0300, 'SSLv3'], [0x0301, 'TLSv1'], [0x0302, 'TLSv1.1'], [0x0303, 'TLSv1.2'], [0x0304, 'TLSv1.3'],
];

const versionName = (wire: number) => WIRE_VERSIONS.find(([w]) => w === wire)?.[1];
/** Every known version up to `legacy`, newest first (a pre-TLS 1.3 hello offers all of them). */
const upTo = (legacy: number) => WIRE_VERSIONS.filter(([w]) => w <= legacy).map(([, n]) => n).reverse();

/**
 * Reads the versions a client offers from the first bytes of its connection, without consuming
 * them: the front end peeks the ClientHello to choose which TLS context serves the connection
 * (see `ListenerTlsContexts`). Handles a hello split over several TLS records and the SSL 2.0
 * compatible hello format. Pure: bytes in, answer out.
 */
export class ClientHello {
  /** What `bytes` (the connection's first bytes, as received so far) say. */
  public static read(bytes: Buffer): ClientHelloRead {
    if (bytes.length === 0) return { kind: 'incomplete', atLeast: 1 };
    if (bytes[0] & 0x80) return ClientHello.readSsl2(bytes);
    if (bytes[0] !== CONTENT_TYPE_HANDSHAKE) return { kind: 'unreadable', reason: `first record is of type ${bytes[0]}, not a handshake` };

    // Gather the handshake bytes of the leading handshake records until the message is whole.
    const parts: Buffer[] = [];
    let gathered = 0;
    let needed = HANDSHAKE_HEADER;
    let at = 0;
    for (let records = 0; gathered < needed; records++) {
      if (records === MAX_RECORDS) return { kind: 'unreadable', reason: `the ClientHello is split over more than ${MAX_RECORDS} records` };
      if (bytes.length < at + RECORD_HEADER) return { kind: 'incomplete', atLeast: at + RECORD_HEADER };
      if (bytes[at] !== CONTENT_TYPE_HANDSHAKE) return { kind: 'unreadable', reason: 'the ClientHello is interrupted by a record of another type' };
      if (bytes[at + 1] !== 3) return { kind: 'unreadable', reason: `record version ${bytes[at + 1]}.${bytes[at + 2]} is not SSL 3.0/TLS` };
      const length = bytes.readUInt16BE(at + 3);
      if (length === 0 || length > MAX_RECORD_PAYLOAD) return { kind: 'unreadable', reason: `record length ${length} is out of range` };
      const recordEnd = at + RECORD_HEADER + length;
      const end = Math.min(bytes.length, recordEnd);
      parts.push(bytes.subarray(at + RECORD_HEADER, end));
      gathered += end - at - RECORD_HEADER;
      if (needed === HANDSHAKE_HEADER && gathered >= HANDSHAKE_HEADER) {
        const head = Buffer.concat(parts);
        if (head[0] !== HANDSHAKE_CLIENT_HELLO) return { kind: 'unreadable', reason: `first handshake message is of type ${head[0]}, not ClientHello` };
        const messageLength = head.readUIntBE(1, 3);
        if (messageLength > CLIENT_HELLO_MAX_LENGTH) return { kind: 'unreadable', reason: `ClientHello of ${messageLength} bytes exceeds ${CLIENT_HELLO_MAX_LENGTH}` };
        needed = HANDSHAKE_HEADER + messageLength;
      }
      if (gathered < needed && end < recordEnd) return { kind: 'incomplete', atLeast: Math.min(recordEnd, bytes.length + needed - gathered) };
      at = recordEnd;
    }
    const message = Buffer.concat(parts).subarray(HANDSHAKE_HEADER, needed);
    return ClientHello.readBody(message);
  }

  /** The body of a ClientHello (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2). */
  private static readBody(body: Buffer): ClientHelloRead {
    const bad = (what: string): ClientHelloRead => ({ kind: 'unreadable', reason: `malformed ClientHello: ${what}` });
    if (body.length < 2 + 32 + 1) return bad('too short');
    const legacy = body.readUInt16BE(0);
    let p = 2 + 32;
    p += 1 + body[p]; // session id
    if (p + 2 > body.length) return bad('session id');
    p += 2 + body.readUInt16BE(p); // cipher suites
    if (p + 1 > body.length) return bad('cipher suites');
    p += 1 + body[p]; // compression methods
    if (p > body.length) return bad('compression methods');
    if (p === body.length) return { kind: 'hello', offeredVersions: upTo(legacy) }; // no extensions
    if (p + 2 > body.length) return bad('extensions length');
    const end = p + 2 + body.readUInt16BE(p);
    if (end > body.length) return bad('extensions overrun the message');
    p += 2;
    while (p + 4 <= end) {
      const type = body.readUInt16BE(p);
      const length = body.readUInt16BE(p + 2);
      if (p + 4 + length > end) return bad('an extension overruns the extensions');
      if (type === EXTENSION_SUPPORTED_VERSIONS) {
        const listLength = body[p + 4];
        if (length < 1 || listLength + 1 > length || listLength % 2 !== 0) return bad('supported_versions');
        const offered: string[] = [];
        for (let i = 0; i < listLength; i += 2) {
          const name = versionName(body.readUInt16BE(p + 5 + i)); // GREASE and unknown values name nothing
          if (name && !offered.includes(name)) offered.push(name);
        }
        return { kind: 'hello', offeredVersions: ClientHello.newestFirst(offered) };
      }
      p += 4 + length;
    }
    return { kind: 'hello', offeredVersions: upTo(legacy) };
  }

  /** The SSL 2.0 compatible CLIENT-HELLO a few old clients still send (RFC 5246 Appendix E.2). */
  private static readSsl2(bytes: Buffer): ClientHelloRead {
    if (bytes.length < 5) return { kind: 'incomplete', atLeast: 5 };
    if (bytes[2] !== HANDSHAKE_CLIENT_HELLO) return { kind: 'unreadable', reason: `SSL 2.0 record of message type ${bytes[2]}, not CLIENT-HELLO` };
    return { kind: 'hello', offeredVersions: upTo(bytes.readUInt16BE(3)) };
  }

  private static newestFirst(names: string[]): string[] {
    const rank = (n: string) => WIRE_VERSIONS.findIndex(([, v]) => v === n);
    return [...names].sort((a, b) => rank(b) - rank(a));
  }

  private constructor() {}
}
