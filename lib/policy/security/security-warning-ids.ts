/**
 * The stable rule ids of the security warnings this library reports at synth, for
 * `acknowledge(ruleId, reason)`. Each warning is legal for ELB but weakens security (or, for the
 * health check, the load balancer's view of its instances); an id is never reused or renamed.
 */
export class SecurityWarningIds {
  /** An SSL negotiation policy in use enables SSL 3.0 (POODLE; forbidden by RFC 7568). */
  public static readonly SSLV3_ENABLED = 'SECLB_WARN_SSLV3_ENABLED';
  /** An SSL negotiation policy in use enables TLS 1.0 (deprecated by RFC 8996). */
  public static readonly TLS10_ENABLED = 'SECLB_WARN_TLS10_ENABLED';
  /** An SSL negotiation policy in use enables TLS 1.1 (deprecated by RFC 8996). */
  public static readonly TLS11_ENABLED = 'SECLB_WARN_TLS11_ENABLED';
  /** An SSL negotiation policy in use enables a 3DES cipher (64-bit block, Sweet32). */
  public static readonly TRIPLE_DES = 'SECLB_WARN_3DES';
  /** An SSL negotiation policy in use enables another weak cipher (RC4, DES, export, anonymous, MD5 ...). */
  public static readonly WEAK_CIPHER = 'SECLB_WARN_WEAK_CIPHER';
  /** An SSL negotiation policy in use lets the client's cipher order win (`Server-Defined-Cipher-Order` false). */
  public static readonly CLIENT_CIPHER_ORDER = 'SECLB_WARN_CLIENT_CIPHER_ORDER';
  /** A listener forwards to an HTTPS/SSL back end whose instance port has no back-end authentication. */
  public static readonly NO_BACKEND_AUTH = 'SECLB_WARN_NO_BACKEND_AUTH';
  /** The load balancer has an HTTP listener and no HTTPS listener: all client traffic is clear text. */
  public static readonly HTTP_WITHOUT_HTTPS = 'SECLB_WARN_HTTP_WITHOUT_HTTPS';
  /**
   * The health check probes an instance port no listener forwards to, so it says nothing about the
   * ports that serve traffic (an operations warning: ELB accepts any port; acknowledge it when a
   * dedicated health port is meant).
   */
  public static readonly HEALTH_CHECK_PORT_UNSERVED = 'SECLB_WARN_HEALTH_CHECK_PORT_UNSERVED';

  /** Every rule id, in the order above. */
  public static all(): string[] {
    return [
      SecurityWarningIds.SSLV3_ENABLED, SecurityWarningIds.TLS10_ENABLED, SecurityWarningIds.TLS11_ENABLED,
      SecurityWarningIds.TRIPLE_DES, SecurityWarningIds.WEAK_CIPHER, SecurityWarningIds.CLIENT_CIPHER_ORDER,
      SecurityWarningIds.NO_BACKEND_AUTH, SecurityWarningIds.HTTP_WITHOUT_HTTPS, SecurityWarningIds.HEALTH_CHECK_PORT_UNSERVED,
    ];
  }

  private constructor() {}
}
