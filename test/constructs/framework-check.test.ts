import { TerraformStack, Testing } from 'cdktf';
import { CipherPolicy, ListenerProtocol, SecureClassicLoadBalancer } from '../../lib';

// A second copy of cdktf in one process (as two installs in node_modules give): the library's
// synth hook would be registered with its own copy and never run, so constructs refuse a stack of
// another copy at once. The registry-installed cases (cdktn, npm overrides) are in
// test/packages/apps/mixed-install.test.ts.

function secondCopyOfCdktf(): typeof import('cdktf') {
  let other: typeof import('cdktf') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    other = require('cdktf');
  });
  return other!;
}

test('a construct in a stack of another copy of cdktf fails with SECLB_FRAMEWORK_MISMATCH naming both', () => {
  const other = secondCopyOfCdktf();
  const stack = new other.TerraformStack(new other.App({ outdir: Testing.app().outdir }), 'walkthrough');
  for (const create of [
    () => new CipherPolicy(stack as any, 'ciphers'),
    () => new SecureClassicLoadBalancer(stack as any, 'lb', { name: 'lb' }),
    () => SecureClassicLoadBalancer.fromLoadBalancerName(stack as any, 'imported', 'existing'),
  ]) {
    expect(create).toThrow(/^SECLB_FRAMEWORK_MISMATCH: This construct library was built for cdktf 0\.21\.0 \(loaded from .*\), but the stack 'walkthrough' is a TerraformStack of cdktf 0\.21\.0 \(loaded from .*\)\./);
  }
});

test('a construct in a stack of the library\'s own copy is accepted, and its load balancer is synthesized', () => {
  const stack = new TerraformStack(Testing.app(), 'own');
  new SecureClassicLoadBalancer(stack, 'lb', {
    name: 'lb', availabilityZones: ['us-east-1a'],
    listeners: [{ loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP }],
  });
  const json = JSON.parse(Testing.synth(stack));
  expect(Object.keys(json.resource.aws_elb)).toHaveLength(1);
});
