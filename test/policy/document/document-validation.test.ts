import { validateDocument } from '../../../lib/policy/document/document-validation';
import { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { walkthroughDocument, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';

/** The walk-through document with its SSL negotiation policy's attributes changed by `edit`. */
function withSslAttributes(edit: (attributes: PolicyDocument['attributes']) => unknown[]): LoadBalancerDocument {
  const doc = walkthroughDocument();
  return {
    ...doc,
    policies: doc.policies.map((p) => (p.policyName === WALKTHROUGH_NAMES.sslPolicy()
      ? { ...p, attributes: edit(p.attributes) as PolicyDocument['attributes'] } : p)),
  };
}

const sslIndex = (doc: LoadBalancerDocument) => doc.policies.findIndex((p) => p.policyTypeName === PolicyTypeName.SSL_NEGOTIATION);

// SSL negotiation attribute lists are resolved once per path and content (1,000 load balancers
// repeat a few policies); these pin that the result is what resolving every time gives.
describe('validateDocument: SSL negotiation attributes resolved once per content', () => {
  test('the same list twice gives the same findings as resolving it each time', () => {
    const doc = withSslAttributes((attrs) => [...attrs, { name: 'Protocol-TLSv9', value: 'true' }]);
    const direct = CipherPolicies.fromAttributes(doc.policies[sslIndex(doc)].attributes, `policies[${sslIndex(doc)}].attributes`).findings;
    expect(direct.length).toBeGreaterThan(0);
    const first = validateDocument(doc);
    const second = validateDocument(doc);
    expect(second).toEqual(first);
    for (const f of direct) expect(first).toContainEqual(f);
  });

  test('each caller gets its own findings: changing one result changes no later one', () => {
    const doc = withSslAttributes((attrs) => [...attrs, { name: 'Protocol-TLSv9', value: 'true' }]);
    const first = validateDocument(doc);
    const pristine = JSON.stringify(first);
    (first[0] as { message: string }).message = 'changed by a caller';
    expect(JSON.stringify(validateDocument(doc))).toBe(pristine);
  });

  test('the same list at another path reports that path', () => {
    const doc = withSslAttributes((attrs) => [...attrs, { name: 'Protocol-TLSv9', value: 'true' }]);
    const i = sslIndex(doc);
    const moved = { ...doc, policies: [...doc.policies.slice(0, i), ...doc.policies.slice(i + 1), doc.policies[i]] };
    const paths = (d: LoadBalancerDocument) => validateDocument(d).filter((f) => f.path.includes('.attributes')).map((f) => f.path.replace(/\].*/, ']'));
    expect(paths(doc)).toEqual([`policies[${i}]`]);
    expect(paths(moved)).toEqual([`policies[${moved.policies.length - 1}]`]);
  });

  test('a value that is not a string is never mistaken for the string it prints as', () => {
    const asText = withSslAttributes((attrs) => attrs.map((a) => (a.name === 'Protocol-TLSv1' ? { ...a, value: 'true' } : a)));
    const asBoolean = withSslAttributes((attrs) => attrs.map((a) => (a.name === 'Protocol-TLSv1' ? { ...a, value: true } : a)));
    expect(validateDocument(asText).map((f) => f.code)).not.toContain('SECLB_POLICY_BAD_BOOLEAN');
    expect(validateDocument(asBoolean).map((f) => f.code)).toContain('SECLB_POLICY_BAD_BOOLEAN');
    expect(validateDocument(asText).map((f) => f.code)).not.toContain('SECLB_POLICY_BAD_BOOLEAN');
  });

  test('names and values are told apart where they meet', () => {
    // 'a' + 'bc' and 'ab' + 'c' must not share a cache entry.
    const one = withSslAttributes((attrs) => [...attrs, { name: 'Protocol-TLSv1', value: 'truefalse' }]);
    const two = withSslAttributes((attrs) => [...attrs, { name: 'Protocol-TLSv1true', value: 'false' }]);
    expect(validateDocument(one).map((f) => f.code)).not.toEqual(validateDocument(two).map((f) => f.code));
  });
});
