import * as tls from 'tls';
import { CipherCatalog } from '../../../lib/policy/attributes/cipher-catalog';
import { TlsProtocols } from '../../../lib/policy/attributes/protocols';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';

/**
 * Probes the OpenSSL build this process runs on (elb-facts §9.2): which ELB protocols and cipher
 * suites can it negotiate at all? Run once at start-up; the result feeds `TlsTranslation.translate`.
 *
 * - A cipher is available when `tls.createSecureContext` accepts it alone at `@SECLEVEL=0`
 *   (an absent suite fails with "no cipher match"). Conditions (certificate type, DH parameters,
 *   PSK) are the model's business, not the probe's.
 * - A protocol is available when the model says Node can speak it at all and this build accepts a
 *   context pinned to exactly that version (SSLv2/SSLv3 are rejected by OpenSSL 3). Such pinned
 *   contexts are also what a listener whose versions have a gap serves with
 *   (`ListenerTlsContexts`), so every available protocol can be served alone or beside any other.
 */
export class CapabilityProbe {
  /** Probes the running build. Takes a few milliseconds. */
  public static probe(): TlsCapabilities {
    const ciphers: string[] = [];
    for (const suite of CipherCatalog.all()) {
      if (CapabilityProbe.accepts({ ciphers: `${suite.opensslName}:@SECLEVEL=0` })) ciphers.push(suite.name);
    }
    const protocols: string[] = [];
    for (const facts of TlsProtocols.all()) {
      if (!facts.negotiableByNode) continue;
      const version = facts.versionName as tls.SecureVersion;
      if (CapabilityProbe.accepts({ minVersion: version, maxVersion: version, ciphers: 'ALL:@SECLEVEL=0' })) protocols.push(facts.protocol);
    }
    return { protocols, ciphers, source: `probed: OpenSSL ${process.versions.openssl} (Node.js ${process.version})` };
  }

  private static accepts(options: tls.SecureContextOptions): boolean {
    try {
      tls.createSecureContext(options);
      return true;
    } catch {
      return false;
    }
  }

  private constructor() {}
}
