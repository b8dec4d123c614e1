import { createHash, createHmac } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';

/** A key pair as the engine stores it. */
export interface TestKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** One Query-API answer: status, raw XML, and small readers over it. */
export interface QueryAnswer {
  status: number;
  xml: string;
  /** `<Error><Code>` or undefined. */
  code?: string;
  /** `<Error><Message>` or undefined. */
  message?: string;
}

/** Options to send a request that is wrongly signed on purpose. */
export interface SendOptions {
  /** Do not sign at all. */
  unsigned?: boolean;
  /** Sign with these keys instead. */
  keys?: TestKeys;
  /** The SigV4 service in the scope. */
  service?: string;
  /** The request time (for clock-skew tests). */
  date?: Date;
  /** Change the body after signing (a tampered request). */
  tamper?: (body: string) => string;
}

const sha256 = (d: string | Buffer) => createHash('sha256').update(d).digest('hex');
const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();

/** RFC 3986 encoding for form values (what the AWS SDKs send). */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A test client of the engine's ELB/IAM Query API: form-encoded POSTs signed with Signature
 * Version 4, written here from AWS's SigV4 specification with node:crypto (independently of the
 * engine's verifier), plus regex readers for the XML answers.
 */
export class QueryClient {
  /** A client for the engine whose state directory is `stateDir` (reads elb-api.json and the key file). */
  public static forStateDir(stateDir: string): QueryClient {
    const endpoint = JSON.parse(fs.readFileSync(path.join(stateDir, 'elb-api.json'), 'utf8')) as { url: string };
    const keys = JSON.parse(fs.readFileSync(path.join(stateDir, 'elb-api-credentials.json'), 'utf8')) as TestKeys;
    return new QueryClient(endpoint.url, keys);
  }

  constructor(public readonly url: string, public readonly keys: TestKeys, public readonly region = 'us-east-1') {}

  /** An ELB action (`Version=2012-06-01`). */
  public elb(action: string, params: Record<string, string | number | boolean> = {}, options: SendOptions = {}): Promise<QueryAnswer> {
    return this.send({ Action: action, Version: '2012-06-01', ...params }, { service: 'elasticloadbalancing', ...options });
  }

  /** An IAM action (`Version=2010-05-08`). */
  public iam(action: string, params: Record<string, string | number | boolean> = {}, options: SendOptions = {}): Promise<QueryAnswer> {
    return this.send({ Action: action, Version: '2010-05-08', ...params }, { service: 'iam', ...options });
  }

  /** Sends raw parameters as a signed form POST to `/`. */
  public send(params: Record<string, string | number | boolean>, options: SendOptions = {}): Promise<QueryAnswer> {
    const body = Object.entries(params).map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&');
    const u = new URL(this.url);
    const host = u.host;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host };
    if (!options.unsigned) {
      const keys = options.keys ?? this.keys;
      const now = options.date ?? new Date();
      const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      const day = amzDate.slice(0, 8);
      const service = options.service ?? 'elasticloadbalancing';
      headers['x-amz-date'] = amzDate;
      const signed = Object.keys(headers).sort();
      const canonical = ['POST', '/', '', signed.map((h) => `${h}:${headers[h].trim()}\n`).join(''), signed.join(';'), sha256(body)].join('\n');
      const scope = `${day}/${this.region}/${service}/aws4_request`;
      const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
      const key = hmac(hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, day), this.region), service), 'aws4_request');
      headers.authorization = `AWS4-HMAC-SHA256 Credential=${keys.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${createHmac('sha256', key).update(toSign).digest('hex')}`;
    }
    const sent = options.tamper ? options.tamper(body) : body;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: u.hostname, port: u.port, path: '/', method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(sent) }, timeout: 30_000 }, (res) => {
        let xml = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { xml += d; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, xml, code: text(xml, 'Code'), message: text(xml, 'Message') }));
      });
      req.on('timeout', () => req.destroy(new Error('query request timed out')));
      req.on('error', reject);
      req.end(sent);
    });
  }
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The text of the first `<tag>` element (leaf), or undefined. */
export function text(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? unescape(m[1]) : undefined;
}

/** The texts of every `<tag>` leaf element. */
export function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => unescape(m[1]));
}

/** The inner XML of the first `<tag>...</tag>` (nested). */
export function inner(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m?.[1];
}

/** Query-protocol list parameters: `Name.member.N` (or `Name.member.N.Field`) for each item. */
export function members(name: string, items: Array<string | Record<string, string | number>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  items.forEach((item, i) => {
    if (typeof item === 'string') out[`${name}.member.${i + 1}`] = item;
    else for (const [k, v] of Object.entries(item)) out[`${name}.member.${i + 1}.${k}`] = v;
  });
  return out;
}
