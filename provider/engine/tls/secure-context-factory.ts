import { constants } from 'crypto';
import * as tls from 'tls';
import { TlsServerSettings } from '../../../lib/policy/tls/tls-server-settings';

/** PEM material of one server certificate, as the certificate store holds it. */
export interface ServerCertificateMaterial {
  /** The leaf certificate (PEM). */
  readonly body: string;
  /** The private key (PEM). Never logged. */
  readonly privateKey: string;
  /** Intermediate certificates (PEM), leaf's issuer first. */
  readonly chain?: string;
}

const NO_VERSION_FLAG: Record<string, number> = {
  'TLSv1': constants.SSL_OP_NO_TLSv1,
  'TLSv1.1': constants.SSL_OP_NO_TLSv1_1,
  'TLSv1.2': constants.SSL_OP_NO_TLSv1_2,
};

/**
 * Turns the model's `TlsServerSettings` into a Node.js secure context, once per applied revision
 * (`ListenerTlsContexts` decides how many a listener needs). Every connection accepted afterwards
 * shares the contexts; nothing here runs per connection.
 */
export class SecureContextFactory {
  /**
   * The `tls.createSecureContext` options for these settings and this certificate.
   * @param ticketKeys 48 bytes of session-ticket keys; @default - random per context (Node's default)
   * @param onlyVersion pin the context to this one enabled version (min = max, no holes), for a
   *   listener whose versions have a gap; @default - every version the settings enable
   */
  public static options(settings: TlsServerSettings, certificate: ServerCertificateMaterial, ticketKeys?: Buffer, onlyVersion?: string): tls.SecureContextOptions {
    let secureOptions = 0;
    if (!onlyVersion) for (const v of settings.disabledVersions) secureOptions |= NO_VERSION_FLAG[v] ?? 0;
    if (!settings.canNegotiate) {
      // Nothing the policy enables can be negotiated here: switch every version off so every
      // handshake is refused (the engine reports why in status and logs).
      secureOptions |= constants.SSL_OP_NO_TLSv1 | constants.SSL_OP_NO_TLSv1_1 | constants.SSL_OP_NO_TLSv1_2 | constants.SSL_OP_NO_TLSv1_3;
    }
    const cert = certificate.chain ? `${certificate.body.trim()}\n${certificate.chain.trim()}\n` : certificate.body;
    return {
      key: certificate.privateKey,
      cert,
      minVersion: (onlyVersion ?? settings.minVersion) as tls.SecureVersion,
      maxVersion: (onlyVersion ?? settings.maxVersion) as tls.SecureVersion,
      ciphers: settings.canNegotiate ? settings.cipherString : 'DEFAULT',
      honorCipherOrder: settings.honorCipherOrder,
      secureOptions,
      dhparam: settings.needsDhParameters ? 'auto' : undefined,
      ...(ticketKeys ? { ticketKeys } : {}),
    };
  }

  /**
   * A ready secure context. Throws (Node's error) if OpenSSL refuses the material or settings.
   * @param ticketKeys session-ticket keys shared by the workers of one engine, so a session resumes
   *   whichever worker accepts the reconnection; @default - random per context
   * @param onlyVersion see `options`; @default - every version the settings enable
   */
  public static create(settings: TlsServerSettings, certificate: ServerCertificateMaterial, ticketKeys?: Buffer, onlyVersion?: string): tls.SecureContext {
    return tls.createSecureContext(SecureContextFactory.options(settings, certificate, ticketKeys, onlyVersion));
  }

  private constructor() {}
}
