import { execFile } from 'child_process';
import * as tls from 'tls';

/** The outcome of one client handshake. */
export interface HandshakeResult {
  ok: boolean;
  protocol?: string | null;
  cipher?: string;
  error?: string;
}

/** A Node.js TLS handshake to 127.0.0.1:port; never rejects. */
export function nodeHandshake(port: number, options: tls.ConnectionOptions = {}): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    const timer = setTimeout(() => { s.destroy(); resolve({ ok: false, error: 'timeout' }); }, 10_000);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      const r = { ok: true, protocol: s.getProtocol(), cipher: s.getCipher().name };
      s.end();
      resolve(r);
    });
    s.once('error', (e) => { clearTimeout(timer); resolve({ ok: false, error: e.message }); });
  });
}

/** `openssl s_client` against 127.0.0.1:port with extra args; stdin closed; 15 s timeout. */
export function opensslHandshake(port: number, args: string[]): Promise<HandshakeResult & { output: string }> {
  return new Promise((resolve) => {
    const child = execFile('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'localhost', ...args], { timeout: 15_000 }, (err, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      const m = /New, (\S+), Cipher is (\S+)/.exec(output);
      const ok = !err && !!m && m[2] !== '(NONE)';
      resolve({ ok, protocol: m?.[1], cipher: m?.[2], output, error: ok ? undefined : (err?.message ?? 'no cipher') });
    });
    child.stdin?.end();
  });
}
