import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendAuth, CipherPolicy, CipherPolicyProps, DeploymentTarget, DeploymentTargetKind, ListenerProtocol, SecureClassicLoadBalancer,
  SecurityPolicy, SecurityWarningIds, ServerCertificate,
} from '../../lib';
import { WalkthroughCertificates } from './certificates';

/** Options of the walk-through stack. */
export interface WalkthroughOptions {
  /** The certificates (see `generateWalkthroughCertificates`). */
  readonly certificates: WalkthroughCertificates;
  /** Provider settings merged over `{ region: 'us-east-1' }` (tests add fake credentials and skip flags). */
  readonly provider?: AwsProviderConfig;
  /** Replaces the custom cipher policy (tests change it to see the replacement plan). */
  readonly cipherPolicy?: CipherPolicyProps;
}

/** The cipher policy of the walk-through: ELB's default policy plus TLS 1.0 and one DHE suite, minus SSL 3.0. */
export const WALKTHROUGH_CIPHER_POLICY: CipherPolicyProps = {
  basedOn: SecurityPolicy.ELB_SECURITY_POLICY_2016_08,
  enable: ['Protocol-TLSv1', 'DHE-RSA-AES256-SHA'],
  disable: ['Protocol-SSLv3'],
};

/**
 * The AWS walk-through: listeners 80->8080 HTTP and 443->443 HTTPS, an uploaded server certificate,
 * a custom cipher policy, back-end authentication on instance port 443, health check
 * `HTTP:8080/ping` 30/3/2/2, two instances.
 *
 * The same stack synthesizes for the local engine with the app context `seclb:target=local` (and
 * the local options, e.g. remapped ports, in `seclb:local`): see examples/walkthrough/README.md.
 */
export class WalkthroughStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: WalkthroughOptions) {
    super(scope, id);
    const { certPem, keyPem, chainPem, backendCertPem } = options.certificates;
    // The AWS provider only for the AWS target: with `seclb:target=local` the stack holds seclb_*
    // resources only, and the local target adds the seclb provider block itself.
    if (DeploymentTarget.resolve(this).kind === DeploymentTargetKind.AWS) {
      new AwsProvider(this, 'aws', { region: 'us-east-1', ...options.provider });
    }

    const cert = new ServerCertificate(this, 'testCert', {
      name: 'testCert', path: '/',
      certificateBody: certPem, privateKey: keyPem, certificateChain: chainPem,
    });

    const ciphers = new CipherPolicy(this, 'MySSLNegotiationPolicy', options.cipherPolicy ?? WALKTHROUGH_CIPHER_POLICY);
    // The walk-through enables TLS 1.0 on purpose; say why instead of living with the warning.
    ciphers.acknowledge(SecurityWarningIds.TLS10_ENABLED, 'walk-through: legacy clients still on TLS 1.0');
    ciphers.acknowledge(SecurityWarningIds.TLS11_ENABLED, 'walk-through: legacy clients still on TLS 1.1');

    const lb = new SecureClassicLoadBalancer(this, 'MyLoadBalancer', {
      name: 'MyLoadBalancer',
      availabilityZones: ['us-east-1a'],
      listeners: [
        { loadBalancerPort: 80, protocol: ListenerProtocol.HTTP, instancePort: 8080, instanceProtocol: ListenerProtocol.HTTP },
        { loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 443, instanceProtocol: ListenerProtocol.HTTPS,
          certificate: cert, cipherPolicy: ciphers },
      ],
      healthCheck: { target: 'HTTP:8080/ping', interval: 30, timeout: 3, healthyThreshold: 2, unhealthyThreshold: 2 },
      instances: ['i-4f8cf126', 'i-0bb7ca62'],
    });

    new BackendAuth(this, 'MyBackendServerAuthenticationPolicy', {
      loadBalancer: lb, instancePort: 443,
      publicKeys: [backendCertPem], // one PublicKeyPolicy per key; a back end matching any key passes
    });
  }
}
