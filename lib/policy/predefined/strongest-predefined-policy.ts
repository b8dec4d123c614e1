import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { CipherStrength } from '../attributes/types';
import { PredefinedPolicies } from './predefined-policies';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';

/** How many of a policy's ciphers have a strength. */
const countOf = (def: PredefinedPolicyDefinition, strength: CipherStrength) =>
  def.ciphers.filter((c) => CipherCatalog.find(c)?.strength === strength).length;

/** The oldest protocol a policy enables, as a `TlsProtocols` rank. */
const oldestRank = (def: PredefinedPolicyDefinition) => Math.min(...def.protocols.map((p) => TlsProtocols.find(p)!.rank));

/**
 * The strongest predefined policy, derived from the predefined table (internal: not exported from
 * the package) so advice never carries a second copy of its name: the newest oldest-enabled
 * protocol first, then the fewest weak ciphers, the fewest legacy ones, and server cipher order.
 */
export function strongestPredefinedPolicy(): PredefinedPolicyDefinition {
  const score = (def: PredefinedPolicyDefinition) => [oldestRank(def), -countOf(def, CipherStrength.WEAK), -countOf(def, CipherStrength.LEGACY), def.serverDefinedCipherOrder ? 1 : 0];
  return PredefinedPolicies.all().reduce((best, def) => {
    const [a, b] = [score(def), score(best)];
    const i = a.findIndex((v, k) => v !== b[k]);
    return i >= 0 && a[i] > b[i] ? def : best;
  });
}
