import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

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
