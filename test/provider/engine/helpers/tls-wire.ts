import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import * as net from 'net';
import * as tls from 'tls';

/**
 * The first TLS record a real client sends (its ClientHello), caught by a plain TCP server on
 * loopback. Only record framing is read here (5-byte header, then its length), so tests of the
 * ClientHello parser do not depend on it. `client` starts the client against the port.
 */
export function captureFirstRecord(client: (port: number) => void, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      let bytes = Buffer.alloc(0);
      socket.on('data', (d) => {
        bytes = Buffer.concat([bytes, d]);
        if (bytes.length >= 5 && bytes.length >= 5 + bytes.readUInt16BE(3)) {
          clearTimeout(timer);
          socket.destroy();
          server.close();
          resolve(bytes.subarray(0, 5 + bytes.readUInt16BE(3)));
        }
      });
      socket.on('error', () => undefined);
    });
    const timer = setTimeout(() => { server.close(); reject(new Error('no ClientHello within the timeout')); }, timeoutMs);
    server.listen(0, '127.0.0.1', () => client((server.address() as net.AddressInfo).port));
  });
}

/** A Node.js client with these options, whose failure (the capture server hangs up) is ignored. */
export function nodeClient(options: tls.ConnectionOptions): (port: number) => void {
  return (port) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options });
    s.on('error', () => undefined);
  };
}

/** `openssl s_client` with these arguments, stdin closed, its outcome ignored. */
export function opensslClient(args: string[]): (port: number) => void {
  return (port) => {
    const child = execFile('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...args], { timeout: 15_000 }, () => undefined);
    child.stdin?.end();
  };
}

/** Re-frames one handshake record's payload into records of at most `size` bytes each. */
export function splitRecord(record: Buffer, size: number): Buffer {
  const header = record.subarray(0, 3);
  const payload = record.subarray(5);
  const out: Buffer[] = [];
  for (let i = 0; i < payload.length; i += size) {
    const part = payload.subarray(i, i + size);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(part.length);
    out.push(header, len, part);
  }
  return Buffer.concat(out);
}

/**
 * An SSL 3.0 ClientHello (no extensions) offering AES128-SHA and AES256-SHA, which no client of
 * this OpenSSL can send any more.
 */
export function sslV3ClientHello(): Buffer {
  const body = Buffer.concat([
    Buffer.from([0x03, 0x00]), randomBytes(32), Buffer.from([0x00]),
    Buffer.from([0x00, 0x04, 0x00, 0x2f, 0x00, 0x35]), Buffer.from([0x01, 0x00]),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x00, (handshake.length >> 8) & 0xff, handshake.length & 0xff]), handshake]);
}

/**
 * Sends raw bytes to 127.0.0.1:port and reports how the server answered: `server-hello` (a
 * handshake record whose first message is of type 2), `refused` (an alert or a hang-up) or
 * `no answer` within the timeout.
 */
export function serverAnswer(port: number, hello: Buffer, timeoutMs = 10_000): Promise<'server-hello' | 'refused' | 'no answer'> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => s.write(hello));
    let bytes = Buffer.alloc(0);
    let settled = false;
    const done = (v: 'server-hello' | 'refused' | 'no answer') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done('no answer'), timeoutMs);
    s.on('data', (d) => {
      bytes = Buffer.concat([bytes, d]);
      if (bytes.length >= 6) done(bytes[0] === 0x16 && bytes[5] === 0x02 ? 'server-hello' : 'refused');
    });
    s.on('close', () => done('refused'));
    s.on('error', () => done('refused'));
  });
}
