import { ObjectOwners } from '../../../lib/policy/ownership/object-owner';

describe('ObjectOwners (the Seclb-Owner header contract)', () => {
  test.each([
    [{ tool: 'seclb-cli', stack: 'web' }],
    [{ tool: 'terraform-plugin', stack: '/tmp/ü work;x=1#staging' }],
    [{ tool: 'elb-api', stack: 'acct 123' }],
  ])('format and parse round-trip %j (the stack is percent-encoded, so ; and = in it are safe)', (owner) => {
    const header = ObjectOwners.format(owner);
    expect(header).toMatch(/^tool=[a-z-]+; stack=[^;\s]+$/);
    expect(ObjectOwners.parse(header)).toEqual({ owner });
  });

  test.each([
    ['tool=aws; stack=x', /tool must be one of seclb-cli, terraform-plugin, elb-api/],
    ['tool=unknown; stack=x', /tool must be one of/],
    ['tool=seclb-cli', /stack must be 1-1024 characters/],
    [`tool=seclb-cli; stack=${'s'.repeat(1025)}`, /stack must be 1-1024 characters/],
    ['tool=seclb-cli; stack=%E0%A4%A', /not percent-encoded UTF-8/],
    ['seclb-cli', /is not a key=value pair/],
  ])('%s is refused with the reason', (value, problem) => {
    const parsed = ObjectOwners.parse(value);
    expect(parsed.owner).toBeUndefined();
    expect(parsed.problem).toMatch(problem);
  });

  test('an unknown owner is the same as no one, and is described as not on record', () => {
    const unknown = ObjectOwners.unknown();
    expect(ObjectOwners.same(unknown, unknown)).toBe(false);
    expect(ObjectOwners.known(unknown)).toBe(false);
    expect(ObjectOwners.describe(unknown)).toMatch(/unknown owner/);
    expect(ObjectOwners.same({ tool: 'seclb-cli', stack: 'a' }, { tool: 'seclb-cli', stack: 'a' })).toBe(true);
    expect(ObjectOwners.same({ tool: 'seclb-cli', stack: 'a' }, { tool: 'terraform-plugin', stack: 'a' })).toBe(false);
    expect(ObjectOwners.same({ tool: 'seclb-cli', stack: 'a' }, { tool: 'seclb-cli', stack: 'b' })).toBe(false);
  });
});
