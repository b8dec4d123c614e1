import { execFileSync } from 'child_process';
import { X509Certificate } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A certificate generated at test time (never committed). */
export interface TestCert {
  readonly certPem: string;
  readonly keyPem: string;
  /** Base64 DER SPKI (the ELB PublicKey attribute form). */
  readonly spki: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** A temp dir removed by the caller. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `seclb-${prefix}-`));
}

/** Self-signed certificate via the openssl CLI (`rsa` 2048 or `ec` P-256). */
export function makeCert(dir: string, cn: string, type: 'rsa' | 'ec' = 'rsa'): TestCert {
  const keyFile = path.join(dir, `${cn}.key`);
  const certFile = path.join(dir, `${cn}.crt`);
  const keyArgs = type === 'rsa' ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  execFileSync('openssl', ['genpkey', ...keyArgs, '-out', keyFile], { timeout: 30_000, stdio: 'pipe' });
  execFileSync('openssl', ['req', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${cn}`], { timeout: 30_000, stdio: 'pipe' });
  const certPem = fs.readFileSync(certFile, 'utf8');
  const keyPem = fs.readFileSync(keyFile, 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { certPem, keyPem, spki, certFile, keyFile };
}

/** A CA and a leaf it signed (openssl CLI), for chain tests. */
export function makeCaAndLeaf(dir: string, caName: string, leafName: string): { ca: TestCert; leaf: TestCert } {
  const ca = makeCert(dir, caName, 'ec');
  const keyFile = path.join(dir, `${leafName}.key`);
  const csrFile = path.join(dir, `${leafName}.csr`);
  const certFile = path.join(dir, `${leafName}.crt`);
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile], { timeout: 30_000, stdio: 'pipe' });
  execFileSync('openssl', ['req', '-new', '-key', keyFile, '-out', csrFile, '-subj', `/CN=${leafName}`], { timeout: 30_000, stdio: 'pipe' });
  execFileSync('openssl', ['x509', '-req', '-in', csrFile, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-out', certFile, '-days', '2'], { timeout: 30_000, stdio: 'pipe' });
  const certPem = fs.readFileSync(certFile, 'utf8');
  const keyPem = fs.readFileSync(keyFile, 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { ca, leaf: { certPem, keyPem, spki, certFile, keyFile } };
}
