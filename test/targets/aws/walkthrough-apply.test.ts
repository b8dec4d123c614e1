import { Testing } from 'cdktf';
import { WalkthroughStack, WALKTHROUGH_CIPHER_POLICY } from '../../../examples/walkthrough/walkthrough-stack';
import { certificates } from '../../constructs/helpers';
import { describeApplyCycle } from './apply-cycle';

/*
 * The walk-through (AWS target) applied against moto with the real Terraform CLI and AWS provider:
 * apply, no-change plan, a cipher change (TLS 1.0 dropped) applied in the safe order, no-change
 * plan, destroy. Its listeners are HTTP->HTTP and HTTPS->HTTPS, so moto's HTTPS->HTTP quirk
 * (toolchain.md) does not apply.
 */

jest.setTimeout(240_000);

const certs = certificates();
const key = (json: any, type: string, part: string) => `${type}.${Object.keys(json.resource[type]).find((k) => k.includes(part))}`;

describeApplyCycle('the walk-through', {
  synth: (moto, changed) => Testing.synth(new WalkthroughStack(Testing.app(), 'walkthrough', {
    certificates: certs,
    provider: moto.providerConfig(),
    cipherPolicy: changed ? { ...WALKTHROUGH_CIPHER_POLICY, enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] } : undefined,
  })),
  resourceCount: 9,
  policyAddress: (json) => key(json, 'aws_load_balancer_policy', 'MySSLNegotiationPolicy'),
  listenerPolicyAddress: (json) => key(json, 'aws_load_balancer_listener_policy', 'ListenerPolicy-443'),
});
