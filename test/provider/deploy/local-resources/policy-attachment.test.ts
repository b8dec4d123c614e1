import { LoadBalancerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { PolicyAttachmentDocument } from '../../../../lib/policy/document/policy-attachment-document';
import { PolicyAttachments } from '../../../../provider/deploy/local-resources/policy-attachment';
import { lbDocument, listener } from '../../engine/helpers/documents';

const sticky = (name: string, period = '60') => ({ policyName: name, policyTypeName: 'LBCookieStickinessPolicyType', attributes: [{ name: 'CookieExpirationPeriod', value: period }] });

function live(): LoadBalancerDocument {
  return lbDocument('shared', {
    listeners: [listener(80, 'HTTP', 8080, 'HTTP', { policyNames: ['theirs'] }), listener(81, 'HTTP', 8081, 'HTTP')],
    policies: [sticky('theirs')],
    instances: [{ instanceId: 'i-1', address: '127.0.0.11' }],
    healthCheck: { target: 'TCP:8080' },
  });
}

const mine: PolicyAttachmentDocument = { loadBalancerName: 'shared', policies: [sticky('mine')], listeners: [{ loadBalancerPort: 81, policyNames: ['mine'] }], backendServers: [] };

test('parse accepts an attachment in any key order and formatting, and normalizes it', () => {
  const text = JSON.stringify({ listeners: mine.listeners, backendServers: [], policies: mine.policies, loadBalancerName: 'shared' });
  const r = PolicyAttachments.parse(text);
  expect(r.findings).toEqual([]);
  expect(PolicyAttachments.equal(r.attachment!, mine)).toBe(true);
});

test('parse rejects bad JSON, unknown keys and rule-breaking policies with paths', () => {
  expect(PolicyAttachments.parse('{').findings[0].code).toBe('SECLB_DEPLOY_LOCAL_ATTACHMENT_FORMAT');
  expect(PolicyAttachments.parse(JSON.stringify({ ...mine, extra: 1 })).findings[0].path).toBe('extra');
  const bad = PolicyAttachments.parse(JSON.stringify({ ...mine, policies: [{ ...sticky('bad_name') }], listeners: [] }));
  expect(bad.attachment).toBeUndefined();
  expect(bad.findings.some((f) => f.path.startsWith('policies[0]'))).toBe(true);
});

test('merge adds the policies and sets exactly the owned port lists, leaving the rest alone', () => {
  const r = PolicyAttachments.merge(live(), mine);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(r.document!.policies.map((p) => p.policyName)).toEqual(['mine', 'theirs']);
  expect(r.document!.listeners.map((l) => l.policyNames)).toEqual([['theirs'], ['mine']]);
});

test('merge with the previous attachment drops policies it no longer declares', () => {
  const first = PolicyAttachments.merge(live(), mine).document!;
  const next: PolicyAttachmentDocument = { ...mine, policies: [sticky('mine2')], listeners: [{ loadBalancerPort: 81, policyNames: ['mine2'] }] };
  const r = PolicyAttachments.merge(first, next, mine);
  expect(r.document!.policies.map((p) => p.policyName)).toEqual(['mine2', 'theirs']);
  expect(r.document!.listeners[1].policyNames).toEqual(['mine2']);
});

test('merge reports a listener port the load balancer lacks', () => {
  const r = PolicyAttachments.merge(live(), { ...mine, listeners: [{ loadBalancerPort: 99, policyNames: ['mine'] }] });
  expect(r.document).toBeUndefined();
  expect(r.findings[0]).toMatchObject({ code: 'SECLB_DEPLOY_LOCAL_ATTACHMENT_LISTENER_MISSING', path: 'listeners[0].loadBalancerPort' });
});

test('extract sees exactly the owned parts: equal after merge, different after an outside change', () => {
  const merged = PolicyAttachments.merge(live(), mine).document!;
  expect(PolicyAttachments.equal(PolicyAttachments.extract(merged, mine), mine)).toBe(true);
  const changed = { ...merged, policies: merged.policies.map((p) => (p.policyName === 'mine' ? sticky('mine', '120') : p)) };
  expect(PolicyAttachments.equal(PolicyAttachments.extract(changed, mine), mine)).toBe(false);
  const theirsChanged = { ...merged, idleTimeoutSeconds: 300, policies: merged.policies.map((p) => (p.policyName === 'theirs' ? sticky('theirs', '5') : p)) };
  expect(PolicyAttachments.equal(PolicyAttachments.extract(theirsChanged, mine), mine)).toBe(true);
});

test('remove takes out the attachment\'s policies and their names, and nothing else', () => {
  const merged = PolicyAttachments.merge(live(), mine).document!;
  const removed = PolicyAttachments.remove(merged, mine);
  expect(removed.policies.map((p) => p.policyName)).toEqual(['theirs']);
  expect(removed.listeners.map((l) => l.policyNames)).toEqual([['theirs'], []]);
});

test('everything (import) adopts every policy and every port list', () => {
  const all = PolicyAttachments.everything(PolicyAttachments.merge(live(), mine).document!);
  expect(all.policies.map((p) => p.policyName)).toEqual(['mine', 'theirs']);
  expect(all.listeners).toEqual([{ loadBalancerPort: 80, policyNames: ['theirs'] }, { loadBalancerPort: 81, policyNames: ['mine'] }]);
});
