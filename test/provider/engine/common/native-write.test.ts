import { once } from 'events';
import * as net from 'net';
import * as tls from 'tls';
import { NativeWrite, writeNative } from '../../../../provider/engine/common/native-write';
import { makeCert, tempDir } from '../helpers/certs';

/** A connected loopback pair: the client socket and the server's accepted one. */
async function pair(): Promise<{ client: net.Socket; accepted: net.Socket; server: net.Server }> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  const [accepted] = (await once(server, 'connection')) as [net.Socket];
  await once(client, 'connect');
  return { client, accepted, server };
}

/** Reads `socket` until `n` bytes came (bounded by the test's timeout). */
async function readBytes(socket: net.Socket, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  for await (const chunk of socket) {
    parts.push(chunk as Buffer);
    got += (chunk as Buffer).length;
    if (got >= n) break;
  }
  return Buffer.concat(parts);
}

describe('writeNative', () => {
  test('writes latin1 text and bytes on a plain socket, in order with socket.write', async () => {
    const { client, accepted, server } = await pair();
    try {
      expect(writeNative(client, 'GET / HTTP/1.1\r\n\xe9')).toBe(NativeWrite.Done);
      expect(writeNative(client, Buffer.from('abc'))).toBe(NativeWrite.Done);
      client.write('tail');
      const got = await readBytes(accepted, 16 + 1 + 3 + 4);
      expect(got.toString('latin1')).toBe('GET / HTTP/1.1\r\n\xe9abctail');
    } finally {
      client.destroy(); accepted.destroy(); server.close();
    }
  });

  test('writes nothing where the stream must (corked, buffered, ended, destroyed)', async () => {
    const { client, accepted, server } = await pair();
    try {
      client.cork();
      expect(writeNative(client, 'x')).toBe(NativeWrite.Unavailable);
      client.uncork();
      client.end();
      expect(writeNative(client, 'y')).toBe(NativeWrite.Unavailable);
      const got = await readBytes(accepted, 1);
      expect(got.length).toBe(0);
      client.destroy();
      expect(writeNative(client, 'z')).toBe(NativeWrite.Unavailable);
    } finally {
      client.destroy(); accepted.destroy(); server.close();
    }
  });

  test('leaves TLS sockets to socket.write', async () => {
    const { certPem, keyPem } = makeCert(tempDir('native-write'), 'native-write.local');
    const server = tls.createServer({ cert: certPem, key: keyPem }, (s) => s.end());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = tls.connect({ port: (server.address() as net.AddressInfo).port, host: '127.0.0.1', rejectUnauthorized: false });
    try {
      await once(client, 'secureConnect');
      expect(writeNative(client, 'x')).toBe(NativeWrite.Unavailable);
    } finally {
      client.destroy(); server.close();
    }
  });

  test('a write the kernel cannot take at once is queued: no second one until it is written, then drain', async () => {
    const { client, accepted, server } = await pair();
    try {
      accepted.pause();
      // Far more than loopback socket buffers hold while the reader is paused.
      const big = Buffer.alloc(64 * 1024 * 1024, 0x61);
      expect(writeNative(client, big)).toBe(NativeWrite.Queued);
      expect(writeNative(client, 'b')).toBe(NativeWrite.Unavailable);
      const drained = once(client, 'drain');
      accepted.resume();
      const got = await readBytes(accepted, big.length);
      await drained;
      expect(got.length).toBe(big.length);
      expect(writeNative(client, 'c')).toBe(NativeWrite.Done);
    } finally {
      client.destroy(); accepted.destroy(); server.close();
    }
  }, 30_000);
});
