import { randomBytes } from 'crypto';
import * as tls from 'tls';
import { TlsServerSettings } from '../../../lib/policy/tls/tls-server-settings';
import { TlsVersionNegotiation } from '../../../lib/policy/tls/tls-version-negotiation';
import { SecureContextFactory, ServerCertificateMaterial } from './secure-context-factory';

/**
 * The TLS contexts one HTTPS/SSL listener serves with, built once per applied revision.
 *
 * Usually one context carries every version the policy enables. When those versions have a gap
 * (TLS 1.0 and 1.2 without 1.1), one context would not serve as ELB does (see
 * `TlsServerSettings.versionGap`), so there is one context per enabled version, each pinned to
 * it; the front end peeks each connection's ClientHello and `forHello` picks the context of the
 * version ELB would negotiate. All contexts of a listener share its session-ticket keys.
 */
export class ListenerTlsContexts {
  /**
   * Builds the contexts. Throws (Node's error) if OpenSSL refuses the material or settings.
   * @param ticketKeys 48 bytes of session-ticket keys; @default - random, shared by this listener's contexts
   */
  public static build(settings: TlsServerSettings, certificate: ServerCertificateMaterial, ticketKeys?: Buffer): ListenerTlsContexts {
    if (!settings.versionGap || !settings.canNegotiate) {
      return new ListenerTlsContexts(SecureContextFactory.create(settings, certificate, ticketKeys), new Map(), []);
    }
    const keys = ticketKeys ?? randomBytes(48);
    const byVersion = new Map(settings.enabledVersions.map((v) => [v, SecureContextFactory.create(settings, certificate, keys, v)] as const));
    // A hello that offers no enabled version, or cannot be read, goes to the newest version's context:
    // OpenSSL then refuses it as ELB would (protocol_version alert, or its own parse error).
    const newest = byVersion.get(settings.enabledVersions[settings.enabledVersions.length - 1])!;
    return new ListenerTlsContexts(newest, byVersion, settings.enabledVersions);
  }

  private constructor(
    /** The context for connections whose hello is not looked at, cannot be read, or offers no enabled version. */
    public readonly fallback: tls.SecureContext,
    private readonly byVersion: ReadonlyMap<string, tls.SecureContext>,
    private readonly enabledVersions: string[],
  ) {}

  /** True when the context depends on the client's hello, so the front end must peek it first. */
  public get needsClientHello(): boolean {
    return this.byVersion.size > 0;
  }

  /**
   * The context for a client that offers these versions (Node names, from `ClientHello`).
   * @param offeredVersions @default - unknown: the fallback context
   */
  public forHello(offeredVersions?: string[]): tls.SecureContext {
    if (!offeredVersions || !this.needsClientHello) return this.fallback;
    const version = TlsVersionNegotiation.choose(this.enabledVersions, offeredVersions);
    return (version && this.byVersion.get(version)) || this.fallback;
  }
}
