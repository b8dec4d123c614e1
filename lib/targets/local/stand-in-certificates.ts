import { createHash, generateKeyPairSync, KeyObject, sign, X509Certificate } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import { STAND_IN_ORGANIZATION, standInSourceOfSubject } from '../../contract/local-mapping';

/** A stand-in certificate as kept in the state directory (the file is mode 0600: it holds the key). */
export interface StandInCertificate {
  /** The certificate name listeners refer to. */
  readonly name: string;
  /** What it stands in for (an ARN, or the reference a token resolves to). */
  readonly standInFor: string;
  /** The self-signed certificate, PEM. */
  readonly certificateBody: string;
  /** Its private key, PEM (PKCS#8). Never printed. */
  readonly privateKey: string;
}

/** The folder of the state directory that keeps stand-in certificates, one JSON file per name. */
export const STAND_IN_FOLDER = 'stand-in-certificates';

/** How long a generated stand-in is valid; it is generated again when less than a week is left. */
const VALIDITY_DAYS = 365;
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * The certificate name a stand-in gets: the IAM server certificate's own name for an IAM ARN
 * (`arn:aws:iam::123456789012:server-certificate/prod/web` → `web`), `acm-<id>` for an ACM ARN,
 * and for a token the referenced resource's name (`${aws_acm_certificate.Site.arn}` →
 * `aws_acm_certificate-Site`). Characters IAM names do not allow become `-`.
 *
 * @param source the ARN, or the reference a token resolves to
 */
export function standInName(source: string): string {
  const iam = /^arn:aws[a-z-]*:iam::[^:]*:server-certificate\/(?:.*\/)?([^/]+)$/.exec(source);
  const acm = /^arn:aws[a-z-]*:acm:[^:]*:[^:]*:certificate\/(.+)$/.exec(source);
  const reference = /^\$\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_.\[\]]+)?\}$/.exec(source);
  const raw = iam ? iam[1] : acm ? `acm-${acm[1]}` : reference ? `${reference[1]}-${reference[2]}`
    : `stand-in-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`;
  return raw.replace(/[^\w+=,.@-]+/g, '-').slice(0, 128);
}

/**
 * The stand-in for `source` kept in `stateDirectory`: read when it was generated before for the
 * same source and is still valid for a week, otherwise generated now (RSA 2048, self-signed,
 * `CN=<name>, O=seclb stand-in certificate, OU=<source>`) and written (folder 0700, file 0600)
 * before it is returned. Synthesizing again therefore gives the same certificate.
 *
 * @param stateDirectory the local engine's state directory (absolute)
 * @param name the certificate name (`standInName(source)`)
 * @param source the ARN or reference it stands in for
 */
export function keepStandInCertificate(stateDirectory: string, name: string, source: string): StandInCertificate {
  const folder = join(stateDirectory, STAND_IN_FOLDER);
  const file = join(folder, `${name}.json`);
  if (existsSync(file)) {
    try {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as StandInCertificate;
      const cert = new X509Certificate(kept.certificateBody);
      if (kept.name === name && kept.standInFor === source && standInSourceOfSubject(cert.subject) === source
        && Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS) {
        return kept;
      }
    } catch {
      // An unreadable file is replaced by a fresh stand-in below.
    }
  }
  const generated = generateStandIn(name, source);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(generated), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return generated;
}

/** A fresh self-signed stand-in (node:crypto only: the DER is assembled here, signed with SHA-256/RSA). */
export function generateStandIn(name: string, source: string, now: Date = new Date()): StandInCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notBefore = new Date(now.getTime() - 3600 * 1000);
  const notAfter = new Date(now.getTime() + VALIDITY_DAYS * 24 * 3600 * 1000);
  const der = selfSigned(privateKey, publicKey, subjectOf(name, source), notBefore, notAfter);
  return {
    name,
    standInFor: source,
    certificateBody: pem('CERTIFICATE', der),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
  };
}

// --- a minimal DER writer: enough for one self-signed X.509 v3 certificate -------------------

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : (() => {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  })();
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const explicit = (n: number, content: Buffer) => tlv(0xa0 + n, content);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const chunk = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  // UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime after, as RFC 5280 requires.
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

function subjectOf(name: string, source: string): Buffer {
  const attribute = (type: string, value: string) => set(sequence(oid(type), utf8(value)));
  return sequence(attribute('2.5.4.3', name.slice(0, 64)), attribute('2.5.4.10', STAND_IN_ORGANIZATION), attribute('2.5.4.11', source));
}

function selfSigned(privateKey: KeyObject, publicKey: KeyObject, name: Buffer, notBefore: Date, notAfter: Date): Buffer {
  const sha256WithRsa = sequence(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));
  const serial = createHash('sha256').update(name).update(notBefore.toISOString()).digest().subarray(0, 16);
  serial[0] &= 0x7f;
  const extension = (type: string, critical: boolean, value: Buffer) =>
    sequence(oid(type), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
  const extensions = sequence(
    extension('2.5.29.19', true, sequence()), // basicConstraints: not a CA
    extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x05, 0xa0]))), // keyUsage: digitalSignature, keyEncipherment
    extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))), // extendedKeyUsage: serverAuth
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    sha256WithRsa,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  return sequence(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
}
