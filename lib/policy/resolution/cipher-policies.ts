import { CipherCatalog } from '../attributes/cipher-catalog';
import { TlsProtocols } from '../attributes/protocols';
import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { TlsProtocol } from '../attributes/types';
import { Finding, Findings } from '../findings';
import { ContentHash } from '../hashing/content-hash';
import { PredefinedPolicies } from '../predefined/predefined-policies';
import { SecurityPolicy } from '../predefined/security-policy';
import { checkCipherPolicyContent } from '../rules/cipher-policy-content';
import { checkKnownAttribute } from '../rules/unknown-attribute';
import { CipherPolicyResolution } from './cipher-policy-resolution';
import { CipherPolicySpec } from './cipher-policy-spec';
import { PolicyAttribute } from './policy-attribute';
import { ResolvedCipherPolicy } from './resolved-cipher-policy';

/** Codes of the resolution rules. */
export const RESOLUTION_CODES = {
  MIXED_FORMS: 'SECLB_POLICY_MIXED_FORMS',
  ENABLE_DISABLE_CONFLICT: 'SECLB_POLICY_ENABLE_DISABLE_CONFLICT',
  UNKNOWN_PREDEFINED: 'SECLB_POLICY_UNKNOWN_PREDEFINED',
  NOT_A_PROTOCOL: 'SECLB_POLICY_NOT_A_PROTOCOL',
  NOT_A_CIPHER: 'SECLB_POLICY_NOT_A_CIPHER',
  REFERENCE_IN_LIST: 'SECLB_POLICY_REFERENCE_IN_LIST',
  BAD_BOOLEAN: 'SECLB_POLICY_BAD_BOOLEAN',
  DUPLICATE_ATTRIBUTE: 'SECLB_POLICY_DUPLICATE_ATTRIBUTE',
} as const;

const PROTOCOL_ORDER = TlsProtocols.names() as TlsProtocol[];
const SDCO = SslNegotiationAttributes.SERVER_DEFINED_CIPHER_ORDER;
const REFERENCE = SslNegotiationAttributes.REFERENCE_SECURITY_POLICY;

/**
 * Resolves SSL negotiation policies to their canonical form, the one meaning both targets, the
 * deploy core and the engine share.
 */
export class CipherPolicies {
  /**
   * Resolves what a user wrote (a predefined policy plus or minus attributes, or explicit lists)
   * to the complete, explicit attribute set.
   *
   * @param spec the policy as written
   * @param path the property path to name in findings
   * @example CipherPolicies.resolve({ enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3'] }, 'cipherPolicy')
   */
  public static resolve(spec: CipherPolicySpec, path: string = 'cipherPolicy'): CipherPolicyResolution {
    const findings: Finding[] = [];
    const explicit = spec.protocols !== undefined || spec.ciphers !== undefined;
    if (explicit && (spec.basedOn !== undefined || spec.enable !== undefined || spec.disable !== undefined)) {
      findings.push(Findings.error(RESOLUTION_CODES.MIXED_FORMS, path, '',
        `${path} mixes the explicit form (protocols/ciphers) with the relative form (basedOn/enable/disable).`,
        'A cipher policy is either a predefined policy plus or minus attributes, or an explicit list of protocols and ciphers.',
        'keep protocols and ciphers and drop basedOn/enable/disable, or the other way round.'));
      return { findings };
    }
    if (explicit) return CipherPolicies.resolveExplicit(spec, path, findings);
    return CipherPolicies.resolveRelative(spec, path, findings);
  }

  /** The canonical form of a predefined policy. */
  public static fromPredefined(policy: SecurityPolicy): ResolvedCipherPolicy {
    const def = PredefinedPolicies.definition(policy);
    return CipherPolicies.build(def.protocols, def.ciphers, def.serverDefinedCipherOrder, def.name);
  }

