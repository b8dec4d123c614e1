import { withUnmappedInstances } from '../../../../provider/engine/health/unmapped-instances';
import { freePort } from '../helpers/backends';
import { lbDocument, listener } from '../helpers/documents';
import { startEngine } from '../helpers/engine-harness';

test('an instance without an address is OutOfService (reason ELB) with a description naming the fix; checked ones keep their state; sorted by id', () => {
  const doc = lbDocument('web', { listeners: [listener(8080, 'HTTP', 80, 'HTTP')], healthCheck: { target: 'TCP:80' }, instances: [{ instanceId: 'i-b' }, { instanceId: 'i-a', address: '127.0.0.11' }] });
  const states = withUnmappedInstances(doc, [{ InstanceId: 'i-a', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' }]);
  expect(states.map((s) => [s.InstanceId, s.State, s.ReasonCode])).toEqual([['i-a', 'InService', 'N/A'], ['i-b', 'OutOfService', 'ELB']]);
  expect(states[1].Description).toMatch(/^Instance i-b has no local address, so the engine cannot reach it\. Map it to a loopback address \(seclb elb-api map i-b 127\.0\.0\.N/);
});

test('the admin API accepts an instance without an address, sends it nothing and reports it; a non-loopback address stays refused', async () => {
  const h = await startEngine();
  try {
    const port = await freePort();
    const doc = lbDocument('unmapped', { listeners: [listener(port, 'HTTP', 80, 'HTTP')], healthCheck: { target: 'TCP:80' }, instances: [{ instanceId: 'i-0123456789abcdef0' }] });
    await h.admin.apply(doc, null);
    const health = await h.admin.get('/v1/load-balancers/unmapped/instance-health');
    expect(health.body.InstanceStates).toEqual([expect.objectContaining({ InstanceId: 'i-0123456789abcdef0', State: 'OutOfService', ReasonCode: 'ELB' })]);
    const live = await h.admin.get('/v1/load-balancers/unmapped');
    const bad = await h.admin.put('/v1/load-balancers/unmapped', { document: { ...doc, instances: [{ instanceId: 'i-0123456789abcdef0', address: '10.0.0.1' }] }, expectedRevision: live.body.revision });
    expect(bad.status).toBe(400);
    expect(bad.body.error.findings.map((f: { code: string }) => f.code)).toContain('SECLB_ENGINE_INSTANCE_ADDRESS');
  } finally {
    await h.stop();
  }
});
