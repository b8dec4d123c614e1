import { LoadBalancerDocument, PolicyDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { authenticatedInstancePorts, backendPins } from '../../../lib/policy/queries/backend-pins';
import { walkthroughBackendKeyPair, walkthroughDocument, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';

const keyPolicy = (name: string, value: string): PolicyDocument => ({ policyName: name, policyTypeName: PolicyTypeName.PUBLIC_KEY, attributes: [{ name: 'PublicKey', value }] });
const authPolicy = (name: string, keys: string[]): PolicyDocument => ({
  policyName: name, policyTypeName: PolicyTypeName.BACKEND_SERVER_AUTHENTICATION, attributes: keys.map((k) => ({ name: 'PublicKeyPolicyName', value: k })),
});

describe('backendPins', () => {
  test("the walk-through pins instance port 443 to its back end's key, as one-line base64 SPKI", () => {
    const pins = backendPins(walkthroughDocument());
    expect(pins).toEqual([{
      backendIndex: 0, instancePort: 443, policyName: WALKTHROUGH_NAMES.authenticationPolicy,
      keys: [{ keyPolicyName: WALKTHROUGH_NAMES.publicKeyPolicy, publicKey: walkthroughBackendKeyPair().publicKeySpki, findings: [] }],
    }]);
  });

  test('a PEM public key is normalized to the same base64 SPKI', () => {
    const pins = backendPins(walkthroughDocument(walkthroughBackendKeyPair().publicKeyPem));
    expect(pins[0].keys[0].publicKey).toBe(walkthroughBackendKeyPair().publicKeySpki);
  });

  test('a missing key policy gives a key with no value and no findings; an unreadable one gives the findings', () => {
    const doc = walkthroughDocument();
    const edited: LoadBalancerDocument = {
      ...doc,
      policies: [...doc.policies.filter((p) => p.policyName !== WALKTHROUGH_NAMES.authenticationPolicy),
        authPolicy(WALKTHROUGH_NAMES.authenticationPolicy, ['gone', 'garbled']), keyPolicy('garbled', 'not a key')],
    };
    const [pin] = backendPins(edited);
    expect(pin.keys.map((k) => k.keyPolicyName)).toEqual(['gone', 'garbled']);
    expect(pin.keys[0]).toEqual({ keyPolicyName: 'gone', findings: [] });
    expect(pin.keys[1].publicKey).toBeUndefined();
    expect(pin.keys[1].findings.length).toBeGreaterThan(0);
    expect(pin.keys[1].findings[0].path).toBe("policies['garbled'].attributes.PublicKey");
  });

  test('ports without an authentication policy have no pins; names of other policies are passed over', () => {
    const doc = walkthroughDocument();
    const edited: LoadBalancerDocument = {
      ...doc,
      backendServers: [{ instancePort: 8080, policyNames: [WALKTHROUGH_NAMES.publicKeyPolicy, 'no-such-policy'] }, ...doc.backendServers],
    };
    expect(backendPins(edited).map((p) => [p.backendIndex, p.instancePort])).toEqual([[1, 443]]);
    expect([...authenticatedInstancePorts(edited)]).toEqual([[443, [WALKTHROUGH_NAMES.authenticationPolicy]]]);
  });

  test('two authentication policies on one port are both listed, in the order the binding names them', () => {
    const doc = walkthroughDocument();
    const spki = walkthroughBackendKeyPair().publicKeySpki;
    const edited: LoadBalancerDocument = {
      ...doc,
      policies: [...doc.policies, keyPolicy('k2', spki), authPolicy('auth-2', ['k2'])],
      backendServers: [{ instancePort: 443, policyNames: ['auth-2', WALKTHROUGH_NAMES.authenticationPolicy] }],
    };
    expect(backendPins(edited).map((p) => p.policyName)).toEqual(['auth-2', WALKTHROUGH_NAMES.authenticationPolicy]);
    expect(authenticatedInstancePorts(edited).get(443)).toEqual(['auth-2', WALKTHROUGH_NAMES.authenticationPolicy]);
  });
});
