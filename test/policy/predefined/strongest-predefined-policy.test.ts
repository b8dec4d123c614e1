import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { strongestPredefinedPolicy } from '../../../lib/policy/predefined/strongest-predefined-policy';

test('the strongest predefined policy is derived from the table: the only TLS 1.2-only policy, no weak cipher', () => {
  const strongest = strongestPredefinedPolicy();
  expect(strongest.protocols).toEqual(['Protocol-TLSv1.2']);
  expect(PredefinedPolicies.all().filter((p) => p.protocols.length === 1 && p.protocols[0] === 'Protocol-TLSv1.2').map((p) => p.name)).toEqual([strongest.name]);
  expect(strongest.name).toBe('ELBSecurityPolicy-TLS-1-2-2017-01');
});
