import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { PolicyTypeName } from '../../../lib/policy/policy-types/policy-type-name';
import { proxyProtocolPorts } from '../../../lib/policy/queries/proxy-protocol-ports';
import { walkthroughDocument, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';

/** The walk-through with a ProxyProtocol policy whose value is `value`, bound to `ports`. */
function withProxyProtocol(value: string, ports: number[]): LoadBalancerDocument {
  const doc = walkthroughDocument();
  return {
    ...doc,
    policies: [...doc.policies, { policyName: 'proxy', policyTypeName: PolicyTypeName.PROXY_PROTOCOL, attributes: [{ name: 'ProxyProtocol', value }] }],
    backendServers: [...doc.backendServers.map((b) => (ports.includes(b.instancePort) ? { ...b, policyNames: [...b.policyNames, 'proxy'] } : b)),
      ...ports.filter((p) => !doc.backendServers.some((b) => b.instancePort === p)).map((instancePort) => ({ instancePort, policyNames: ['proxy'] }))],
  };
}

describe('proxyProtocolPorts', () => {
  test('the walk-through sends no proxy-protocol header', () => {
    expect([...proxyProtocolPorts(walkthroughDocument())]).toEqual([]);
  });

  test("ports bound to a ProxyProtocol policy with 'true' send the header", () => {
    expect([...proxyProtocolPorts(withProxyProtocol('true', [8080, 443])).values()].sort()).toEqual([443, 8080]);
  });

  test("a ProxyProtocol policy with 'false' sends none", () => {
    expect([...proxyProtocolPorts(withProxyProtocol('false', [8080]))]).toEqual([]);
  });

  test('a port bound only to other policy types sends none', () => {
    const doc = walkthroughDocument();
    expect(doc.backendServers[0].policyNames).toEqual([WALKTHROUGH_NAMES.authenticationPolicy]);
    expect(proxyProtocolPorts(doc).has(443)).toBe(false);
  });
});
