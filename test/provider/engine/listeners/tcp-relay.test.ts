import { createHash, Hash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as tls from 'tls';
import { freePort } from '../helpers/backends';
import { makeCert, tempDir } from '../helpers/certs';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

/** Loopback addresses of this file's instances. */
const TCP_INSTANCE = { instanceId: 'i-0relay001', address: '127.77.33.1' };
const SSL_INSTANCE = { instanceId: 'i-0relay002', address: '127.77.33.2' };
const DRAIN_A = { instanceId: 'i-0relay003', address: '127.77.33.3' };
const DRAIN_B = { instanceId: 'i-0relay004', address: '127.77.33.4' };

/** Bytes per write of a sender; every chunk starts with its offset in the stream, so loss, duplication and reordering change the hash. */
const CHUNK = 64 * 1024;
/** A large transfer: far more than the socket buffers on the path can hold (loopback buffers autotune to a few MiB). */
const LARGE = 96 * 1024 * 1024;
/** What a slow reader takes before it stops again. */
const QUOTA = 8 * 1024 * 1024;
/**
 * How long a sender must stay blocked before the stopped reader reads again: a relay that holds the
 * sender back keeps it blocked until the reader reads; one that buffers without bound lets it drain
 * within a few milliseconds every time.
 */
const STALL_MS = 100;
/**
 * The most a relay with back-pressure may hold in flight: the kernel buffers of four sockets plus a
 * little user space (measured 10-13 MiB on loopback here; a relay without back-pressure holds ~90 MiB
 * of the 96 MiB).
 */
const MAX_IN_FLIGHT = 48 * 1024 * 1024;

/** A sender's progress, shared with the slow reader on the other end of the relay (both run in this process). */
class Sender {
  public sent = 0;
  /** The last write returned false and 'drain' has not come yet. */
  public blocked = false;
  /** Blocked for `STALL_MS` without a 'drain'. */
  public stalled = false;
  private stallTimer?: NodeJS.Timeout;
  public done = false;
  public readonly hash: Hash = createHash('sha256');
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly total: number) {}

  /** Writes the pattern to `socket` honouring back-pressure, then ends `socket`. */
  public start(socket: net.Socket): void {
    const write = (): void => {
      while (this.sent < this.total) {
        const chunk = Buffer.alloc(Math.min(CHUNK, this.total - this.sent), this.sent % 251);
        chunk.writeUInt32BE(this.sent >>> 0, 0);
        this.hash.update(chunk);
        this.sent += chunk.length;
        if (!socket.write(chunk)) {
          this.blocked = true;
          this.stallTimer = setTimeout(() => { this.stalled = true; this.notify(); }, STALL_MS);
          socket.once('drain', () => {
            clearTimeout(this.stallTimer);
            this.blocked = false;
            this.stalled = false;
            write();
          });
          return;
        }
      }
      this.done = true;
      this.notify();
      socket.end();
    };
    write();
  }

  /** Resolves once the sender is stalled or done (bounded: rejects after `timeoutMs`). */
  public stalledOrDone(timeoutMs = 15_000): Promise<void> {
    if (this.stalled || this.done) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sender neither blocked nor finished within ${timeoutMs} ms (sent ${this.sent})`)), timeoutMs);
      this.waiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** What a slow reader got. */
interface ReadResult {
  bytes: number;
  digest: string;
  /** The most bytes the sender had written that the reader had not yet read, seen each time the reader stopped. */
  maxInFlight: number;
  /** The peer closed its side (FIN) after the data. */
  ended: boolean;
}

/**
 * Reads `socket` slowly: it stops reading after each `QUOTA` bytes and resumes only once the sender
 * on the other end of the relay has been held back by back-pressure for `STALL_MS` (or has finished). `initial` is data
 * already read past a command line.
 */
function slowRead(socket: net.Socket, sender: Sender, initial?: Buffer): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const result: ReadResult = { bytes: 0, digest: '', maxInFlight: 0, ended: false };
    let sinceStop = 0;
    const take = (d: Buffer) => {
      hash.update(d);
      result.bytes += d.length;
      sinceStop += d.length;
      if (sinceStop < QUOTA || result.ended) return;
      sinceStop = 0;
      socket.pause();
      sender.stalledOrDone().then(() => {
        result.maxInFlight = Math.max(result.maxInFlight, sender.sent - result.bytes);
        socket.resume();
      }, (e: Error) => { socket.destroy(); reject(e); });
    };
    if (initial?.length) take(initial);
    socket.on('data', take);
    socket.on('end', () => { result.ended = true; result.digest = hash.digest('hex'); resolve(result); });
    socket.on('error', reject);
    socket.on('close', () => { if (!result.ended) reject(new Error(`closed after ${result.bytes} bytes without an end`)); });
  });
}

/** One back-end connection, as the tests see it. */
interface BackendConnection {
  command: string;
  upload?: Promise<ReadResult>;
  download?: Sender;
  closed: boolean;
}

/**
 * A TCP or TLS back end (half-open allowed) driven by the first line each connection sends:
 * `SEND <n>` sends n pattern bytes and then ends its side; `SINK` reads slowly (against the sender
 * the test registered in `uploads`) to the client's end and then answers `<bytes> <sha256>` and
 * ends; `ECHO` echoes. Health-check connections send nothing and are ignored.
 */
class RelayBackend {
  public readonly connections: BackendConnection[] = [];
  /** The client-side sender of the next `SINK` connection. */
  public uploads: Sender[] = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(cert?: { keyPem: string; certPem: string }) {
    const handler = (s: net.Socket) => this.accept(s);
    this.server = cert
      ? tls.createServer({ key: cert.keyPem, cert: cert.certPem, allowHalfOpen: true }, handler)
      : net.createServer({ allowHalfOpen: true }, handler);
    // Every raw connection, so that close() ends those that never finished a TLS handshake (health checks).
    this.server.on('connection', (raw: net.Socket) => { this.sockets.add(raw); raw.once('close', () => this.sockets.delete(raw)); });
    this.server.on('tlsClientError', () => undefined);
  }

  public listen(address: string, port = 0): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: address, port }, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  public close(): Promise<void> {
    return new Promise((r) => { this.server.close(() => r()); for (const s of this.sockets) s.destroy(); });
  }

  private accept(s: net.Socket): void {
    this.sockets.add(s);
    s.on('error', () => s.destroy());
    let head = Buffer.alloc(0);
    const onHead = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      const nl = head.indexOf(10);
      if (nl < 0) return;
      s.removeListener('data', onHead);
      s.pause();
      const conn: BackendConnection = { command: head.subarray(0, nl).toString(), closed: false };
      this.connections.push(conn);
      s.on('close', () => { conn.closed = true; this.sockets.delete(s); });
      const rest = head.subarray(nl + 1);
      const [verb, arg] = conn.command.split(' ');
      if (verb === 'SEND') {
        conn.download = new Sender(Number(arg));
        conn.download.start(s);
        s.resume();
      } else if (verb === 'SINK') {
        const sender = this.uploads.shift()!;
        conn.upload = slowRead(s, sender, rest);
        s.resume();
        conn.upload.then((r) => s.end(`${r.bytes} ${r.digest}\n`), () => s.destroy());
      } else {
        if (rest.length) s.write(rest);
        s.on('data', (d) => s.write(d));
        s.on('end', () => s.end());
        s.resume();
      }
    };
    s.on('data', onHead);
    s.on('close', () => this.sockets.delete(s));
  }
}

/** Connects to a listener: TLS for SSL (any certificate), plain TCP otherwise; resolves once data can flow. */
function connect(port: number, ssl: boolean): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s: net.Socket = ssl
      ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => resolve(s))
      : net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

describe('the TCP/SSL relay (layer 4): order, back-pressure, half-close and draining', () => {
  let h: EngineHarness;
  let dir: string;
  const tcpBackend = new RelayBackend();
  let sslBackend: RelayBackend;
  const ports = { tcp: 0, ssl: 0, sslToTcp: 0 };

  beforeAll(async () => {
    dir = tempDir('relay');
    const backendCert = makeCert(dir, 'relay-backend', 'ec');
    const front = makeCert(dir, 'relay-front', 'ec');
    sslBackend = new RelayBackend(backendCert);
    const tcpPort = await tcpBackend.listen(TCP_INSTANCE.address);
    const sslPort = await sslBackend.listen(SSL_INSTANCE.address);
    h = await startEngine();
    expect((await h.admin.put('/v1/server-certificates/relay-front', { certificateBody: front.certPem, privateKey: front.keyPem })).status).toBe(200);
    ports.tcp = await freePort();
    ports.ssl = await freePort();
    ports.sslToTcp = await freePort();
    await h.admin.apply(lbDocument('relay-tcp', {
      listeners: [listener(ports.tcp, 'TCP', tcpPort, 'TCP')],
      healthCheck: { target: `TCP:${tcpPort}` },
      instances: [TCP_INSTANCE],
    }), null);
    await h.admin.apply(lbDocument('relay-ssl', {
      listeners: [listener(ports.ssl, 'SSL', sslPort, 'SSL', { sslCertificateId: 'relay-front' })],
      healthCheck: { target: `TCP:${sslPort}` },
      instances: [SSL_INSTANCE],
    }), null);
    await h.admin.apply(lbDocument('relay-ssl-tcp', {
      listeners: [listener(ports.sslToTcp, 'SSL', tcpPort, 'TCP', { sslCertificateId: 'relay-front' })],
      healthCheck: { target: `TCP:${tcpPort}` },
      instances: [TCP_INSTANCE],
    }), null);
    for (const lb of ['relay-tcp', 'relay-ssl', 'relay-ssl-tcp']) {
      await waitFor(`${lb} InService`, async () => (await h.admin.get(`/v1/load-balancers/${lb}/instance-health`)).body.InstanceStates[0].State === 'InService');
    }
  });
  afterAll(async () => {
    await h.stop();
    await tcpBackend.close();
    await sslBackend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const CASES: Array<[string, 'tcp' | 'ssl' | 'sslToTcp']> = [
    ['TCP listener to a TCP back end', 'tcp'], ['SSL listener to an SSL back end', 'ssl'], ['SSL listener to a TCP back end', 'sslToTcp'],
  ];
  describe.each(CASES)('%s', (_name, kind) => {
    const ssl = kind !== 'tcp';
    const port = () => ports[kind];
    const backend = () => (kind === 'ssl' ? sslBackend : tcpBackend);

    test('a large download to a client that reads slowly arrives complete and in order, the back end is held back, and its FIN reaches the client', async () => {
      const before = backend().connections.length;
      const client = await connect(port(), ssl);
      client.write(`SEND ${LARGE}\n`);
      const conn = await waitFor('the back end got the command', () => backend().connections[before]);
      const got = await slowRead(client, conn.download!);
      expect(got.bytes).toBe(LARGE);
      expect(got.digest).toBe(conn.download!.hash.digest('hex'));
      expect(got.ended).toBe(true);
      expect(got.maxInFlight).toBeGreaterThan(0);
      expect(got.maxInFlight).toBeLessThan(MAX_IN_FLIGHT);
      await waitFor('the back-end connection closed', () => conn.closed);
      client.destroy();
    }, 60_000);

    test('a large upload to a back end that reads slowly arrives complete and in order; the client\'s FIN reaches the back end after the data, and the load balancer then closes the client\'s side (no half-open relay)', async () => {
      const sender = new Sender(LARGE);
      backend().uploads.push(sender);
      const client = await connect(port(), ssl);
      let answer = '';
      client.on('data', (d) => { answer += d; });
      const ended = new Promise<void>((r) => client.once('end', () => r()));
      const closed = new Promise<void>((r) => client.once('close', () => r()));
      client.write('SINK\n');
      sender.start(client);
      const conn = await waitFor('the back end got the command', () => backend().connections.find((c) => c.upload && c.command === 'SINK' && !c.closed));
      const got = await conn.upload!;
      expect(got.bytes).toBe(LARGE);
      expect(got.digest).toBe(sender.hash.digest('hex'));
      expect(got.ended).toBe(true);
      expect(got.maxInFlight).toBeGreaterThan(0);
      expect(got.maxInFlight).toBeLessThan(MAX_IN_FLIGHT);
      await ended;
      await closed;
      // The back end answered after the client's FIN: by then the client connection was closed.
      await waitFor('the back-end connection closed', () => conn.closed);
      expect(answer).toBe('');
    }, 60_000);
  });

  describe.each([['disabled', false], ['enabled', true]])('connection draining %s', (_name, enabled) => {
    test(enabled
      ? 'a relay to a deregistered instance goes on until it ends; the instance is reported as deregistering meanwhile'
      : 'a relay to a deregistered instance is cut at once', async () => {
      const a = new RelayBackend();
      const b = new RelayBackend();
      const backendPort = await a.listen(DRAIN_A.address);
      await b.listen(DRAIN_B.address, backendPort);
      const lbPort = await freePort();
      const name = `relay-drain-${enabled ? 'on' : 'off'}`;
      const doc = (instances: Array<typeof DRAIN_A>) => ({
        ...lbDocument(name, { listeners: [listener(lbPort, 'TCP', backendPort, 'TCP')], healthCheck: { target: `TCP:${backendPort}` }, instances }),
        connectionDraining: { enabled, timeoutSeconds: 30 },
      });
      const health = async () => (await h.admin.get(`/v1/load-balancers/${name}/instance-health`)).body.InstanceStates as any[];
      try {
        let revision = await h.admin.apply(doc([DRAIN_A]), null);
        await waitFor('A InService', async () => (await health())[0].State === 'InService');
        // GIVEN a relay to A (the only instance)
        const client = await connect(lbPort, false);
        let text = '';
        client.on('data', (d) => { text += d; });
        const closed = new Promise<void>((r) => client.once('close', () => r()));
        client.write('ECHO\none\n');
        await waitFor('the first echo', () => text === 'one\n');
        expect(a.connections.filter((c) => c.command === 'ECHO')).toHaveLength(1);
        // WHEN A is deregistered
        revision = await h.admin.apply(doc([DRAIN_B]), revision);
        if (enabled) {
          // THEN the relay still carries bytes both ways, and A is reported as deregistering until it closes
          expect(await health()).toEqual(expect.arrayContaining([expect.objectContaining({ InstanceId: DRAIN_A.instanceId, Description: 'Instance deregistration currently in progress.' })]));
          client.write('two\n');
          await waitFor('the second echo', () => text === 'one\ntwo\n');
          client.end();
          await closed;
          await waitFor('the drain finished', async () => (await health()).every((s) => s.InstanceId !== DRAIN_A.instanceId));
        } else {
          // THEN the relay is closed at once
          await closed;
          expect(text).toBe('one\n');
        }
        await waitFor('the back-end connection closed', () => a.connections.every((c) => c.closed));
      } finally {
        await h.admin.delete(`/v1/load-balancers/${name}`);
        await a.close();
        await b.close();
      }
    }, 30_000);
  });
});
