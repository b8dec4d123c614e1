import { connect } from 'tls';
import { WireProbe } from './subjects';

/** What one probe saw: accepted or not, and the negotiated protocol/cipher or the failure. */
export interface WireResult extends WireProbe {
  readonly detail: string;
}

/**
 * One real TLS handshake on 127.0.0.1:`port` offering exactly `probe.version` and (when given)
 * exactly `probe.cipher`, trusting `ca` with SNI www.example.com (the walk-through's certificate).
 * `accepted` in the result is what happened, not what was expected. Bounded by 5 s.
 */
export function tryHandshake(port: number, probe: WireProbe, ca: string): Promise<WireResult> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1', port, servername: 'www.example.com', ca,
      minVersion: probe.version, maxVersion: probe.version,
      ciphers: `${probe.cipher ?? 'DEFAULT'}:@SECLEVEL=0`,
    });
    const done = (accepted: boolean, detail: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...probe, accepted, detail });
    };
    const timer = setTimeout(() => done(false, 'timed out after 5 s'), 5000);
    socket.once('secureConnect', () => done(true, `${socket.getProtocol()} ${socket.getCipher()?.name}`));
    socket.once('error', (e: Error & { code?: string }) => done(false, e.code ?? e.message));
  });
}

/** Runs every probe and returns the ones whose outcome differs from the expectation (empty = all as expected). */
export async function unexpectedHandshakes(port: number, probes: WireProbe[], ca: string): Promise<WireResult[]> {
  const out: WireResult[] = [];
  for (const probe of probes) {
    const result = await tryHandshake(port, probe, ca);
    if (result.accepted !== probe.accepted) out.push({ ...result, detail: `expected ${probe.accepted ? 'accepted' : 'refused'}, got ${result.detail}` });
  }
  return out;
}
