import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** PEM material generated with the openssl CLI for one test file (never committed). */
export interface TestPki {
  readonly rootPem: string;
  readonly intermediatePem: string;
  /** Another `CN=Example Intermediate CA` under the same root, with a different key (a re-keyed intermediate). */
  readonly otherIntermediatePem: string;
  /** Leaf `CN=www.example.com`, RSA-2048, issued by the intermediate. */
  readonly leafPem: string;
  readonly leafKeyPem: string;
  /** Leaf `CN=direct.example.com`, RSA-2048, issued by the root itself (a two-level chain). */
  readonly directLeafPem: string;
  readonly directLeafKeyPem: string;
  /** A self-signed RSA-2048 certificate `CN=self.example.com` and its key. */
  readonly selfSignedPem: string;
  readonly selfSignedKeyPem: string;
  /** The leaf key, encrypted with a passphrase (PKCS#8). */
  readonly encryptedLeafKeyPem: string;
  /** The leaf key in legacy PKCS#1 form. */
  readonly leafRsaKeyPem: string;
  /** A self-signed Ed25519 certificate (a key type ELB does not serve) and its key. */
  readonly ed25519Pem: string;
  readonly ed25519KeyPem: string;
}

/** Creates a root CA, an intermediate CA and a leaf (plus odd cases) in a temporary directory. */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'seclb-pki-'));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    writeFileSync(f('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
    writeFileSync(f('leaf.ext'), 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:www.example.com\n');
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('root.key'), '-out', f('root.pem'),
      '-days', '30', '-subj', '/CN=Example Root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('int.key'), '-out', f('int.csr'), '-subj', '/CN=Example Intermediate CA');
    ssl('x509', '-req', '-in', f('int.csr'), '-CA', f('root.pem'), '-CAkey', f('root.key'), '-set_serial', '2', '-days', '30', '-extfile', f('ca.ext'), '-out', f('int.pem'));
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', f('int2.key'), '-out', f('int2.csr'), '-subj', '/CN=Example Intermediate CA');
    ssl('x509', '-req', '-in', f('int2.csr'), '-CA', f('root.pem'), '-CAkey', f('root.key'), '-set_serial', '4', '-days', '30', '-extfile', f('ca.ext'), '-out', f('int2.pem'));
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=www.example.com');
    ssl('x509', '-req', '-in', f('leaf.csr'), '-CA', f('int.pem'), '-CAkey', f('int.key'), '-set_serial', '3', '-days', '30', '-extfile', f('leaf.ext'), '-out', f('leaf.pem'));
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('direct.key'), '-out', f('direct.csr'), '-subj', '/CN=direct.example.com');
    ssl('x509', '-req', '-in', f('direct.csr'), '-CA', f('root.pem'), '-CAkey', f('root.key'), '-set_serial', '5', '-days', '30', '-extfile', f('leaf.ext'), '-out', f('direct.pem'));
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('self.key'), '-out', f('self.pem'), '-days', '30', '-subj', '/CN=self.example.com');
    ssl('pkcs8', '-topk8', '-in', f('leaf.key'), '-out', f('leaf-enc.key'), '-passout', 'pass:secret', '-v2', 'aes-256-cbc');
    ssl('pkey', '-in', f('leaf.key'), '-out', f('leaf-rsa.key'), '-traditional');
    ssl('req', '-x509', '-newkey', 'ed25519', '-nodes', '-keyout', f('ed.key'), '-out', f('ed.pem'), '-days', '30', '-subj', '/CN=ed.example.com');
    const r = (name: string) => readFileSync(f(name), 'utf8');
    return {
      rootPem: r('root.pem'),
      intermediatePem: r('int.pem'),
      otherIntermediatePem: r('int2.pem'),
      leafPem: r('leaf.pem'),
      leafKeyPem: r('leaf.key'),
      directLeafPem: r('direct.pem'),
      directLeafKeyPem: r('direct.key'),
      selfSignedPem: r('self.pem'),
      selfSignedKeyPem: r('self.key'),
      encryptedLeafKeyPem: r('leaf-enc.key'),
      leafRsaKeyPem: r('leaf-rsa.key'),
      ed25519Pem: r('ed.pem'),
      ed25519KeyPem: r('ed.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The base64 body of a PEM block (armour and newlines removed). */
export function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}
