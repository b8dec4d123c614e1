import { localMappingRows } from '../../../../provider/deploy/render/local-mapping-rows';
import { PlanLocalMapping, planDeployment, renderPlanMarkdown, renderPlanText } from '../../../../provider/deploy';

const MAPPING: PlanLocalMapping = {
  loadBalancers: [{
    name: 'web-b',
    instances: [
      { source: 'i-0123456789abcdef0', instanceId: 'i-0123456789abcdef0', address: '127.0.0.11', rule: 'default pool' },
      { source: '${aws_instance.App1.id}', resourcePath: 'App1', instanceId: 'i-1b2c3d4e5f6a7b8c9', address: '127.0.0.12', rule: 'instanceAddresses' },
    ],
    listeners: [{ loadBalancerPort: 80, localPort: 80, rule: 'unchanged' }, { loadBalancerPort: 443, localPort: 18444, rule: 'allocated' }],
  }],
  standInCertificates: [{ name: 'web', standInFor: 'arn:aws:iam::123456789012:server-certificate/prod/web' }],
};

test('rows: token instances, moved ports and every stand-in; literal ids on their address and unmoved ports are left to the JSON', () => {
  expect(localMappingRows(MAPPING)).toEqual([
    { loadBalancer: 'web-b', kind: 'instance', declared: '${aws_instance.App1.id} (App1)', local: 'i-1b2c3d4e5f6a7b8c9 at 127.0.0.12', rule: 'instanceAddresses' },
    { loadBalancer: 'web-b', kind: 'listener', declared: 'port 443', local: '127.0.0.1:18444', rule: 'allocated' },
    { loadBalancer: '', kind: 'certificate', declared: 'arn:aws:iam::123456789012:server-certificate/prod/web', local: "stand-in 'web' (self-signed, kept in the state directory)", rule: 'certificateStandIns' },
  ]);
  expect(localMappingRows(undefined)).toEqual([]);
});

test('the text and Markdown plans show the mapping; a plan without one shows none', () => {
  const plan = { ...planDeployment({ loadBalancers: [] }, { loadBalancers: [] }), localMapping: MAPPING };
  const text = renderPlanText(plan);
  expect(text).toContain('Local mapping (what only AWS resolves, as the local target mapped it):');
  expect(text).toContain('  web-b listener port 443 -> 127.0.0.1:18444 [allocated]');
  expect(text).toContain("  certificate arn:aws:iam::123456789012:server-certificate/prod/web -> stand-in 'web' (self-signed, kept in the state directory) [certificateStandIns]");
  expect(renderPlanMarkdown(plan)).toMatch(/<details><summary><b>Local mapping<\/b>: 3 item\(s\), 1 stand-in certificate\(s\)<\/summary>[\s\S]*\| `web-b` \| instance \| `\$\{aws_instance.App1.id\} \(App1\)` \|/);
  expect(renderPlanText({ ...plan, localMapping: undefined })).not.toContain('Local mapping');
});