  /**
   * Interprets an ELB attribute list (as in `CreateLoadBalancerPolicy` or a canonical document):
   * `Reference-Security-Policy` expands to that policy, the other attributes override it, and
   * anything left unspecified is `false`.
   */
  public static fromAttributes(attributes: PolicyAttribute[], path: string = 'attributes'): CipherPolicyResolution {
    const findings: Finding[] = [];
    let protocols = new Set<string>();
    let ciphers = new Set<string>();
    let sdco = false;
    let basedOn: string | undefined;
    const seen = new Set<string>();
    const reference = attributes.find((a) => a.name === REFERENCE);
    if (reference) {
      const def = PredefinedPolicies.find(reference.value);
      if (!def) {
        findings.push(CipherPolicies.unknownPredefined(`${path}[${attributes.indexOf(reference)}].value`, reference.value));
      } else {
        protocols = new Set(def.protocols);
        ciphers = new Set(def.ciphers);
        sdco = def.serverDefinedCipherOrder;
        basedOn = def.name;
      }
    }
    attributes.forEach((attr, i) => {
      const at = `${path}[${i}]`;
      if (seen.has(attr.name)) {
        findings.push(Findings.error(RESOLUTION_CODES.DUPLICATE_ATTRIBUTE, `${at}.name`, `'${attr.name}'`,
          `${at}.name is '${attr.name}', which appears more than once.`,
          'Each SSL negotiation attribute takes at most one value (cardinality ZERO_OR_ONE).',
          `keep one '${attr.name}' entry.`));
        return;
      }
      seen.add(attr.name);
      if (attr.name === REFERENCE) return;
      const known = checkKnownAttribute(`${at}.name`, attr.name);
      if (known.length) {
        findings.push(...known);
        return;
      }
      if (attr.value !== 'true' && attr.value !== 'false') {
        findings.push(Findings.error(RESOLUTION_CODES.BAD_BOOLEAN, `${at}.value`, `'${attr.value}'`,
          `${at}.value is '${attr.value}' for '${attr.name}', which is not 'true' or 'false'.`,
          'Protocol, cipher and Server-Defined-Cipher-Order attributes are booleans, written as AWS returns them: lower-case true or false.',
          `set it to 'true' or 'false'.`));
        return;
      }
      const on = attr.value === 'true';
      if (attr.name === SDCO) sdco = on;
      else if (TlsProtocols.isProtocol(attr.name)) toggle(protocols, attr.name, on);
      else toggle(ciphers, attr.name, on);
    });
    return CipherPolicies.finish(path, [...protocols] as TlsProtocol[], [...ciphers], sdco, basedOn, findings);
  }

