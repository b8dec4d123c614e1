import { checkInstances } from '../../../lib/policy/rules/instances';
import { expectOnly } from './expect-finding';

describe('checkInstances', () => {
  test('accepts distinct ids', () => {
    expect(checkInstances('instances', [{ instanceId: 'i-4f8cf126' }, { instanceId: 'i-0bb7ca62' }])).toEqual([]);
  });

  test('rejects an empty id', () => {
    expectOnly(checkInstances('instances', [{ instanceId: ' ' }]), 'SECLB_INSTANCE_ID_EMPTY', /^instances\[0\]\.instanceId is empty\.$/);
  });

  test('rejects an instance registered twice', () => {
    expectOnly(checkInstances('instances', [{ instanceId: 'i-1' }, { instanceId: 'i-1' }]), 'SECLB_INSTANCE_DUPLICATE',
      /^instances\[1\]\.instanceId is 'i-1', which instances\[0\] already registers\.$/);
  });
});
