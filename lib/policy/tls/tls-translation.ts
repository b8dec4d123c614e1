import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { CertificateKeyType, TlsProtocol, TlsRequirement } from '../attributes/types';
import { ResolvedCipherPolicy } from '../resolution/resolved-cipher-policy';
import { TlsCapabilities, TlsCapabilitySets } from './tls-capabilities';
import { CipherCondition, TlsServerSettings, UnenforceableAttribute } from './tls-server-settings';

const CERTIFICATE_WORDS: Record<string, string> = {
  [CertificateKeyType.RSA]: 'an RSA certificate',
  [CertificateKeyType.ECDSA]: 'an ECDSA (EC) certificate',
  [CertificateKeyType.DSA]: 'a DSA certificate',
};

/**
 * Translates a resolved SSL negotiation policy into what a TLS server can enforce.
 */
export class TlsTranslation {
  /**
   * The server settings for a policy.
   *
   * @param policy the canonical policy
   * @param capabilities what this TLS library can negotiate
   * @default capabilities - `TlsCapabilitySets.documentedNode20()`
   */
  public static translate(policy: ResolvedCipherPolicy, capabilities?: TlsCapabilities): TlsServerSettings {
    const caps = capabilities ?? TlsCapabilitySets.documentedNode20();
    const unenforceable: UnenforceableAttribute[] = [];
    const versions: string[] = [];
    for (const p of policy.protocols) {
      const facts = TlsProtocols.find(p)!;
      if (caps.protocols.includes(p)) versions.push(facts.versionName);
      else unenforceable.push({ attribute: p, reason: `${facts.versionName} cannot be negotiated by this TLS library (${caps.source}).` });
    }
    const ladder = TlsProtocols.all().filter((f) => caps.protocols.includes(f.protocol)).map((f) => f.versionName);
    const enabledRanks = versions.map((v) => ladder.indexOf(v)).sort((a, b) => a - b);
    const enabledVersions = enabledRanks.map((r) => ladder[r]);
    const versionGap = enabledRanks.some((r, i) => i > 0 && r !== enabledRanks[i - 1] + 1);
    const minVersion = enabledRanks.length ? ladder[enabledRanks[0]] : 'TLSv1.2';
    const maxVersion = 'TLSv1.2';
    const disabledVersions = ladder.slice(ladder.indexOf(minVersion) + 1, ladder.indexOf(maxVersion) + 1)
      .filter((v) => !versions.includes(v));
    if (!versions.includes(maxVersion)) {
      // The policy stops below TLS 1.2: switch TLS 1.2 off rather than lower maxVersion, so the
      // ladder stays one rule (min + holes).
      if (!disabledVersions.includes(maxVersion)) disabledVersions.push(maxVersion);
    }

    const offered: string[] = [];
    const conditions: CipherCondition[] = [];
    let needsSecurityLevel0 = versions.some((v) => v === 'TLSv1' || v === 'TLSv1.1');
    let needsDh = false;
    for (const name of policy.ciphers) {
      const suite = CipherCatalog.find(name)!;
      if (!caps.ciphers.includes(name)) {
        unenforceable.push({ attribute: name, reason: `${name} is not available in this TLS library (${caps.source}).` });
        continue;
      }
      if (suite.nodeRequirements.includes(TlsRequirement.PRE_SHARED_KEY)) {
        unenforceable.push({ attribute: name, reason: `${name} needs a pre-shared key, which an ELB listener cannot be given.` });
        continue;
      }
      offered.push(name);
      if (suite.nodeRequirements.includes(TlsRequirement.SECURITY_LEVEL_0)) needsSecurityLevel0 = true;
      if (suite.nodeRequirements.includes(TlsRequirement.DH_PARAMETERS)) needsDh = true;
      const certificate = CERTIFICATE_WORDS[suite.certificateKeyType];
      if (certificate && suite.certificateKeyType !== CertificateKeyType.RSA) {
        conditions.push({ cipher: name, condition: `needs ${certificate}` });
      }
      if (suite.certificateKeyType === CertificateKeyType.NONE) {
        conditions.push({ cipher: name, condition: 'anonymous: no certificate, offered only at security level 0' });
      }
      if (suite.minimumProtocol === TlsProtocol.TLS_V1_2 && !versions.includes('TLSv1.2')) {
        conditions.push({ cipher: name, condition: 'needs TLS 1.2, which the policy does not enable' });
      }
    }
    const securityLevel = needsSecurityLevel0 ? 0 : 2;
    const suites = offered.map((n) => CipherCatalog.find(n)!.opensslName).join(':');
    const cipherString = securityLevel === 0 ? `${suites}:@SECLEVEL=0` : suites;
    return {
      minVersion,
      maxVersion,
      disabledVersions,
      enabledVersions,
      versionGap,
      cipherString,
      securityLevel,
      honorCipherOrder: policy.serverDefinedCipherOrder,
      needsDhParameters: needsDh,
      offeredCiphers: offered,
      conditions,
      unenforceable,
      capabilitySource: caps.source,
      canNegotiate: versions.length > 0 && offered.length > 0,
    };
  }

  private constructor() {}
}
