import { checkInstanceIdFormat, checkInstances } from '../../../lib/policy/rules/instances';
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

describe('checkInstanceIdFormat', () => {
  test("accepts 'i-' and 8 or 17 lower-case hex digits", () => {
    expect(checkInstanceIdFormat('instances[0]', 'i-4f8cf126')).toEqual([]);
    expect(checkInstanceIdFormat('instances[0]', 'i-0123456789abcdef0')).toEqual([]);
  });

  test("rejects 'web-1' (no 'i-')", () => {
    const f = expectOnly(checkInstanceIdFormat('instances[0]', 'web-1'), 'SECLB_INSTANCE_ID_INVALID',
      /^instances\[0\] is 'web-1', which does not start with 'i-'\.$/);
    expect(f.rule).toBe("An EC2 instance id is 'i-' followed by 8 or 17 lower-case hexadecimal digits (ELB answers InvalidInstance otherwise).");
    expect(f.fix).toMatch(/^use the instance's id as EC2 shows it \(e\.g\. 'i-0123456789abcdef0'\), or pass the instance resource's id attribute/);
    expect(f.value).toBe("'web-1'");
  });

  test("rejects 'i-0ABCDEF12' (upper case, and 9 digits)", () => {
    expectOnly(checkInstanceIdFormat('instances[1]', 'i-0ABCDEF12'), 'SECLB_INSTANCE_ID_INVALID',
      /^instances\[1\] is 'i-0ABCDEF12', whose part after 'i-', '0ABCDEF12', is not 8 or 17 lower-case hex digits\.$/);
  });

  test("rejects 'i-4F8CF126' and says how EC2 writes it", () => {
    const f = expectOnly(checkInstanceIdFormat('instances[0]', 'i-4F8CF126'), 'SECLB_INSTANCE_ID_INVALID',
      /^instances\[0\] is 'i-4F8CF126', which has upper-case letters \(EC2 writes 'i-4f8cf126'\)\.$/);
    expect(f.fix).toBe("write it as 'i-4f8cf126'.");
  });

  test("rejects 'i-123'", () => {
    expectOnly(checkInstanceIdFormat('instances[0]', 'i-123'), 'SECLB_INSTANCE_ID_INVALID',
      /^instances\[0\] is 'i-123', whose part after 'i-', '123', is not 8 or 17 lower-case hex digits\.$/);
  });
});
