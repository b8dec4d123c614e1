import { PUBLIC_KEY_CODES } from '../certificates/certificate-codes';
import { PublicKeys } from '../certificates/public-keys';
import { PolicyDocument } from '../document/load-balancer-document';
import { Finding, Findings } from '../findings';
import { AttributeCardinality, PolicyTypes } from '../policy-types/policy-type-catalog';
import { PolicyTypeName } from '../policy-types/policy-type-name';
import { SslNegotiationAttributes } from '../attributes/ssl-negotiation-attributes';
import { didYouMean, nearestName } from './rule-helpers';
import { checkKnownAttribute } from './unknown-attribute';

/** Codes of the policy type and attribute rules. */
export const POLICY_ATTRIBUTE_CODES = {
  UNKNOWN_TYPE: 'SECLB_POLICY_TYPE_UNKNOWN',
  ATTRIBUTE_NOT_IN_TYPE: 'SECLB_POLICY_ATTRIBUTE_NOT_IN_TYPE',
  ATTRIBUTE_MISSING: 'SECLB_POLICY_ATTRIBUTE_MISSING',
  ATTRIBUTE_REPEATED: 'SECLB_POLICY_ATTRIBUTE_REPEATED',
  VALUE_INVALID: 'SECLB_POLICY_ATTRIBUTE_VALUE_INVALID',
} as const;

const TYPE_NAMES: string[] = Object.values(PolicyTypeName);

/**
 * A policy has one of ELB's six types, and its attributes are those of its type (nearest name
 * suggested), with the type's cardinality and value form: Boolean `true`/`false`, Long a whole
 * number of seconds, PolicyName a policy name, PublicKey one-line base64 SPKI. For
 * SSLNegotiationPolicyType only the names are checked here; the content is resolved with
 * `CipherPolicies.fromAttributes`.
 */
export function checkPolicyAttributes(path: string, policy: PolicyDocument): Finding[] {
  const type = PolicyTypes.find(policy.policyTypeName);
  if (!type) {
    const suggestion = nearestName(String(policy.policyTypeName ?? ''), TYPE_NAMES);
    return [Findings.error(POLICY_ATTRIBUTE_CODES.UNKNOWN_TYPE, `${path}.policyTypeName`, `'${policy.policyTypeName}'`,
      `${path}.policyTypeName is '${policy.policyTypeName}', which is not a Classic ELB policy type.${didYouMean(suggestion)}`,
      `Classic ELB has six policy types: ${TYPE_NAMES.join(', ')} (PolicyTypeNotFound otherwise).`,
      suggestion ? `use '${suggestion}'.` : 'use one of them.')];
  }
  const attributes = policy.attributes ?? [];
  if (type.name === PolicyTypeName.SSL_NEGOTIATION) {
    return attributes.flatMap((a, i) => a.name === SslNegotiationAttributes.REFERENCE_SECURITY_POLICY ? []
      : checkKnownAttribute(`${path}.attributes[${i}].name`, a.name));
  }
  const findings: Finding[] = [];
  const known = type.attributes.map((d) => d.name);
  attributes.forEach((a, i) => {
    const at = `${path}.attributes[${i}]`;
    const descriptor = type.attributes.find((d) => d.name === a.name);
    if (!descriptor) {
      const suggestion = nearestName(a.name, known);
      findings.push(Findings.error(POLICY_ATTRIBUTE_CODES.ATTRIBUTE_NOT_IN_TYPE, `${at}.name`, `'${a.name}'`,
        `${at}.name is '${a.name}', which ${type.name} does not have.${didYouMean(suggestion)}`,
        `${type.name} takes ${known.map((k) => `'${k}'`).join(', ')}.`,
        suggestion ? `use '${suggestion}'.` : `remove the attribute, or use ${known.map((k) => `'${k}'`).join(' / ')}.`));
      return;
    }
    findings.push(...checkValue(`${at}.value`, descriptor.name, descriptor.attributeType, a.value));
  });
  for (const d of type.attributes) {
    const count = attributes.filter((a) => a.name === d.name).length;
    const required = d.cardinality === AttributeCardinality.ONE || d.cardinality === AttributeCardinality.ONE_OR_MORE;
    const single = d.cardinality === AttributeCardinality.ONE || d.cardinality === AttributeCardinality.ZERO_OR_ONE;
    if (required && count === 0) {
      findings.push(Findings.error(POLICY_ATTRIBUTE_CODES.ATTRIBUTE_MISSING, `${path}.attributes`, '',
        `${path}.attributes has no '${d.name}'.`,
        `${type.name} requires '${d.name}' (${d.description})`,
        `add { name: '${d.name}', value: ... } to ${path}.attributes.`));
    }
    if (single && count > 1) {
      findings.push(Findings.error(POLICY_ATTRIBUTE_CODES.ATTRIBUTE_REPEATED, `${path}.attributes`, String(count),
        `${path}.attributes has ${count} '${d.name}' entries.`,
        `'${d.name}' of ${type.name} takes one value (cardinality ${d.cardinality}).`,
        `keep one '${d.name}' entry.`));
    }
  }
  return findings;
}

function checkValue(at: string, name: string, attributeType: string, value: string): Finding[] {
  const bad = (what: string, fix: string) => [Findings.error(POLICY_ATTRIBUTE_CODES.VALUE_INVALID, at, `'${value}'`,
    `${at} is '${value}' for '${name}', which is not ${what}.`,
    `'${name}' is of type ${attributeType}: ${what}.`, fix)];
  if (typeof value !== 'string') return bad('text', 'write the value as a string.');
  if (attributeType === 'Boolean' && value !== 'true' && value !== 'false') return bad("'true' or 'false'", "set it to 'true' or 'false'.");
  if (attributeType === 'Long' && !/^[0-9]+$/.test(value)) return bad('a whole number of seconds (0 or more)', "set it to e.g. '60', or '0' for a browser-session cookie.");
  if (attributeType === 'PolicyName' && !/^[A-Za-z0-9-]+$/.test(value)) return bad('a policy name (letters, digits, hyphens)', 'name a PublicKeyPolicyType policy of this load balancer.');
  if (name === 'CookieName' && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) return bad('a cookie name (an HTTP token)', "set it to the application's cookie name, e.g. 'JSESSIONID'.");
  if (name === 'PublicKey') {
    const normalized = PublicKeys.normalize(value, at);
    if (normalized.findings.length > 0) return normalized.findings;
    if (normalized.publicKey !== value) {
      return [Findings.error(PUBLIC_KEY_CODES.NOT_NORMALIZED, at, `'${value.slice(0, 24)}...'`,
        `${at} is a valid key but not in the form ELB expects (one-line base64 SPKI).`,
        "A PublicKeyPolicyType policy's PublicKey is base64 of the DER SubjectPublicKeyInfo on one line, without PEM armour.",
        `write PublicKeys.normalize(value).publicKey instead ('${normalized.publicKey!.slice(0, 24)}...').`)];
    }
  }
  return [];
}
