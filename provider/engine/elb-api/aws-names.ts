/**
 * The AWS-side names the API answers for engine objects: account id, ARNs, DNS names. One place, so
 * answers and the parsing of what clients send back agree.
 */
export const AWS_ACCOUNT_ID = '123456789012';

/** The hosted-zone id answered as `CanonicalHostedZoneNameID` (not a Route 53 zone: the engine has no DNS). */
export const LOCAL_HOSTED_ZONE_ID = 'Z0SECLBLOCAL0';

/** The ELB API's XML namespace. */
export const ELB_NAMESPACE = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
/** The IAM API's XML namespace. */
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
/** The EC2 API's XML namespace. */
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
/** The API versions accepted in `Version`. */
export const API_VERSIONS = { elasticloadbalancing: '2012-06-01', iam: '2010-05-08', ec2: '2016-11-15' } as const;

const IAM_CERT_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):server-certificate(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,128})$/;

/** Names and identifiers as AWS writes them. */
export class AwsNames {
  /** `arn:aws:iam::<account>:server-certificate<path><name>`. */
  public static serverCertificateArn(name: string, path = '/'): string {
    return `arn:aws:iam::${AWS_ACCOUNT_ID}:server-certificate${path}${name}`;
  }

  /**
   * The certificate name in an IAM server-certificate ARN of this engine (account `AWS_ACCOUNT_ID`,
   * path `/`), or a bare name; undefined for anything else (ACM ARNs, other accounts, other paths).
   */
  public static certificateNameOf(id: string): string | undefined {
    const m = IAM_CERT_ARN.exec(id);
    if (m) return m[1] === AWS_ACCOUNT_ID && m[2] === '/' ? m[3] : undefined;
    return /^[\w+=,.@-]{1,128}$/.test(id) ? id : undefined;
  }

  /** The DNS name answered for a load balancer: `<name>.elb.localhost` (RFC 6761: a loopback name). */
  public static dnsName(name: string): string {
    return `${name}.elb.localhost`;
  }

  /** `arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/<name>`. */
  public static loadBalancerArn(region: string, name: string): string {
    return `arn:aws:elasticloadbalancing:${region}:${AWS_ACCOUNT_ID}:loadbalancer/${name}`;
  }

  /**
   * An IAM-style server certificate id (`ASCA` and 17 upper-case letters/digits), derived from the
   * certificate's fingerprint so it is stable across restarts and changes when the content does.
   */
  public static serverCertificateId(fingerprintSha256: string): string {
    const hex = fingerprintSha256.replace(/:/g, '');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let out = '';
    for (let i = 0; i < 17; i++) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32];
    return `ASCA${out}`;
  }

  private constructor() {}
}
