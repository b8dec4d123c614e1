import { protocolVersionNamed } from '../attributes/protocol-named';
import { TlsProtocols } from '../attributes/protocols';
import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { Finding, Findings } from '../findings';
import { strongestPredefinedPolicy } from '../predefined/strongest-predefined-policy';

/** Code of the unknown-attribute rule. */
export const UNKNOWN_ATTRIBUTE_CODE = 'SECLB_POLICY_UNKNOWN_ATTRIBUTE';

/**
 * An SSL negotiation attribute name must be one ELB knows (case-sensitive). The finding suggests
 * the nearest valid name when one is close, never a weaker protocol than the one named; a protocol
 * newer than ELB has (TLS 1.3) is answered with what ELB offers instead.
 */
export function checkKnownAttribute(path: string, name: string): Finding[] {
  if (SslNegotiationAttributes.isKnown(name)) return [];
  const meant = protocolVersionNamed(name);
  const newest = TlsProtocols.all().reduce((a, b) => (b.rank > a.rank ? b : a));
  if (meant && meant.rank > newest.rank) {
    const strongest = strongestPredefinedPolicy();
    return [Findings.error(UNKNOWN_ATTRIBUTE_CODE, path, `'${name}'`,
      `${path} is '${name}', but Classic ELB has no ${meant.text}: its newest protocol is ${newest.versionName} ('${newest.protocol}').`,
      `Classic ELB's SSL negotiation policies offer ${TlsProtocols.names().join(', ')} and nothing newer.`,
      `remove '${name}'; for the strongest TLS Classic ELB offers use the predefined policy ${strongest.name} (${strongest.protocols.join(', ')} only), or move to an Application or Network Load Balancer for ${meant.text}.`)];
  }
  const suggestion = SslNegotiationAttributes.suggest(name);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return [Findings.error(UNKNOWN_ATTRIBUTE_CODE, path, `'${name}'`,
    `${path} is '${name}', which is not an SSL negotiation attribute Classic ELB knows.${hint}`,
    'Attribute names are case-sensitive and must be one of ELB\'s protocols, Server-Defined-Cipher-Order, Reference-Security-Policy or its 88 cipher names.',
    suggestion ? `use '${suggestion}'.` : 'correct the name, or start from a predefined policy with basedOn and enable or disable attributes.')];
}
