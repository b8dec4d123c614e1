/**
 * Helpers for trying `examples/elb-api/main.tf` on the local engine (README, "Point existing AWS
 * Terraform at the local engine"):
 *
 *   node build/examples/elb-api/local.js certs DIR
 *     writes demo certificates into DIR: server.pem / server.key / chain.pem (the listener's,
 *     CN=www.example.com under a generated root and intermediate), backend.pem / backend.key (the
 *     back ends' self-signed certificate) and backend-public-key.pem (the key the configuration
 *     pins). Keys 0600, the folder 0700; existing files are kept.
 *
 *   node build/examples/elb-api/local.js backends DIR [HTTP_PORT] [HTTPS_PORT]
 *     serves the configuration's two instances, i-0a1b2c3d4e5f60001 on 127.0.0.11 and
 *     i-0a1b2c3d4e5f60002 on 127.0.0.12, each with HTTP on HTTP_PORT (default 8080, answers /ping)
 *     and HTTPS on HTTPS_PORT (default 8443, with DIR's backend certificate), until interrupted.
 *     Prints one line `backends ready ...` when listening.
 */
import { X509Certificate } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { startBackends } from '../demo/backends';
import { generateWalkthroughCertificates } from '../walkthrough/certificates';

/** The instances of examples/elb-api/main.tf and the loopback addresses the README maps them to. */
export const ELB_API_EXAMPLE_INSTANCES = [
  { instanceId: 'i-0a1b2c3d4e5f60001', address: '127.0.0.11' },
  { instanceId: 'i-0a1b2c3d4e5f60002', address: '127.0.0.12' },
];

/** Writes the demo certificates into `dir` unless `dir/server.pem` exists. */
export function writeExampleCertificates(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(join(dir, 'server.pem'))) return;
  const c = generateWalkthroughCertificates();
  const publicKey = new X509Certificate(c.backendCertPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(join(dir, 'server.key'), c.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'backend.key'), c.backendKeyPem!, { mode: 0o600 });
  writeFileSync(join(dir, 'chain.pem'), c.chainPem);
  writeFileSync(join(dir, 'backend.pem'), c.backendCertPem);
  writeFileSync(join(dir, 'backend-public-key.pem'), publicKey);
  writeFileSync(join(dir, 'server.pem'), c.certPem);
}

function port(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${what} is '${value}': give a port from 1 to 65535`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const [command, dir, httpArg, httpsArg] = argv;
  if (command === 'certs' && dir) {
    writeExampleCertificates(dir);
    process.stdout.write(`certificates in ${dir}\n`);
    return;
  }
  if (command === 'backends' && dir) {
    const httpPort = port(httpArg, 8080, 'HTTP_PORT');
    const httpsPort = port(httpsArg, 8443, 'HTTPS_PORT');
    const tls = { certPem: readFileSync(join(dir, 'backend.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'backend.key'), 'utf8') };
    const backends = await startBackends(ELB_API_EXAMPLE_INSTANCES, tls, { httpPort, httpsPort });
    process.stdout.write(`backends ready: ${ELB_API_EXAMPLE_INSTANCES.map((i) => `${i.instanceId} ${i.address}`).join(', ')}; HTTP ${backends.httpPort}, HTTPS ${backends.httpsPort}\n`);
    const stop = () => { void backends.close().then(() => process.exit(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  throw new Error('usage: local.js certs DIR | local.js backends DIR [HTTP_PORT] [HTTPS_PORT]');
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
