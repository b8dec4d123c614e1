import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { resolveSslPolicyAttributes } from '../../../lib/policy/resolution/shared-resolutions';
import { walkthroughSslPolicy } from '../fixtures/walkthrough-document';

describe('resolveSslPolicyAttributes', () => {
  test('gives what CipherPolicies.fromAttributes gives, first time and again', () => {
    const attributes = walkthroughSslPolicy().attributes;
    const direct = CipherPolicies.fromAttributes(attributes, 'p');
    expect(resolveSslPolicyAttributes(attributes, 'p')).toEqual(direct);
    expect(resolveSslPolicyAttributes(attributes, 'p')).toEqual(direct);
  });

  test('one attribute list is resolved once: equal lists share one canonical policy, whatever the path', () => {
    const attributes = walkthroughSslPolicy().attributes;
    const first = resolveSslPolicyAttributes(attributes, 'policies[0].attributes').policy;
    const copy = attributes.map((a) => ({ ...a }));
    expect(resolveSslPolicyAttributes(copy, "policies['x'].attributes").policy).toBe(first);
  });

  test('findings name the path asked for, and each caller gets its own', () => {
    const attributes = [...walkthroughSslPolicy().attributes, { name: 'Protocol-TLSv9', value: 'true' }];
    const atA = resolveSslPolicyAttributes(attributes, 'a');
    const atB = resolveSslPolicyAttributes(attributes, 'b');
    expect(atA.findings.length).toBeGreaterThan(0);
    expect(atA.findings.every((f) => f.path.startsWith('a['))).toBe(true);
    expect(atB.findings.every((f) => f.path.startsWith('b['))).toBe(true);
    (atA.findings[0] as { message: string }).message = 'changed by a caller';
    expect(resolveSslPolicyAttributes(attributes, 'a').findings).toEqual(CipherPolicies.fromAttributes(attributes, 'a').findings);
  });

  test('a list holding a non-string value is resolved as written, never as the string it prints as', () => {
    const asText = [{ name: 'Protocol-TLSv1_2', value: 'true' }, { name: 'Protocol-TLSv1.2', value: 'true' }];
    const asBoolean = [{ name: 'Protocol-TLSv1.2', value: true as unknown as string }];
    expect(resolveSslPolicyAttributes(asBoolean).findings.map((f) => f.code)).toContain('SECLB_POLICY_BAD_BOOLEAN');
    expect(resolveSslPolicyAttributes([asText[1]]).findings.map((f) => f.code)).not.toContain('SECLB_POLICY_BAD_BOOLEAN');
  });
});
