import { X509Certificate } from 'crypto';
import { TLSSocket } from 'tls';

/** The keys one back-end port accepts: the result of its BackendServerAuthenticationPolicyType policy. */
export interface BackendPinSet {
  /** The back-end authentication policy's name, for messages and logs. */
  readonly policyName: string;
  /** Accepted keys: base64 of DER SubjectPublicKeyInfo, one line each. */
  readonly keys: ReadonlySet<string>;
}

/** Why a back end was refused. */
export type PinVerdict = { readonly ok: true; readonly matchedBy: 'leaf' | 'chain' } | { readonly ok: false; readonly reason: 'no-certificate' | 'mismatch'; readonly presented?: string };

/**
 * Back-end server authentication as ELB does it (elb-facts §3.3): key pinning, not CA validation.
 *
 * The leaf's key is accepted when it is pinned. A key of a certificate further up the presented
 * chain is accepted only if every link from the leaf up to it verifies cryptographically (so a back
 * end cannot pass by merely *presenting* a pinned CA certificate it did not get signed by). No
 * names, no expiry and no trust store are checked, as on ELB.
 *
 * Call `verify` once per socket, on 'secureConnect', before any request byte is written.
 */
export class BackendPin {
  /** Base64 SPKI of a certificate's key. */
  public static spkiOf(cert: X509Certificate): string {
    return cert.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  }

  /** Checks the peer of a connected TLS socket against a pin set. */
  public static verify(socket: TLSSocket, pins: BackendPinSet): PinVerdict {
    // getPeerCertificate(true) first and only: after getPeerX509Certificate() it comes back empty
    // (toolchain.md), and it is the call that carries the presented chain.
    let detail = socket.getPeerCertificate(true) as unknown as { raw?: Buffer; issuerCertificate?: unknown };
    if (!detail?.raw) return { ok: false, reason: 'no-certificate' };
    let leaf: X509Certificate;
    try {
      leaf = new X509Certificate(detail.raw);
    } catch {
      return { ok: false, reason: 'no-certificate' };
    }
    const leafKey = BackendPin.spkiOf(leaf);
    if (pins.keys.has(leafKey)) return { ok: true, matchedBy: 'leaf' };
    // Walk the presented chain, verifying each signature.
    let child = leaf;
    for (let depth = 0; depth < 8; depth++) {
      const next = detail.issuerCertificate as typeof detail | undefined;
      if (!next || next === detail || !next.raw) break;
      let issuer: X509Certificate;
      try {
        issuer = new X509Certificate(next.raw);
      } catch {
        break;
      }
      if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) break;
      if (pins.keys.has(BackendPin.spkiOf(issuer))) return { ok: true, matchedBy: 'chain' };
      child = issuer;
      detail = next;
    }
    return { ok: false, reason: 'mismatch', presented: leafKey };
  }

  private constructor() {}
}
