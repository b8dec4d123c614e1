import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';
import { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { defaultSslPolicy, effectiveSslPolicy } from '../../../lib/policy/queries/effective-ssl-policy';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { walkthroughDocument, walkthroughSslPolicy, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';

const listenerOn = (doc: LoadBalancerDocument, port: number) => doc.listeners.find((l) => l.loadBalancerPort === port)!;

/** The walk-through with the HTTPS listener's policy names replaced. */
function withPolicyNames(names: string[], extraPolicies: PolicyDocument[] = []): LoadBalancerDocument {
  const doc = walkthroughDocument();
  return {
    ...doc,
    policies: [...doc.policies, ...extraPolicies],
    listeners: doc.listeners.map((l) => (l.loadBalancerPort === 443 ? { ...l, policyNames: names } : l)),
  };
}

describe('effectiveSslPolicy', () => {
  test('an HTTPS listener naming an SSL negotiation policy follows that policy', () => {
    const doc = walkthroughDocument();
    const effective = effectiveSslPolicy(doc, listenerOn(doc, 443))!;
    expect(effective.policy?.policyName).toBe(WALKTHROUGH_NAMES.sslPolicy());
    expect(effective.path).toBe(`policies['${WALKTHROUGH_NAMES.sslPolicy()}'].attributes`);
    expect(effective.resolution.policy?.contentHash).toBe(walkthroughSslPolicy().contentHash);
    expect(effective.resolution.policy?.protocols).toContain('Protocol-TLSv1');
  });

  test('an HTTP listener negotiates nothing', () => {
    const doc = walkthroughDocument();
    expect(effectiveSslPolicy(doc, listenerOn(doc, 80))).toBeUndefined();
  });

  test('a TCP listener negotiates nothing, an SSL listener does (in any case)', () => {
    const doc = walkthroughDocument();
    const tcp = { ...listenerOn(doc, 443), protocol: ListenerProtocol.TCP, instanceProtocol: ListenerProtocol.TCP };
    const ssl = { ...listenerOn(doc, 443), protocol: 'ssl' as ListenerProtocol, instanceProtocol: ListenerProtocol.SSL };
    expect(effectiveSslPolicy(doc, tcp)).toBeUndefined();
    expect(effectiveSslPolicy(doc, ssl)?.policy?.policyName).toBe(WALKTHROUGH_NAMES.sslPolicy());
  });

  test("a TLS listener naming none follows ELB's default predefined policy", () => {
    const doc = withPolicyNames([]);
    const effective = effectiveSslPolicy(doc, listenerOn(doc, 443))!;
    expect(effective.policy).toBeUndefined();
    expect(effective.path).toBe('defaultSslPolicy');
    expect(effective.resolution.policy).toEqual(CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT));
    expect(defaultSslPolicy()).toEqual(CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT));
  });

  test('names of other policy types and names of no policy are passed over; the first SSL policy wins', () => {
    const other = CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT);
    const second: PolicyDocument = { policyName: 'second-ssl', policyTypeName: PolicyTypeName.SSL_NEGOTIATION, attributes: other.attributes };
    const doc = withPolicyNames(['no-such-policy', WALKTHROUGH_NAMES.publicKeyPolicy, WALKTHROUGH_NAMES.sslPolicy(), 'second-ssl'], [second]);
    expect(effectiveSslPolicy(doc, listenerOn(doc, 443))!.policy?.policyName).toBe(WALKTHROUGH_NAMES.sslPolicy());
    const swapped = withPolicyNames(['second-ssl', WALKTHROUGH_NAMES.sslPolicy()], [second]);
    expect(effectiveSslPolicy(swapped, listenerOn(swapped, 443))!.resolution.policy?.contentHash).toBe(other.contentHash);
  });

  test('a policy that does not resolve gives its findings at its path, and no policy', () => {
    const broken: PolicyDocument = { policyName: 'broken', policyTypeName: PolicyTypeName.SSL_NEGOTIATION, attributes: [{ name: 'Protocol-TLSv9', value: 'true' }] };
    const doc = withPolicyNames(['broken'], [broken]);
    const effective = effectiveSslPolicy(doc, listenerOn(doc, 443))!;
    expect(effective.resolution.policy).toBeUndefined();
    expect(effective.resolution.findings.map((f) => f.path)).toContain("policies['broken'].attributes[0].name");
  });
});
