import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { TestCert } from './certs';

/** A back end started by a test. */
export interface TestBackend {
  readonly address: string;
  readonly port: number;
  /** Requests (HTTP) or connections (TCP) it received. */
  hits: number;
  /** Bytes of request data received on TLS/TCP sockets (pinning tests check it stays 0). */
  bytesReceived: number;
  /** Last request headers (HTTP). */
  lastHeaders?: http.IncomingHttpHeaders;
  /** Requests to /hold wait until this is called (then answer 200 with the id). */
  releaseHeld(): void;
  /** How many /hold requests are waiting. */
  held: number;
  /** Health endpoint answer; set to 500 to fail checks. */
  healthStatus: number;
  /** Distinct connections that carried proxied (non-health-check) requests (HTTP back ends). */
  connections: number;
  close(): Promise<void>;
}

function listen(server: net.Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

/**
 * An HTTP(S) back end on `address:port` that answers `<id>` on any path, and `healthStatus` on
 * /health. Every response body is the instance id, so tests can see who answered.
 */
export async function startHttpBackend(id: string, address: string, port = 0, cert?: TestCert): Promise<TestBackend> {
  const seenSockets = new WeakSet<object>();
  const waiting: Array<() => void> = [];
  const backend: TestBackend = {
    address, port: 0, hits: 0, bytesReceived: 0, healthStatus: 200, connections: 0, held: 0, close: async () => undefined,
    releaseHeld: () => { for (const w of waiting.splice(0)) w(); backend.held = 0; },
  };
  const handler: http.RequestListener = (req, res) => {
    if (req.url === '/health') {
      res.writeHead(backend.healthStatus, { 'content-length': 2 });
      res.end('ok');
      return;
    }
    backend.hits++;
    backend.lastHeaders = req.headers;
    if (!seenSockets.has(req.socket)) { seenSockets.add(req.socket); backend.connections++; }
    req.resume();
    req.on('end', () => {
      if (req.url === '/slow') return; // never answers: the engine must time out (504)
      if (req.url === '/hold') {
        backend.held++;
        waiting.push(() => { if (!res.destroyed) { res.writeHead(200, { 'content-length': Buffer.byteLength(id) }); res.end(id); } });
        return;
      }
      if (req.url === '/malformed') { res.socket?.end('HTTP/1.1 abc nonsense\r\n\r\n'); return; }
      const setCookie = req.headers['x-test-set-cookie'];
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(id), ...(setCookie ? { 'set-cookie': setCookie } : {}) });
      res.end(id);
    });
  };
  const server = cert
    ? https.createServer({ key: cert.keyPem, cert: cert.certPem }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  // Application bytes only: for HTTPS, what arrives after the handshake (decrypted).
  if (cert) server.on('secureConnection', (s) => s.on('data', (d: Buffer) => { backend.bytesReceived += d.length; }));
  else server.on('connection', (s: net.Socket) => s.on('data', (d: Buffer) => { backend.bytesReceived += d.length; }));
  const bound = await listen(server, address, port);
  Object.assign(backend, { port: bound, close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }) });
  return backend;
}

/** A TCP echo back end that prefixes every echo with `<id>:`. */
export async function startTcpBackend(id: string, address: string, port = 0): Promise<TestBackend> {
  const backend: TestBackend = { address, port: 0, hits: 0, bytesReceived: 0, healthStatus: 200, connections: 0, held: 0, releaseHeld: () => undefined, close: async () => undefined };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    backend.hits++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', (d) => { backend.bytesReceived += d.length; s.write(`${id}:${d.toString()}`); });
    s.on('error', () => s.destroy());
  });
  const bound = await listen(server, address, port);
  Object.assign(backend, { port: bound, close: () => new Promise<void>((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); }) });
  return backend;
}

/** A port that was free a moment ago on 127.0.0.1 (for listener ports in documents). */
export async function freePort(): Promise<number> {
  // The kernel may hand the same ephemeral port out again right after it was closed: two calls in a
  // row (one port per load balancer, say) must still get two ports, so a port already handed out in
  // this process is skipped (bounded).
  for (let attempt = 0; attempt < 50; attempt++) {
    const server = net.createServer();
    const port = await listen(server, '127.0.0.1', 0);
    await new Promise<void>((r) => server.close(() => r()));
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: the kernel kept answering ports this process already holds (50 tries)');
}

/** Ports `freePort` returned in this process (never returned twice). */
const handedOut = new Set<number>();
