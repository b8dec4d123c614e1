import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { connect, SecureVersion } from 'tls';

/** What one request through a listener returned. */
export interface ProbeResponse {
  readonly status: number;
  /** The instance that answered (the back end's `x-backend-instance` header). */
  readonly instance: string;
  /** The response body (JSON from the back end). */
  readonly body: string;
  /** For HTTPS: the TLS protocol and cipher the listener negotiated with the client. */
  readonly tls?: string;
}

/** GET `path` through an HTTP or HTTPS listener on 127.0.0.1 (HTTPS verified against `ca`, SNI www.example.com). */
export function get(scheme: 'http' | 'https', port: number, path: string, ca?: string): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, method: 'GET', timeout: 5000, agent: false as const };
    const onResponse = (res: import('http').IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => {
        const socket = res.socket as import('tls').TLSSocket;
        const tls = scheme === 'https' && socket.getProtocol ? `${socket.getProtocol()} ${socket.getCipher()?.name}` : undefined;
        resolve({ status: res.statusCode ?? 0, instance: String(res.headers['x-backend-instance'] ?? '-'), body: body.trim(), ...(tls ? { tls } : {}) });
      });
    };
    const req = scheme === 'http'
      ? httpRequest(options, onResponse)
      : httpsRequest({ ...options, ca, servername: 'www.example.com' }, onResponse);
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The outcome of a handshake attempt with one TLS version. */
export interface HandshakeResult {
  readonly accepted: boolean;
  /** The negotiated cipher, or the reason it failed. */
  readonly detail: string;
}

/** Tries a TLS handshake with exactly `version` (TLS 1.0/1.1 need @SECLEVEL=0 on this OpenSSL). */
export function handshake(port: number, version: SecureVersion, ca: string): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1', port, servername: 'www.example.com', ca,
      minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    const timer = setTimeout(() => { socket.destroy(); resolve({ accepted: false, detail: 'timed out' }); }, 5000);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const detail = `${socket.getProtocol()} ${socket.getCipher()?.name}`;
      socket.end();
      resolve({ accepted: true, detail });
    });
    socket.once('error', (e: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve({ accepted: false, detail: e.code ?? e.message });
    });
  });
}
