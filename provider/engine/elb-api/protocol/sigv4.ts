import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { ApiError } from './api-error';

/** The services this endpoint answers, as named in a SigV4 credential scope. */
export type SignedService = 'elasticloadbalancing' | 'iam' | 'ec2';

/** A request as the verifier sees it: method, raw path and query, raw headers, body bytes. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent, e.g. `/`. */
  readonly path: string;
  /** The query string as sent, without `?` (often empty). */
  readonly query: string;
  /** `rawHeaders` of the Node request: name, value, name, value... */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** What a verified request proved. */
export interface VerifiedSignature {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: SignedService;
}

/** The clock skew AWS allows between a request's X-Amz-Date and the server's clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICES: readonly SignedService[] = ['elasticloadbalancing', 'iam', 'ec2'];

/**
 * Signature Version 4 verification (header form, `Authorization: AWS4-HMAC-SHA256 ...`) of a request
 * against one access key pair, with AWS's refusals: `MissingAuthenticationToken` (unsigned),
 * `IncompleteSignature` (a malformed Authorization header), `InvalidClientTokenId` (another access
 * key), `SignatureDoesNotMatch` (wrong signature, wrong scope, expired date). Pre-signed URLs are not
 * accepted (the AWS SDKs sign these APIs in the header).
 */
export class SigV4Verifier {
  constructor(private readonly accessKeyId: string, private readonly secretAccessKey: string, private readonly now: () => number = Date.now) {}

  /** Verifies `req`; throws an `ApiError` with AWS's code when it is not signed by the key pair. */
  public verify(req: SignedRequest): VerifiedSignature {
    const headers = SigV4Verifier.headerMap(req.rawHeaders);
    const authorization = headers.get('authorization');
    if (authorization === undefined || authorization === '') {
      throw new ApiError('MissingAuthenticationToken', 'Request is missing Authentication Token. Sign every request with Signature Version 4 and the key pair `seclb elb-api credentials` prints.', 403);
    }
    const parsed = SigV4Verifier.parseAuthorization(authorization);
    const [keyId, date, region, service, terminator] = parsed.credential.split('/');
    if (!keyId || !date || !region || !service || terminator !== 'aws4_request') {
      throw new ApiError('IncompleteSignature', `Credential '${parsed.credential.slice(0, 200)}' is not <access key>/<yyyymmdd>/<region>/<service>/aws4_request.`, 400);
    }
    if (!SigV4Verifier.sameText(keyId, this.accessKeyId)) {
      throw new ApiError('InvalidClientTokenId', 'The security token included in the request is invalid. (This engine knows one access key: `seclb elb-api credentials` prints it.)', 403);
    }
    if (!(SERVICES as readonly string[]).includes(service)) {
      throw new ApiError('SignatureDoesNotMatch', `Credential should be scoped to a valid service: 'elasticloadbalancing', 'iam' or 'ec2', not '${service.slice(0, 64)}'.`, 403);
    }
    const amzDate = headers.get('x-amz-date') ?? '';
    if (!/^\d{8}T\d{6}Z$/.test(amzDate)) {
      throw new ApiError('IncompleteSignature', `The request's X-Amz-Date is '${amzDate.slice(0, 40)}'; SigV4 needs X-Amz-Date in the form yyyymmddThhmmssZ.`, 400);
    }
    if (!amzDate.startsWith(date)) {
      throw new ApiError('SignatureDoesNotMatch', `Credential should be scoped to a valid date: the scope date '${date.slice(0, 16)}' is not the date of X-Amz-Date '${amzDate}'.`, 403);
    }
    const when = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
    if (Math.abs(this.now() - when) > MAX_CLOCK_SKEW_MS) {
      throw new ApiError('SignatureDoesNotMatch', `Signature expired: ${amzDate} is more than 15 minutes away from the engine's time ${new Date(this.now()).toISOString()}. Fix the client's clock.`, 403);
    }
    if (!parsed.signedHeaders.includes('host')) {
      throw new ApiError('SignatureDoesNotMatch', 'The Host header must be signed (SignedHeaders lists no host).', 403);
    }
    const canonical = SigV4Verifier.canonicalRequest(req, headers, parsed.signedHeaders);
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
    const expected = createHmac('sha256', SigV4Verifier.signingKey(this.secretAccessKey, date, region, service)).update(stringToSign).digest('hex');
    if (!SigV4Verifier.sameText(expected, parsed.signature)) {
      throw new ApiError('SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.', 403);
    }
    return { accessKeyId: keyId, region, service: service as SignedService };
  }

  /** The SigV4 signing key: HMAC chain over date, region, service and `aws4_request`. */
  public static signingKey(secret: string, date: string, region: string, service: string): Buffer {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    return createHmac('sha256', kService).update('aws4_request').digest();
  }

  /** The canonical request of SigV4 (non-S3 services: path segments encoded twice, as the SDKs do). */
  public static canonicalRequest(req: SignedRequest, headers: Map<string, string>, signedHeaders: string[]): string {
    const path = (req.path || '/').split('/').map((seg) => encodeRfc3986(encodeRfc3986(safeDecode(seg)))).join('/');
    const query = req.query ? req.query.split('&').filter((p) => p !== '').map((pair) => {
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      return [encodeRfc3986(safeDecode(k.replace(/\+/g, '%20'))), encodeRfc3986(safeDecode(v.replace(/\+/g, '%20')))];
    }).sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&') : '';
    const canonicalHeaders = signedHeaders.map((h) => `${h}:${headers.get(h) ?? ''}\n`).join('');
    return [req.method, path, query, canonicalHeaders, signedHeaders.join(';'), sha256Hex(req.body)].join('\n');
  }

  private static parseAuthorization(value: string): { credential: string; signedHeaders: string[]; signature: string } {
    if (!value.startsWith(`${ALGORITHM} `)) {
      throw new ApiError('IncompleteSignature', `The Authorization header does not start with '${ALGORITHM} '; this endpoint takes Signature Version 4 only.`, 400);
    }
    const fields = new Map<string, string>();
    for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    for (const [name, v] of [['Credential', credential], ['SignedHeaders', signedHeaders], ['Signature', signature]] as const) {
      if (!v) throw new ApiError('IncompleteSignature', `Authorization header requires '${name}' parameter. Authorization=${value.slice(0, ALGORITHM.length + 40)}...`, 400);
    }
    return { credential: credential!, signedHeaders: signedHeaders!.split(';').map((h) => h.toLowerCase()), signature: signature! };
  }

  /** Lower-case header name -> values joined by ',' with runs of spaces collapsed (SigV4's canonical value). */
  private static headerMap(raw: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i].toLowerCase();
      const value = raw[i + 1].trim().replace(/\s+/g, ' ');
      out.set(name, out.has(name) ? `${out.get(name)},${value}` : value);
    }
    return out;
  }

  private static sameText(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

/** Hex SHA-256. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 percent-encoding (unreserved characters kept), as SigV4 needs. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
