import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider, AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackendAuth, CipherPolicy, CipherPolicyProps, IDeploymentTarget, ListenerProtocol,
  SecureClassicLoadBalancer, SecurityPolicy, ServerCertificate,
} from '../../lib';
import { WalkthroughCertificates } from '../walkthrough/certificates';

/** Options of the existing-stack example. */
export interface ExistingStackOptions {
  /** Listener certificate, its key and chain, and the back-end certificate whose key is pinned (see `generateWalkthroughCertificates`). */
  readonly certificates: WalkthroughCertificates;
  /** Provider settings merged over `{ region: 'us-east-1' }` (tests add fake credentials, skip flags, endpoints). */
  readonly provider?: AwsProviderConfig;
  /** Replaces the web load balancer's cipher policy (tests change it to apply a cipher change). */
  readonly webCipherPolicy?: CipherPolicyProps;
  /**
   * The AMI of both instances.
   * @default 'ami-1e749f67' (an Ubuntu image that AWS API emulators such as moto know)
   */
  readonly imageId?: string;
  /**
   * Where the load balancers and their policies go.
   * @default - the `seclb:target` app context, else AWS
   */
  readonly target?: IDeploymentTarget;
}

/** The web load balancer's cipher policy: TLS 1.2 only, without the CBC suites that lack forward secrecy. */
export const EXISTING_STACK_WEB_CIPHER_POLICY: CipherPolicyProps = {
  basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01,
  disable: ['AES128-SHA256', 'AES256-SHA256'],
};

/**
 * A team's stack as it already is (a VPC with two subnets in two zones, a security group, two
 * EC2 instances, a certificate imported into ACM) with the secure Classic ELB constructs added
 * inside it. Everything the constructs take from the stack is a token: subnet and security group
 * ids, instance ids (`instance.id`) and the ACM certificate's ARN.
 *
 * Two internal load balancers both listen on 443 (HTTPS to an HTTPS back end whose key is pinned
 * by back-end authentication): `web` forwards to instance port 443, `api` to 8443.
 */
export class ExistingStack extends TerraformStack {
  /** The `web` load balancer. */
  public readonly web: SecureClassicLoadBalancer;
  /** The `api` load balancer. */
  public readonly api: SecureClassicLoadBalancer;

  constructor(scope: Construct, id: string, options: ExistingStackOptions) {
    super(scope, id);
    const { certPem, keyPem, chainPem, backendCertPem } = options.certificates;
    // On both targets: the stack's own AWS resources need their provider (cdktf refuses to
    // synthesize without it). For the local target seclb deploys only the seclb_* resources.
    new AwsProvider(this, 'aws', { region: 'us-east-1', ...options.provider });

    // ---- what the team's stack already had ----
    const vpc = new Vpc(this, 'Vpc', { cidrBlock: '10.20.0.0/16', enableDnsHostnames: true, tags: { Name: 'shop' } });
    const subnets = [['us-east-1a', '10.20.1.0/24'], ['us-east-1b', '10.20.2.0/24']].map(([zone, cidr], i) =>
      new Subnet(this, `Subnet${i + 1}`, { vpcId: vpc.id, availabilityZone: zone, cidrBlock: cidr, tags: { Name: `shop-${zone}` } }));
    const group = new SecurityGroup(this, 'AppSecurityGroup', {
      name: 'shop-app',
      description: 'HTTPS to the load balancers and from them to the instances',
      vpcId: vpc.id,
      ingress: [443, 8443].map((port) => ({
        description: `HTTPS ${port} inside the VPC`, protocol: 'tcp', fromPort: port, toPort: port, cidrBlocks: [vpc.cidrBlock],
        ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], selfAttribute: false,
      })),
      egress: [{
        description: 'anywhere', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'],
        ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], selfAttribute: false,
      }],
      tags: { Name: 'shop-app' },
    });
    const instances = subnets.map((subnet, i) => new Instance(this, `App${i + 1}`, {
      ami: options.imageId ?? 'ami-1e749f67',
      instanceType: 't3.micro',
      subnetId: subnet.id,
      vpcSecurityGroupIds: [group.id],
      tags: { Name: `shop-app-${i + 1}` },
    }));
    const acm = new AcmCertificate(this, 'SiteCertificate', {
      certificateBody: certPem, privateKey: keyPem, certificateChain: chainPem, tags: { Name: 'www.example.com' },
    });

    // ---- the secure Classic ELBs, composed from the resources above ----
    const target = options.target;
    const certificate = ServerCertificate.fromArn(this, 'SiteCertificateRef', acm.arn);
    const common = {
      internetFacing: false,
      subnets: subnets.map((s) => s.id),
      securityGroups: [group.id],
      instances: instances.map((i) => i.id),
      connectionDraining: true,
      target,
    };

    const webCiphers = new CipherPolicy(this, 'WebTls12', options.webCipherPolicy ?? EXISTING_STACK_WEB_CIPHER_POLICY);
    this.web = new SecureClassicLoadBalancer(this, 'Web', {
      ...common,
      name: 'shop-web',
      listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 443, instanceProtocol: ListenerProtocol.HTTPS,
        certificate, cipherPolicy: webCiphers }],
      healthCheck: { target: 'HTTPS:443/healthz', interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
      tags: { team: 'shop', tier: 'web' },
    });
    new BackendAuth(this, 'WebBackendAuth', { loadBalancer: this.web, instancePort: 443, publicKeys: [backendCertPem] });

    const apiCiphers = new CipherPolicy(this, 'ApiTls12', { basedOn: SecurityPolicy.ELB_SECURITY_POLICY_TLS_1_2_2017_01 });
    this.api = new SecureClassicLoadBalancer(this, 'Api', {
      ...common,
      name: 'shop-api',
      listeners: [{ loadBalancerPort: 443, protocol: ListenerProtocol.HTTPS, instancePort: 8443, instanceProtocol: ListenerProtocol.HTTPS,
        certificate, cipherPolicy: apiCiphers }],
      healthCheck: { target: 'SSL:8443', interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
      tags: { team: 'shop', tier: 'api' },
    });
    new BackendAuth(this, 'ApiBackendAuth', { loadBalancer: this.api, instancePort: 8443, publicKeys: [backendCertPem] });
  }
}
