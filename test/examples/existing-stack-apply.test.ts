import { Testing } from 'cdktf';
import { EXISTING_STACK_WEB_CIPHER_POLICY, ExistingStack } from '../../examples/existing-stack/existing-stack';
import { certificates } from '../constructs/helpers';
import { describeApplyCycle } from '../targets/aws/apply-cycle';

/*
 * The existing-stack example (AWS target) applied against moto with the real Terraform CLI and AWS
 * provider: VPC, subnets, security group, instances and the imported ACM certificate are created by
 * moto, the constructs' resources reference them; then the apply cycle (describeApplyCycle). Every
 * listener is HTTPS->HTTPS, so moto's HTTPS->HTTP quirk (toolchain.md) does not apply.
 */

jest.setTimeout(300_000);

const certs = certificates();
const key = (json: any, type: string, part: string) => `${type}.${Object.keys(json.resource[type]).find((k) => k.startsWith(part))}`;

describeApplyCycle('the existing-stack example', {
  synth: (moto, changed) => Testing.synth(new ExistingStack(Testing.app(), 'existing-stack', {
    certificates: certs,
    provider: moto.providerConfig(),
    // The change: the web load balancer drops the AES-GCM suites without forward secrecy too (ECDHE suites only).
    webCipherPolicy: changed ? { ...EXISTING_STACK_WEB_CIPHER_POLICY, disable: [...EXISTING_STACK_WEB_CIPHER_POLICY.disable!,
      'AES128-GCM-SHA256', 'AES256-GCM-SHA384'] } : undefined,
  })),
  resourceCount: 23,
  policyAddress: (json) => key(json, 'aws_load_balancer_policy', 'Web_Policy-WebTls12'),
  listenerPolicyAddress: (json) => key(json, 'aws_load_balancer_listener_policy', 'Web_ListenerPolicy-443'),
});
