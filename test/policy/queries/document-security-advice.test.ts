import { ListenerProtocol } from '../../../lib/policy/document/listener-protocol';
import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { PredefinedPolicies } from '../../../lib/policy/predefined/predefined-policies';
import { documentSecurityAdvice } from '../../../lib/policy/queries/document-security-advice';
import { CipherPolicies } from '../../../lib/policy/resolution/cipher-policies';
import { SecurityWarningIds } from '../../../lib/policy/security/security-warning-ids';
import { walkthroughDocument, WALKTHROUGH_NAMES } from '../fixtures/walkthrough-document';

const codes = (doc: LoadBalancerDocument) => documentSecurityAdvice(doc).map((a) => a.finding.code);

describe('documentSecurityAdvice', () => {
  test("the walk-through: its policy enables TLS 1.0 (and the default's TLS 1.1), judged on listener 443", () => {
    const advice = documentSecurityAdvice(walkthroughDocument());
    expect(advice.map((a) => a.finding.code)).toEqual([SecurityWarningIds.TLS10_ENABLED, SecurityWarningIds.TLS11_ENABLED]);
    for (const a of advice) {
      expect(a.scope).toBe('listener 443');
      expect(a.sslPolicy?.name).toBe(WALKTHROUGH_NAMES.sslPolicy());
      expect(a.finding.message).toContain(`policy '${WALKTHROUGH_NAMES.sslPolicy()}'`);
    }
  });

  test("a TLS listener naming no policy is judged on ELB's default, named as such", () => {
    const doc = walkthroughDocument();
    const bare = { ...doc, listeners: doc.listeners.map((l) => ({ ...l, policyNames: [] })) };
    const advice = documentSecurityAdvice(bare);
    expect(advice.length).toBeGreaterThan(0);
    expect(advice[0].sslPolicy?.name).toBe(`${PredefinedPolicies.DEFAULT} (ELB default)`);
  });

  test('listener advice comes after policy advice: an HTTPS back end without authentication, HTTP without HTTPS', () => {
    const doc = walkthroughDocument();
    const unauthenticated = { ...doc, backendServers: [] };
    expect(codes(unauthenticated).slice(-1)).toEqual([SecurityWarningIds.NO_BACKEND_AUTH]);
    const noBackendAdvice = documentSecurityAdvice(unauthenticated).slice(-1)[0];
    expect(noBackendAdvice.scope).toBe('listener 443');
    expect(noBackendAdvice.sslPolicy).toBeUndefined();
    const httpOnly = { ...doc, listeners: doc.listeners.filter((l) => l.protocol === ListenerProtocol.HTTP) };
    expect(codes(httpOnly)).toEqual([SecurityWarningIds.HTTP_WITHOUT_HTTPS]);
  });

  test('the caller names listeners and chooses the policy to judge', () => {
    const strong = CipherPolicies.fromPredefined(PredefinedPolicies.DEFAULT);
    const advice = documentSecurityAdvice(walkthroughDocument(), {
      listenerLabel: (l) => `port ${l.loadBalancerPort}`,
      sslPolicy: (l) => (l.loadBalancerPort === 443 ? { name: 'chosen', policy: { ...strong, serverDefinedCipherOrder: false } } : undefined),
    });
    expect(advice.map((a) => a.finding.code)).toContain(SecurityWarningIds.CLIENT_CIPHER_ORDER);
    expect(new Set(advice.map((a) => a.scope))).toEqual(new Set(['port 443']));
    expect(advice.every((a) => a.sslPolicy?.name === 'chosen')).toBe(true);
  });
});
