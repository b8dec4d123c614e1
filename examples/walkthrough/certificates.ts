import { execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

/** The PEM material the walk-through needs; generated at run time, never committed. */
export interface WalkthroughCertificates {
  /** The listener's leaf certificate (CN=www.example.com), issued by the intermediate. */
  readonly certPem: string;
  /** The leaf's private key. */
  readonly keyPem: string;
  /** The chain: the intermediate, then the root. */
  readonly chainPem: string;
  /** The back-end server's certificate (self-signed), whose key BackendAuth pins. */
  readonly backendCertPem: string;
  /**
   * The back-end certificate's private key (for a local back end that serves it: `npm run demo`).
   * @default - absent in certificate files written before it was added
   */
  readonly backendKeyPem?: string;
}

/**
 * Generates a small PKI with the `openssl` CLI in a temporary directory: a root CA, an
 * intermediate CA, a leaf for the listener and a self-signed back-end certificate (RSA 2048, valid
 * 30 days). Takes well under a second.
 */
export function generateWalkthroughCertificates(): WalkthroughCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-walkthrough-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
    writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
      + 'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:www.example.com\n');
    const key = (name: string) => openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', name);
    key('root.key');
    openssl('req', '-x509', '-new', '-key', 'root.key', '-subj', '/CN=Walkthrough Root CA', '-days', '30', '-sha256',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem');
    key('int.key');
    openssl('req', '-new', '-key', 'int.key', '-subj', '/CN=Walkthrough Intermediate CA', '-out', 'int.csr');
    openssl('x509', '-req', '-in', 'int.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '30',
      '-sha256', '-extfile', 'ca.ext', '-out', 'int.pem');
    key('leaf.key');
    openssl('req', '-new', '-key', 'leaf.key', '-subj', '/CN=www.example.com', '-out', 'leaf.csr');
    openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'int.pem', '-CAkey', 'int.key', '-CAcreateserial', '-days', '30',
      '-sha256', '-extfile', 'leaf.ext', '-out', 'leaf.pem');
    key('backend.key');
    openssl('req', '-x509', '-new', '-key', 'backend.key', '-subj', '/CN=backend.internal', '-days', '30', '-sha256', '-out', 'backend.pem');
    return {
      certPem: read('leaf.pem'),
      keyPem: read('leaf.key'),
      chainPem: read('int.pem') + read('root.pem'),
      backendCertPem: read('backend.pem'),
      backendKeyPem: read('backend.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The walk-through's certificates from `file` (JSON of `WalkthroughCertificates`) when it exists;
 * otherwise freshly generated, and written to `file` (mode 0600) when one is named.
 *
 * @param file a JSON file to reuse certificates across synths, or undefined to generate each time
 */
export function loadWalkthroughCertificates(file?: string): WalkthroughCertificates {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as WalkthroughCertificates;
  const generated = generateWalkthroughCertificates();
  if (file) writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
  return generated;
}

/**
 * Where the walk-through keeps its generated certificates by default: `.seclb/walkthrough-certificates`
 * in the current directory (cdktf runs the app in the project folder; `.seclb/` is git-ignored).
 */
export const WALKTHROUGH_CERTIFICATES_FOLDER = join('.seclb', 'walkthrough-certificates');

/** The files of a certificate folder: PEM text per field; the two keys are written 0600. */
const FILES: ReadonlyArray<{ field: keyof WalkthroughCertificates; file: string; secret: boolean }> = [
  { field: 'certPem', file: 'listener-cert.pem', secret: false },
  { field: 'keyPem', file: 'listener-key.pem', secret: true },
  { field: 'chainPem', file: 'listener-chain.pem', secret: false },
  { field: 'backendCertPem', file: 'backend-cert.pem', secret: false },
  { field: 'backendKeyPem', file: 'backend-key.pem', secret: true },
];

/** A certificate is renewed this long before it expires, so no synth deploys one about to lapse. */
const RENEW_BEFORE_MS = 2 * 24 * 3600 * 1000;

/**
 * The walk-through's certificates kept in `folder` between synths (default
 * `WALKTHROUGH_CERTIFICATES_FOLDER`), so an unchanged app synthesizes byte-identical stacks and
 * `cdktf diff` stays clean. They are generated when the folder is missing, incomplete, unreadable,
 * or when a certificate expires within two days; otherwise read as they are. The folder is 0700, the
 * two key files 0600 (also re-tightened when found looser). A new set is written to a temporary
 * folder beside it and renamed into place, so concurrent synths never mix two sets.
 *
 * @param folder the folder to keep them in (relative to the current directory)
 */
export function persistedWalkthroughCertificates(folder: string = WALKTHROUGH_CERTIFICATES_FOLDER): WalkthroughCertificates {
  const dir = resolve(folder);
  const kept = readFolder(dir);
  if (kept) {
    chmodSync(dir, 0o700);
    for (const f of FILES) if (f.secret) chmodSync(join(dir, f.file), 0o600);
    return kept;
  }
  const generated = generateWalkthroughCertificates();
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  const staging = mkdtempSync(`${dir}.tmp-`); // 0700
  for (const f of FILES) writeFileSync(join(staging, f.file), generated[f.field] as string, { mode: f.secret ? 0o600 : 0o644 });
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // incomplete or expiring: replaced
  try {
    renameSync(staging, dir);
  } catch {
    // Another synth renamed its complete set into place first: use that one.
    rmSync(staging, { recursive: true, force: true });
    const theirs = readFolder(dir);
    if (theirs) return theirs;
    throw new Error(`cannot keep the walk-through certificates in ${dir}: remove the folder and synthesize again`);
  }
  return generated;
}

/** The complete, unexpired set in `dir`, or undefined. */
function readFolder(dir: string): WalkthroughCertificates | undefined {
  try {
    const read = Object.fromEntries(FILES.map((f) => [f.field, readFileSync(join(dir, f.file), 'utf8')])) as unknown as WalkthroughCertificates;
    const pems = [read.certPem, read.backendCertPem, ...read.chainPem.split(/(?<=-----END CERTIFICATE-----\n?)/).filter((p) => p.trim())];
    const lapses = Math.min(...pems.map((p) => Date.parse(new X509Certificate(p).validTo)));
    return lapses - Date.now() > RENEW_BEFORE_MS ? read : undefined;
  } catch {
    return undefined;
  }
}
