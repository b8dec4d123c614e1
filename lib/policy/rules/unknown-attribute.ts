import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { Finding, Findings } from '../findings';

/** Code of the unknown-attribute rule. */
export const UNKNOWN_ATTRIBUTE_CODE = 'SECLB_POLICY_UNKNOWN_ATTRIBUTE';

/**
 * An SSL negotiation attribute name must be one ELB knows (case-sensitive). The finding suggests
 * the nearest valid name when one is close.
 */
export function checkKnownAttribute(path: string, name: string): Finding[] {
  if (SslNegotiationAttributes.isKnown(name)) return [];
  const suggestion = SslNegotiationAttributes.suggest(name);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return [Findings.error(UNKNOWN_ATTRIBUTE_CODE, path, `'${name}'`,
    `${path} is '${name}', which is not an SSL negotiation attribute Classic ELB knows.${hint}`,
    'Attribute names are case-sensitive and must be one of ELB\'s protocols, Server-Defined-Cipher-Order, Reference-Security-Policy or its 88 cipher names.',
    suggestion ? `use '${suggestion}'.` : 'correct the name, or start from a predefined policy with basedOn and enable or disable attributes.')];
}
