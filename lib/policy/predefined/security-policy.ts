/**
 * The predefined SSL negotiation policies of ELB Classic, by their AWS names.
 *
 * ALB/NLB names such as `ELBSecurityPolicy-TLS13-*` or `-FS-*` are not valid on Classic and are
 * deliberately absent.
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
 */
export enum SecurityPolicy {
  /** TLS 1.2 only, 12 suites, server order. Recommended by AWS for strict compliance. */
  ELB_SECURITY_POLICY_TLS_1_2_2017_01 = 'ELBSecurityPolicy-TLS-1-2-2017-01',
  /** TLS 1.1 and 1.2, 18 suites, server order. */
  ELB_SECURITY_POLICY_TLS_1_1_2017_01 = 'ELBSecurityPolicy-TLS-1-1-2017-01',
  /** TLS 1.0 to 1.2, 18 suites, server order. ELB's default for a new HTTPS/SSL listener. */
  ELB_SECURITY_POLICY_2016_08 = 'ELBSecurityPolicy-2016-08',
  /** TLS 1.0 to 1.2, 19 suites (adds DES-CBC3-SHA). */
  ELB_SECURITY_POLICY_2015_05 = 'ELBSecurityPolicy-2015-05',
  /** TLS 1.0 to 1.2, 21 suites (3DES and DHE). */
  ELB_SECURITY_POLICY_2015_03 = 'ELBSecurityPolicy-2015-03',
  /** TLS 1.0 to 1.2, 20 suites (DHE, no RC4). */
  ELB_SECURITY_POLICY_2015_02 = 'ELBSecurityPolicy-2015-02',
  /** TLS 1.0 to 1.2, 22 suites (RC4). */
  ELB_SECURITY_POLICY_2014_10 = 'ELBSecurityPolicy-2014-10',
  /** SSL 3.0 and TLS 1.0 to 1.2, 22 suites (RC4). */
  ELB_SECURITY_POLICY_2014_01 = 'ELBSecurityPolicy-2014-01',
  /** SSL 3.0 and TLS 1.0, 16 suites, client order. */
  ELB_SECURITY_POLICY_2011_08 = 'ELBSecurityPolicy-2011-08',
  /** Sample "ELB default" policy (also named ELBSample-ELBDefaultNegotiationPolicy): SSL 3.0/TLS 1.0, 44 suites. */
  ELB_SAMPLE_ELB_DEFAULT_CIPHER_POLICY = 'ELBSample-ELBDefaultCipherPolicy',
  /** Sample "OpenSSL default" policy (also named ELBSample-OpenSSLDefaultNegotiationPolicy): SSL 3.0/TLS 1.0, 5 suites. */
  ELB_SAMPLE_OPENSSL_DEFAULT_CIPHER_POLICY = 'ELBSample-OpenSSLDefaultCipherPolicy',
}
