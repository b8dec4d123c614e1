import { X509Certificate } from 'crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import { WalkthroughCertificates } from '../../../../examples/walkthrough/certificates';
import { WalkthroughStack, WALKTHROUGH_CIPHER_POLICY } from '../../../../examples/walkthrough/walkthrough-stack';
import { PACKAGE_ROOT } from '../../../../provider/version';
import { OFFLINE_PROVIDER, TerraformDir } from '../../../targets/aws/terraform-fixture';
import { ApiTarget } from './api-targets';

/** A TLS client offer and whether the HTTPS listener must accept it. */
export interface WireProbe {
  /** The one TLS version offered. */
  readonly version: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2';
  /** The one cipher offered (OpenSSL name); default: OpenSSL's defaults at security level 0. */
  readonly cipher?: string;
  /** Accepted under the policy in force. */
  readonly accepted: boolean;
}

/** One unchanged AWS Terraform configuration the tests apply to the engine and to moto. */
export interface ElbApiSubject {
  /** For test titles. */
  readonly name: string;
  /** The load balancer's name. */
  readonly loadBalancerName: string;
  /** The EC2 instance ids it registers. */
  readonly instances: string[];
  /** How many resources the apply creates (and destroy removes). */
  readonly resourceCount: number;
  /** Terraform address of the SSL negotiation policy the cipher change replaces. */
  readonly policyAddress: string;
  /** Terraform address of the listener policy that binds it. */
  readonly listenerPolicyAddress: string;
  /** The SSL negotiation policy's name before the change (read back from the API). */
  readonly policyNamePattern: RegExp;
  /** Handshakes on the HTTPS listener before (`false`) and after (`true`) the cipher change. */
  wire(changed: boolean): WireProbe[];
  /** Writes the configuration into `tf` pointed at `target`; `changed` = the cipher change. */
  write(tf: TerraformDir, target: ApiTarget, changed: boolean): void;
  /** Extra environment for terraform (e.g. `TF_VAR_*`). */
  env(target: ApiTarget, changed: boolean): NodeJS.ProcessEnv;
}

/** The provider block's settings for `target`: fake-free credentials, the skip flags, every endpoint at the target. */
export function providerFor(target: ApiTarget) {
  const url = target.url;
  return {
    ...OFFLINE_PROVIDER, accessKey: target.accessKeyId, secretKey: target.secretAccessKey,
    endpoints: [{ elb: url, iam: url, ec2: url, sts: url }],
  };
}

/**
 * The walk-through's AWS synthesis (examples/walkthrough), exactly as `cdktf synth` writes it for
 * AWS except for the provider block: listeners 80->8080 HTTP and 443->443 HTTPS, the custom
 * cipher policy (TLS 1.0 on), back-end authentication on 443, health check HTTP:8080/ping, two
 * instances. The change drops TLS 1.0 (what `npm run demo` does).
 */
export function walkthroughSubject(certificates: WalkthroughCertificates): ElbApiSubject {
  const changedPolicy = { ...WALKTHROUGH_CIPHER_POLICY, enable: ['DHE-RSA-AES256-SHA'], disable: ['Protocol-SSLv3', 'Protocol-TLSv1'] };
  return {
    name: 'the walk-through (cdktf AWS synthesis)',
    loadBalancerName: 'MyLoadBalancer',
    instances: ['i-0bb7ca62', 'i-4f8cf126'],
    resourceCount: 9,
    policyAddress: 'aws_load_balancer_policy.MyLoadBalancer_Policy-MySSLNegotiationPolicy_2B79996C',
    listenerPolicyAddress: 'aws_load_balancer_listener_policy.MyLoadBalancer_ListenerPolicy-443_5F3D24FB',
    policyNamePattern: /^MySSLNegotiationPolicy-[0-9a-f]{8}$/,
    wire: (changed) => [
      { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', accepted: true },
      // Not in ELBSecurityPolicy-2016-08 (nor anywhere in ELB's cipher table).
      { version: 'TLSv1.2', cipher: 'ECDHE-RSA-CHACHA20-POLY1305', accepted: false },
      { version: 'TLSv1', accepted: !changed },
    ],
    write: (tf, target, changed) => {
      const stack = new WalkthroughStack(Testing.app(), 'walkthrough', {
        certificates, provider: providerFor(target), cipherPolicy: changed ? changedPolicy : undefined,
      });
      tf.write('main.tf.json', Testing.synth(stack));
    },
    env: () => ({}),
  };
}

/** The PEM files `examples/elb-api/main.tf` reads from its `certs/` folder. */
export function writeHclCertificates(dir: string, certificates: WalkthroughCertificates): void {
  const certs = join(dir, 'certs');
  mkdirSync(certs, { recursive: true, mode: 0o700 });
  writeFileSync(join(certs, 'server.pem'), certificates.certPem);
  writeFileSync(join(certs, 'server.key'), certificates.keyPem, { mode: 0o600 });
  writeFileSync(join(certs, 'chain.pem'), certificates.chainPem);
  const publicKey = new X509Certificate(certificates.backendCertPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  writeFileSync(join(certs, 'backend-public-key.pem'), publicKey);
}

/** The cipher list of `examples/elb-api/main.tf` after the change (its default has three). */
export const HCL_CHANGED_CIPHERS = ['ECDHE-RSA-AES256-GCM-SHA384'];

/**
 * The hand-written HCL `examples/elb-api/main.tf`, copied unchanged; the endpoint and the key pair
 * go in as `TF_VAR_*`, the change sets `tls_ciphers` to one cipher.
 */
export function hclSubject(certificates: WalkthroughCertificates): ElbApiSubject {
  return {
    name: 'the hand-written HCL (examples/elb-api/main.tf)',
    loadBalancerName: 'web',
    instances: ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'],
    resourceCount: 9,
    policyAddress: 'aws_load_balancer_policy.tls',
    listenerPolicyAddress: 'aws_load_balancer_listener_policy.https',
    policyNamePattern: /^web-tls-[0-9a-f]{8}$/,
    wire: (changed) => [
      { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384', accepted: true },
      { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', accepted: !changed },
      // In ELB's cipher table but not in this policy.
      { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-SHA', accepted: false },
      { version: 'TLSv1.1', accepted: false },
    ],
    write: (tf) => {
      copyFileSync(join(PACKAGE_ROOT, 'examples', 'elb-api', 'main.tf'), join(tf.dir, 'main.tf'));
      writeHclCertificates(tf.dir, certificates);
    },
    env: (target, changed) => ({
      TF_VAR_endpoint: target.url,
      TF_VAR_access_key: target.accessKeyId,
      TF_VAR_secret_key: target.secretAccessKey,
      ...(changed ? { TF_VAR_tls_ciphers: JSON.stringify(HCL_CHANGED_CIPHERS) } : {}),
    }),
  };
}
