import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'crypto';
import { Finding, Findings } from '../../../lib/policy/findings';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { ContentHash } from '../../../lib/policy/hashing/content-hash';

/*
 * The engine's single doorway into the policy model's document and certificate rules.
 *
 * `LoadBalancerDocuments` (lib/policy/document/load-balancer-documents.ts) and `ServerCertificates` /
 * `PublicKeys` (lib/policy/certificates/) are being written alongside the engine. When they are
 * present they are used, and they are the only validators. Until then a small structural fallback
 * keeps the engine safe to run; it is marked as such in every finding it produces
 * (`rule` starts with "engine fallback") and disappears once the model lands.
 */

interface DocumentsApi {
  validate(doc: LoadBalancerDocument): Finding[];
  normalize?(doc: LoadBalancerDocument): LoadBalancerDocument;
}
interface CertificatesApi {
  check(body: string, key: string, chain: string | undefined, path: string): Finding[];
  fingerprint(pem: string): string;
}
interface PublicKeysApi {
  normalize(input: string, path: string): string | { key?: string; value?: string; findings?: Finding[] };
}

function optional<T>(modulePath: string, exportName: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(modulePath)[exportName] as T | undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(modulePath.split('/').pop()!)) return undefined;
    throw e;
  }
}

const DOCUMENTS = optional<DocumentsApi>('../../../lib/policy/document/load-balancer-documents', 'LoadBalancerDocuments');
const CERTIFICATES = optional<CertificatesApi>('../../../lib/policy/certificates/server-certificates', 'ServerCertificates')
  ?? optional<CertificatesApi>('../../../lib/policy/certificates', 'ServerCertificates');
const PUBLIC_KEYS = optional<PublicKeysApi>('../../../lib/policy/certificates/public-keys', 'PublicKeys')
  ?? optional<PublicKeysApi>('../../../lib/policy/certificates', 'PublicKeys');

/** Which validators are in use, for /v1/status. */
export const MODEL_VALIDATORS = {
  documents: DOCUMENTS ? 'lib/policy LoadBalancerDocuments' : 'engine fallback (structural checks only)',
  certificates: CERTIFICATES ? 'lib/policy ServerCertificates' : 'engine fallback (parse + key match)',
  publicKeys: PUBLIC_KEYS ? 'lib/policy PublicKeys' : 'engine fallback (PEM/base64 SPKI or certificate)',
};

const FALLBACK = 'engine fallback until lib/policy LoadBalancerDocuments lands';

function err(code: string, path: string, value: unknown, message: string, fix: string): Finding {
  return Findings.error(code, path, Findings.quote(value), message, FALLBACK, fix);
}

