import { request } from 'https';
import { createServer } from 'net';
import { TLSSocket } from 'tls';
import { freePort } from './local-project';

/** A port p on 127.0.0.1 with p+1 free too a moment ago (a second load balancer on the same port is allocated p+1). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = await freePort();
    const next = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(p + 1, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (next) return p;
  }
  throw new Error('no two adjacent free ports on 127.0.0.1 in 20 tries');
}

/** What an HTTPS GET through a listener saw: status, the answering instance, the served certificate's CN. */
export interface TrustedAnswer {
  readonly status: number;
  readonly instance: string;
  readonly subject: string;
}

/**
 * HTTPS GET of `path` on 127.0.0.1:`port` trusting exactly `ca` (a self-signed stand-in: its chain is
 * checked, its name is not, since stand-ins are not issued for the app's DNS names).
 */
export function getTrusting(port: number, ca: string, path: string): Promise<TrustedAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, checkServerIdentity: () => undefined, agent: false, timeout: 5000 }, (res) => {
      const subject = String((res.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '');
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, instance: String(res.headers['x-backend-instance']), subject }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
