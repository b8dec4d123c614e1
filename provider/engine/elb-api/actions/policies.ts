import type { LoadBalancerDocument, PolicyDocument } from '../../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../../lib/policy/policy-types/policy-type-name';
import { PolicyTypes } from '../../../../lib/policy/policy-types/policy-type-catalog';
import { PredefinedPolicies } from '../../../../lib/policy/predefined/predefined-policies';
import { CipherPolicies } from '../../../../lib/policy/resolution/cipher-policies';
import type { PolicyAttribute } from '../../../../lib/policy/resolution/policy-attribute';
import { PolicyModel } from '../../model/policy-model';
import { findingsError } from '../engine-error-mapping';
import { PortMap } from '../port-map';
import { ApiError, ApiErrors } from '../protocol/api-error';
import { list } from '../protocol/xml';
import { ElbViews } from '../views';
import { ActionTable } from './action';

const REFERENCE = 'Reference-Security-Policy';

/**
 * The attributes a new policy is stored with. SSL negotiation policies are resolved by the policy
 * model into the complete canonical set (what `DescribeLoadBalancerPolicies` answers on AWS too),
 * keeping `Reference-Security-Policy` first when given; public keys are stored as bare base64 SPKI
 * (AWS stores the key even when given a certificate). Unknown attributes and bad values are refused.
 */
function storedAttributes(policyName: string, type: string, given: PolicyAttribute[]): PolicyAttribute[] {
  if (type === PolicyTypeName.SSL_NEGOTIATION) {
    const resolved = CipherPolicies.fromAttributes(given, `policies['${policyName}'].attributes`);
    if (!resolved.policy) throw findingsError(resolved.findings, 'InvalidConfigurationRequest');
    const reference = given.find((a) => a.name === REFERENCE);
    return [...(reference ? [reference] : []), ...resolved.policy.attributes];
  }
  if (type === PolicyTypeName.PUBLIC_KEY) {
    return given.map((a, i) => {
      if (a.name !== 'PublicKey') return a;
      const n = PolicyModel.normalizePublicKey(a.value, `policies['${policyName}'].attributes[${i}].value`);
      if (!n.publicKey) throw findingsError(n.findings, 'InvalidConfigurationRequest');
      return { name: a.name, value: n.publicKey };
    });
  }
  return given;
}

/** Where a policy is in use: listener ports, instance ports, back-end authentication policies naming it. */
function usesOf(doc: LoadBalancerDocument, policyName: string, ports: PortMap): string[] {
  return [
    ...doc.listeners.filter((l) => l.policyNames.includes(policyName)).map((l) => `listener port ${ports.listenerAws(l.loadBalancerPort)}`),
    ...doc.backendServers.filter((b) => b.policyNames.includes(policyName)).map((b) => `instance port ${ports.instanceAws(b.instancePort)}`),
    ...doc.policies.filter((p) => p.attributes.some((a) => a.name === 'PublicKeyPolicyName' && a.value === policyName)).map((p) => `policy '${p.policyName}'`),
  ];
}

/** The `PolicyNotFound` answer. */
export function policyNotFound(names: string[], lb?: string): ApiError {
  return new ApiError('PolicyNotFound', `There is no policy with name ${names.join(', ')}${lb ? ` for load balancer ${lb}` : ''}. Fix: create it first (CreateLoadBalancerPolicy), or name one of the load balancer's policies.`);
}

/** CreateLoadBalancerPolicy, DeleteLoadBalancerPolicy, DescribeLoadBalancerPolicies, DescribeLoadBalancerPolicyTypes. */
export const POLICY_ACTIONS: ActionTable = {
  async CreateLoadBalancerPolicy(ctx) {
    const p = ctx.params;
    const name = p.required('LoadBalancerName');
    const policyName = p.required('PolicyName');
    const type = p.required('PolicyTypeName');
    const given = (p.optionalStructs('PolicyAttributes') ?? []).map((f, i) => {
      const attrName = f.get('AttributeName');
      if (!attrName) throw ApiErrors.missingParameter(`PolicyAttributes.member.${i + 1}.AttributeName`);
      return { name: attrName, value: f.get('AttributeValue') ?? '' };
    });
    if (!PolicyTypes.find(type)) {
      throw new ApiError('PolicyTypeNotFound', `One or more specified policy types do not exist: '${type.slice(0, 100)}'. Fix: use one of ${PolicyTypes.all().map((t) => t.name).join(', ')}.`);
    }
    await ctx.store.edit(name, (doc) => {
      if (doc.policies.some((x) => x.policyName === policyName)) {
        throw new ApiError('DuplicatePolicyName', `Policy name '${policyName}' already exists for load balancer ${name}. Rule: ELB policies cannot be changed in place. Fix: create the new content under another name, point the listeners at it, then delete the old one.`);
      }
      const policy: PolicyDocument = { policyName, policyTypeName: type, attributes: storedAttributes(policyName, type, given) };
      return { ...doc, policies: [...doc.policies, policy].sort((a, b) => (a.policyName < b.policyName ? -1 : 1)) };
    });
    return {};
  },

  async DeleteLoadBalancerPolicy(ctx) {
    const name = ctx.params.required('LoadBalancerName');
    const policyName = ctx.params.required('PolicyName');
    await ctx.store.edit(name, (doc) => {
      const uses = usesOf(doc, policyName, ctx.ports);
      if (uses.length) {
        throw new ApiError('InvalidConfigurationRequest', `Cannot delete policy '${policyName}' of load balancer ${name}: it is in use by ${uses.join(', ')}. Rule: a policy enabled on a listener or back-end port cannot be deleted. Fix: set that port's policies without it first (SetLoadBalancerPoliciesOfListener / SetLoadBalancerPoliciesForBackendServer). Nothing was changed.`, 409);
      }
      return { ...doc, policies: doc.policies.filter((x) => x.policyName !== policyName) };
    });
    return {};
  },

  async DescribeLoadBalancerPolicies(ctx) {
    const name = ctx.params.optional('LoadBalancerName');
    const names = ctx.params.optionalList('PolicyNames') ?? [];
    const predefined = PredefinedPolicies.all().map((d) => ({
      policyName: d.name, policyTypeName: PolicyTypeName.SSL_NEGOTIATION, attributes: CipherPolicies.fromAttributes([{ name: REFERENCE, value: d.name }]).policy!.attributes,
    }));
    const own = name ? (await ctx.store.get(name)).document.policies : [];
    const pool = [...own, ...predefined];
    let chosen;
    if (names.length) {
      const missing = names.filter((n) => !pool.some((x) => x.policyName === n));
      if (missing.length) throw policyNotFound(missing, name);
      chosen = names.map((n) => pool.find((x) => x.policyName === n)!);
    } else {
      chosen = name ? own : predefined;
    }
    return { PolicyDescriptions: list(chosen.map((x) => ElbViews.policy(x))) };
  },

  async DescribeLoadBalancerPolicyTypes(ctx) {
    const names = ctx.params.optionalList('PolicyTypeNames') ?? [];
    const all = PolicyTypes.all();
    const missing = names.filter((n) => !all.some((t) => t.name === n));
    if (missing.length) throw new ApiError('PolicyTypeNotFound', `One or more specified policy types do not exist: ${missing.join(', ')}.`);
    const chosen = names.length ? all.filter((t) => names.includes(t.name)) : all;
    return {
      PolicyTypeDescriptions: list(chosen.map((t) => ({
        PolicyTypeName: t.name,
        Description: t.description,
        PolicyAttributeTypeDescriptions: list(t.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.attributeType, Cardinality: a.cardinality }))),
      }))),
    };
  },
};