function fallbackValidate(doc: LoadBalancerDocument): Finding[] {
  const f: Finding[] = [];
  const isPort = (p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;
  if (typeof doc.name !== 'string' || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(doc.name)) {
    f.push(err('SECLB_DOC_NAME', 'name', doc.name, `name is ${Findings.quote(doc.name)}, which is not 1-32 letters, digits and hyphens.`, 'use a name such as \'my-elb\'.'));
  }
  if (!Array.isArray(doc.listeners) || doc.listeners.length === 0) {
    f.push(err('SECLB_DOC_LISTENERS', 'listeners', doc.listeners, 'listeners must be a non-empty list.', 'declare at least one listener.'));
  }
  const protocols = ['HTTP', 'HTTPS', 'TCP', 'SSL'];
  const layer7 = (p: string) => p === 'HTTP' || p === 'HTTPS';
  (Array.isArray(doc.listeners) ? doc.listeners : []).forEach((l, i) => {
    const at = `listeners[${i}]`;
    if (!isPort(l.loadBalancerPort)) f.push(err('SECLB_DOC_PORT', `${at}.loadBalancerPort`, l.loadBalancerPort, `${at}.loadBalancerPort is ${Findings.quote(l.loadBalancerPort)}, not a port 1-65535.`, 'use a port number.'));
    if (!isPort(l.instancePort)) f.push(err('SECLB_DOC_PORT', `${at}.instancePort`, l.instancePort, `${at}.instancePort is ${Findings.quote(l.instancePort)}, not a port 1-65535.`, 'use a port number.'));
    if (!protocols.includes(l.protocol)) f.push(err('SECLB_DOC_PROTOCOL', `${at}.protocol`, l.protocol, `${at}.protocol is ${Findings.quote(l.protocol)}.`, 'use HTTP, HTTPS, TCP or SSL.'));
    if (!protocols.includes(l.instanceProtocol)) f.push(err('SECLB_DOC_PROTOCOL', `${at}.instanceProtocol`, l.instanceProtocol, `${at}.instanceProtocol is ${Findings.quote(l.instanceProtocol)}.`, 'use HTTP, HTTPS, TCP or SSL.'));
    else if (protocols.includes(l.protocol) && layer7(l.protocol) !== layer7(l.instanceProtocol)) {
      f.push(err('SECLB_DOC_PROTOCOL_PAIR', `${at}.instanceProtocol`, l.instanceProtocol, `${at} pairs ${l.protocol} with ${l.instanceProtocol}.`, 'pair HTTP/HTTPS with HTTP/HTTPS and TCP/SSL with TCP/SSL.'));
    }
    if (!Array.isArray(l.policyNames)) f.push(err('SECLB_DOC_POLICY_NAMES', `${at}.policyNames`, l.policyNames, `${at}.policyNames must be a list.`, 'use [] for none.'));
  });
  if (!Array.isArray(doc.policies)) f.push(err('SECLB_DOC_POLICIES', 'policies', doc.policies, 'policies must be a list.', 'use [] for none.'));
  if (!Array.isArray(doc.backendServers)) f.push(err('SECLB_DOC_BACKENDS', 'backendServers', doc.backendServers, 'backendServers must be a list.', 'use [] for none.'));
  if (!Array.isArray(doc.instances)) f.push(err('SECLB_DOC_INSTANCES', 'instances', doc.instances, 'instances must be a list.', 'use [] for none.'));
  const hc = doc.healthCheck;
  if (!hc || typeof hc !== 'object') {
    f.push(err('SECLB_DOC_HEALTH_CHECK', 'healthCheck', hc, 'healthCheck is missing.', 'declare a health check.'));
  } else {
    const range = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
    if (!range(hc.intervalSeconds, 5, 300)) f.push(err('SECLB_DOC_HC_INTERVAL', 'healthCheck.intervalSeconds', hc.intervalSeconds, `healthCheck.intervalSeconds is ${Findings.quote(hc.intervalSeconds)}; ELB allows 5-300.`, 'choose 5-300.'));
    if (!range(hc.timeoutSeconds, 2, 60) || hc.timeoutSeconds >= hc.intervalSeconds) f.push(err('SECLB_DOC_HC_TIMEOUT', 'healthCheck.timeoutSeconds', hc.timeoutSeconds, `healthCheck.timeoutSeconds is ${Findings.quote(hc.timeoutSeconds)}; ELB allows 2-60, below the interval.`, 'choose a timeout below the interval.'));
    if (!range(hc.healthyThreshold, 2, 10)) f.push(err('SECLB_DOC_HC_THRESHOLD', 'healthCheck.healthyThreshold', hc.healthyThreshold, `healthCheck.healthyThreshold is ${Findings.quote(hc.healthyThreshold)}; ELB allows 2-10.`, 'choose 2-10.'));
    if (!range(hc.unhealthyThreshold, 2, 10)) f.push(err('SECLB_DOC_HC_THRESHOLD', 'healthCheck.unhealthyThreshold', hc.unhealthyThreshold, `healthCheck.unhealthyThreshold is ${Findings.quote(hc.unhealthyThreshold)}; ELB allows 2-10.`, 'choose 2-10.'));
  }
  if (!Number.isInteger(doc.idleTimeoutSeconds) || doc.idleTimeoutSeconds < 1 || doc.idleTimeoutSeconds > 4000) {
    f.push(err('SECLB_DOC_IDLE_TIMEOUT', 'idleTimeoutSeconds', doc.idleTimeoutSeconds, `idleTimeoutSeconds is ${Findings.quote(doc.idleTimeoutSeconds)}; ELB allows 1-4000.`, 'choose 1-4000 (default 60).'));
  }
  return f;
}

/** The policy model's document rules, as the engine uses them. */
export class PolicyModel {
  /** Every finding for a document (errors and warnings). */
  public static validateDocument(doc: LoadBalancerDocument): Finding[] {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return [err('SECLB_DOC_NOT_OBJECT', 'document', doc, 'document must be a JSON object (a canonical LoadBalancerDocument).', 'send { "document": { ... }, "expectedRevision": N }.')];
    }
    return DOCUMENTS ? DOCUMENTS.validate(doc) : fallbackValidate(doc);
  }

  /** The canonical form (the model's normalisation when available; otherwise unchanged). */
  public static normalizeDocument(doc: LoadBalancerDocument): LoadBalancerDocument {
    return DOCUMENTS?.normalize ? DOCUMENTS.normalize(doc) : doc;
  }

  /** Findings for a server certificate upload. */
  public static checkCertificate(body: string, key: string, chain: string | undefined, path: string): Finding[] {
    if (CERTIFICATES) return CERTIFICATES.check(body, key, chain, path);
    const f: Finding[] = [];
    let cert: X509Certificate | undefined;
    try { cert = new X509Certificate(body); } catch (e) {
      f.push(Findings.error('SECLB_CERT_BODY', `${path}.certificateBody`, '', `${path}.certificateBody is not a PEM X.509 certificate (${(e as Error).message}).`, 'the body is one PEM certificate', 'send the leaf certificate in PEM.'));
    }
    let keyObject;
    try { keyObject = createPrivateKey(key); } catch (e) {
      f.push(Findings.error('SECLB_CERT_KEY', `${path}.privateKey`, '[redacted]', `${path}.privateKey is not a PEM private key (${(e as Error).message}).`, 'the key is an unencrypted PEM private key', 'send the key in PEM without a passphrase.'));
    }
    if (cert && keyObject && !cert.checkPrivateKey(keyObject)) {
      f.push(Findings.error('SECLB_CERT_KEY_MISMATCH', `${path}.privateKey`, '[redacted]', `${path}.privateKey does not belong to the certificate '${cert.subject.replace(/\n/g, ', ')}'.`, 'the private key must match the certificate\'s public key', 'send the key the certificate was issued for.'));
    }
    if (chain) {
      try { new X509Certificate(chain); } catch (e) {
        f.push(Findings.error('SECLB_CERT_CHAIN', `${path}.certificateChain`, '', `${path}.certificateChain is not PEM (${(e as Error).message}).`, 'the chain is PEM certificates, issuer first', 'send PEM certificates.'));
      }
    }
    return f;
  }

  /** SHA-256 fingerprint of a PEM certificate (colon-separated hex, as openssl prints it). */
  public static fingerprint(pem: string): string {
    if (CERTIFICATES) return CERTIFICATES.fingerprint(pem);
    return new X509Certificate(pem).fingerprint256;
  }

  /**
   * A PublicKey attribute in the one-line base64 SPKI form (elb-facts §3.2). Accepts PEM public
   * keys, PEM certificates and bare base64 of SPKI or certificate DER. Undefined when unreadable.
   */
  public static normalizePublicKey(input: string, path: string): string | undefined {
    if (PUBLIC_KEYS) {
      try {
        const r = PUBLIC_KEYS.normalize(input, path);
        if (typeof r === 'string') return r;
        return r.key ?? r.value;
      } catch { return undefined; }
    }
    const text = input.trim();
    try {
      if (text.includes('BEGIN CERTIFICATE')) return new X509Certificate(text).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      if (text.includes('BEGIN PUBLIC KEY')) return createPublicKey(text).export({ type: 'spki', format: 'der' }).toString('base64');
      const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
      try { return createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'der' }).toString('base64'); } catch { /* try certificate */ }
      return new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    } catch {
      return undefined;
    }
  }

  /** The content hash of a document (for display; revisions are the engine's integers). */
  public static contentHash(doc: LoadBalancerDocument): string {
    return ContentHash.of(doc);
  }

  /** A short SHA-256 of any text, for logs that must identify material without revealing it. */
  public static shortDigest(text: string): string {
    return createHash('sha256').update(text).digest('hex').slice(0, 12);
  }

  private constructor() {}
}
