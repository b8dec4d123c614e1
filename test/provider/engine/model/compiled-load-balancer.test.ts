import { LoadBalancerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { PredefinedPolicies } from '../../../../lib/policy/predefined/predefined-policies';
import { TlsCapabilitySets } from '../../../../lib/policy/tls/tls-capabilities';
import { ServerCertificateRecord } from '../../../../provider/engine/certificates/server-certificate';
import { ENGINE_FINDING_CODES } from '../../../../provider/engine/errors';
import { LoadBalancerCompiler } from '../../../../provider/engine/model/compiled-load-balancer';
import { makeTestPki, TestPki } from '../../../policy/certificates/pki';
import { walkthroughBackendKeyPair, walkthroughDocument, WALKTHROUGH_NAMES } from '../../../policy/fixtures/walkthrough-document';

let pki: TestPki;
let certificates: Map<string, ServerCertificateRecord>;
const capabilities = TlsCapabilitySets.documentedNode20();

beforeAll(() => {
  pki = makeTestPki();
  certificates = new Map([[WALKTHROUGH_NAMES.certificate, {
    name: WALKTHROUGH_NAMES.certificate, certificateBody: pki.leafPem, privateKey: pki.leafKeyPem, certificateChain: pki.intermediatePem, revision: 1,
  }]]);
});

/** The walk-through with loopback addresses for its instances (what the local engine runs). */
function localWalkthrough(): LoadBalancerDocument {
  const doc = walkthroughDocument();
  return { ...doc, instances: doc.instances.map((inst, i) => ({ ...inst, address: `127.0.0.${11 + i}` })) };
}

describe('LoadBalancerCompiler.compile', () => {
  test('the walk-through: a plain HTTP listener, an HTTPS listener on its policy, pinned TLS targets on 443', () => {
    const { compiled, findings } = LoadBalancerCompiler.compile(localWalkthrough(), certificates, capabilities);
    expect(findings).toEqual([]);
    const [http, https] = compiled!.listeners;
    expect([http.port, http.tlsContexts, http.sslPolicyName, http.forwardedProto]).toEqual([80, undefined, undefined, 'http']);
    expect([https.port, https.sslPolicyName, https.certificateName, https.forwardedProto]).toEqual([443, WALKTHROUGH_NAMES.sslPolicy(), WALKTHROUGH_NAMES.certificate, 'https']);
    expect(https.tlsContexts).toBeDefined();
    expect(https.tlsSettings?.minVersion).toBe('TLSv1');
    const on443 = compiled!.targetsByPort.get(443)!;
    expect(on443.map((t) => [t.address, t.tls])).toEqual([['127.0.0.11', true], ['127.0.0.12', true]]);
    expect([...on443[0].pins!.keys]).toEqual([walkthroughBackendKeyPair().publicKeySpki]);
    expect(on443[0].pins!.policyName).toBe(WALKTHROUGH_NAMES.authenticationPolicy);
    expect(compiled!.targetsByPort.get(8080)!.every((t) => !t.tls && t.pins === undefined)).toBe(true);
    expect([...compiled!.proxyProtocolPorts]).toEqual([]);
    expect(compiled!.healthPlan.pins).toBeUndefined();
  });

  test("an HTTPS listener naming no SSL policy runs ELB's default, so named", () => {
    const doc = localWalkthrough();
    const bare = { ...doc, listeners: doc.listeners.map((l) => ({ ...l, policyNames: [] })) };
    const https = LoadBalancerCompiler.compile(bare, certificates, capabilities).compiled!.listeners[1];
    expect(https.sslPolicyName).toBe(`${PredefinedPolicies.DEFAULT} (default)`);
  });

  test('a health check on a pinned port carries the pins; proxy protocol reaches its port', () => {
    const doc = localWalkthrough();
    const edited: LoadBalancerDocument = {
      ...doc,
      healthCheck: { ...doc.healthCheck, target: 'SSL:443' },
      policies: [...doc.policies, { policyName: 'proxy', policyTypeName: 'ProxyProtocolPolicyType', attributes: [{ name: 'ProxyProtocol', value: 'true' }] }],
      backendServers: [...doc.backendServers, { instancePort: 8080, policyNames: ['proxy'] }],
    };
    const { compiled } = LoadBalancerCompiler.compile(edited, certificates, capabilities);
    expect(compiled!.healthPlan.pins?.policyName).toBe(WALKTHROUGH_NAMES.authenticationPolicy);
    expect([...compiled!.proxyProtocolPorts]).toEqual([8080]);
  });

  test('what the engine cannot run is reported part by part, in order, and nothing is compiled', () => {
    const doc = localWalkthrough();
    const broken: LoadBalancerDocument = {
      ...doc,
      listeners: doc.listeners.map((l) => (l.loadBalancerPort === 443 ? { ...l, sslCertificateId: 'not-uploaded' } : l)),
      policies: doc.policies.filter((p) => p.policyName !== WALKTHROUGH_NAMES.publicKeyPolicy),
      instances: [{ instanceId: 'i-remote', address: '10.0.0.5' }],
      healthCheck: { ...doc.healthCheck, target: 'HTTP' },
    };
    const { compiled, findings } = LoadBalancerCompiler.compile(broken, certificates, capabilities);
    expect(compiled).toBeUndefined();
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      [ENGINE_FINDING_CODES.UNKNOWN_CERTIFICATE, 'listeners[1].sslCertificateId'],
      [ENGINE_FINDING_CODES.PUBLIC_KEY, 'backendServers[0]'],
      [ENGINE_FINDING_CODES.INSTANCE_ADDRESS, 'instances[0].address'],
      [ENGINE_FINDING_CODES.HEALTH_TARGET, 'healthCheck.target'],
    ]);
  });

  test('an unchanged TLS listener keeps the live revision\'s secure contexts; a changed one gets new ones', () => {
    const doc = localWalkthrough();
    const first = LoadBalancerCompiler.compile(doc, certificates, capabilities).compiled!;
    const again = LoadBalancerCompiler.compile(doc, certificates, capabilities, { previous: first }).compiled!;
    expect(again.listeners[1].tlsContexts).toBe(first.listeners[1].tlsContexts);
    const renewed = new Map(certificates);
    renewed.set(WALKTHROUGH_NAMES.certificate, { ...certificates.get(WALKTHROUGH_NAMES.certificate)!, revision: 2 });
    const changed = LoadBalancerCompiler.compile(doc, renewed, capabilities, { previous: first }).compiled!;
    expect(changed.listeners[1].tlsContexts).not.toBe(first.listeners[1].tlsContexts);
  });

  test('without secure contexts (a primary that serves no traffic) TLS listeners carry settings only', () => {
    const https = LoadBalancerCompiler.compile(localWalkthrough(), certificates, capabilities, { secureContexts: false }).compiled!.listeners[1];
    expect(https.tlsContexts).toBeUndefined();
    expect(https.tlsSettings).toBeDefined();
  });
});