  /**
   * The name of an immutable ELB policy: a stem plus the short hash of its content, so a change of
   * content is a new name (ELB policies cannot be updated in place).
   */
  public static policyName(stem: string, contentHash: string): string {
    const clean = stem.replace(/[^A-Za-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'policy';
    return `${clean}-${contentHash.slice(0, ContentHash.SHORT_LENGTH)}`;
  }

  private static resolveExplicit(spec: CipherPolicySpec, path: string, findings: Finding[]): CipherPolicyResolution {
    const protocols: string[] = [];
    const ciphers: string[] = [];
    (spec.protocols ?? []).forEach((p, i) => {
      if (TlsProtocols.isProtocol(p)) protocols.push(p);
      else findings.push(...CipherPolicies.misplaced(`${path}.protocols[${i}]`, p, 'protocol'));
    });
    (spec.ciphers ?? []).forEach((c, i) => {
      if (CipherCatalog.isCipher(c)) ciphers.push(c);
      else findings.push(...CipherPolicies.misplaced(`${path}.ciphers[${i}]`, c, 'cipher'));
    });
    return CipherPolicies.finish(path, protocols as TlsProtocol[], ciphers, spec.serverDefinedCipherOrder ?? true, undefined, findings);
  }

  private static resolveRelative(spec: CipherPolicySpec, path: string, findings: Finding[]): CipherPolicyResolution {
    const basedOn = spec.basedOn ?? PredefinedPolicies.DEFAULT;
    const def = PredefinedPolicies.find(basedOn);
    if (!def) {
      findings.push(CipherPolicies.unknownPredefined(`${path}.basedOn`, basedOn));
      return { findings };
    }
    const protocols = new Set<string>(def.protocols);
    const ciphers = new Set<string>(def.ciphers);
    let sdco = def.serverDefinedCipherOrder;
    const enable = spec.enable ?? [];
    const disable = spec.disable ?? [];
    const apply = (list: string[], key: string, on: boolean) => list.forEach((name, i) => {
      const at = `${path}.${key}[${i}]`;
      if (name === REFERENCE) {
        findings.push(Findings.error(RESOLUTION_CODES.REFERENCE_IN_LIST, at, `'${name}'`,
          `${at} is '${name}', which is not something to switch on or off.`,
          'Reference-Security-Policy names the policy to start from; in this library that is basedOn.',
          `remove it from ${key} and set basedOn to the predefined policy.`));
        return;
      }
      const unknown = checkKnownAttribute(at, name);
      if (unknown.length) {
        findings.push(...unknown);
        return;
      }
      if (on && disable.includes(name)) {
        findings.push(Findings.error(RESOLUTION_CODES.ENABLE_DISABLE_CONFLICT, at, `'${name}'`,
          `${at} is '${name}', which ${path}.disable also lists.`,
          'An attribute is either switched on or switched off.',
          `remove '${name}' from ${path}.enable or from ${path}.disable.`));
        return;
      }
      if (name === SDCO) sdco = on;
      else if (TlsProtocols.isProtocol(name)) toggle(protocols, name, on);
      else toggle(ciphers, name, on);
    });
    apply(enable, 'enable', true);
    apply(disable, 'disable', false);
    if (spec.serverDefinedCipherOrder !== undefined) sdco = spec.serverDefinedCipherOrder;
    return CipherPolicies.finish(path, [...protocols] as TlsProtocol[], [...ciphers], sdco, def.name, findings);
  }

  private static finish(path: string, protocols: TlsProtocol[], ciphers: string[], sdco: boolean,
    basedOn: string | undefined, findings: Finding[]): CipherPolicyResolution {
    const sortedProtocols = PROTOCOL_ORDER.filter((p) => protocols.includes(p));
    const sortedCiphers = CipherCatalog.sortByCatalog([...new Set(ciphers)]);
    findings.push(...checkCipherPolicyContent(path, sortedProtocols, sortedCiphers));
    if (Findings.hasErrors(findings)) return { findings };
    return { policy: CipherPolicies.build(sortedProtocols, sortedCiphers, sdco, basedOn), findings };
  }

  private static build(protocols: TlsProtocol[], ciphers: string[], sdco: boolean, basedOn?: string): ResolvedCipherPolicy {
    const attributes: PolicyAttribute[] = [];
    for (const p of PROTOCOL_ORDER) {
      if (p === TlsProtocol.SSL_V2 && !protocols.includes(p)) continue;
      attributes.push({ name: p, value: String(protocols.includes(p)) });
    }
    attributes.push({ name: SDCO, value: String(sdco) });
    const enabled = new Set(ciphers);
    for (const name of CipherCatalog.names()) attributes.push({ name, value: String(enabled.has(name)) });
    const orderedProtocols = PROTOCOL_ORDER.filter((p) => protocols.includes(p));
    return {
      protocols: orderedProtocols,
      ciphers: CipherCatalog.sortByCatalog(ciphers),
      serverDefinedCipherOrder: sdco,
      attributes,
      contentHash: ContentHash.of(attributes),
      basedOn,
    };
  }

  private static unknownPredefined(path: string, name: string): Finding {
    return Findings.error(RESOLUTION_CODES.UNKNOWN_PREDEFINED, path, `'${name}'`,
      `${path} is '${name}', which is not a predefined Classic ELB security policy.`,
      `Classic ELB predefined policies are: ${PredefinedPolicies.names().join(', ')} (ALB/NLB names such as ELBSecurityPolicy-TLS13-* do not exist on Classic).`,
      `use one of them, e.g. '${SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01}'.`);
  }

  private static misplaced(path: string, name: string, expected: 'protocol' | 'cipher'): Finding[] {
    const unknown = checkKnownAttribute(path, name);
    if (unknown.length) return unknown;
    const code = expected === 'protocol' ? RESOLUTION_CODES.NOT_A_PROTOCOL : RESOLUTION_CODES.NOT_A_CIPHER;
    const list = expected === 'protocol' ? 'protocols' : 'ciphers';
    return [Findings.error(code, path, `'${name}'`,
      `${path} is '${name}', which is not a ${expected}.`,
      `The explicit form lists protocols (Protocol-*) under protocols and cipher names under ciphers.`,
      name === SDCO ? 'use serverDefinedCipherOrder instead.' : `move '${name}' out of ${list}.`)];
  }

  private constructor() {}
}

function toggle(set: Set<string>, name: string, on: boolean): void {
  if (on) set.add(name);
  else set.delete(name);
}
