import * as net from 'net';
import { Readable } from 'stream';
import { HttpProxy } from '../../../../provider/engine/listeners/http-proxy';
import { LeanHttpConnection } from '../../../../provider/engine/listeners/lean-http-connection';
import { LeanRequest } from '../../../../provider/engine/listeners/lean-request';
import { LeanResponse } from '../../../../provider/engine/listeners/lean-response';
import { ListenerBinding } from '../../../../provider/engine/listeners/listener-binding';
import { freePort, startHttpBackend, TestBackend } from '../helpers/backends';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

/**
 * The lean front end gives an idle keep-alive connection's parser back (in-process engine, real
 * sockets): after a response, `releaseIdleParsers` (what the sweep timer runs) takes the parser
 * off the connection, and the next request, whole, in pieces or pipelined, is answered as before;
 * the idle timeout still closes a connection without a parser.
 */
describe('lean HTTP connection: the parser goes back while the connection is idle', () => {
  let h: EngineHarness;
  let backend: TestBackend;
  let port: number;

  beforeAll(async () => {
    h = await startEngine();
    backend = await startHttpBackend('b1', '127.0.0.1');
    port = await freePort();
    await h.admin.apply(lbDocument('idleparser', {
      listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
      healthCheck: { target: `HTTP:${backend.port}/health` },
      instances: [{ instanceId: 'i-1d1e0001', address: '127.0.0.1' }],
      idleTimeoutSeconds: 2,
    }), null);
    await waitFor('the instance InService', async () => (await h.admin.get('/v1/load-balancers/idleparser/instance-health')).body.InstanceStates?.[0]?.State === 'InService');
  }, 30_000);

  afterAll(async () => {
    await h.stop();
    await backend.close();
  });

  /** A raw client: what it received so far, and whether the engine closed it. */
  async function client() {
    const s = net.connect({ port, host: '127.0.0.1', noDelay: true });
    await new Promise((resolve, reject) => { s.once('connect', resolve); s.once('error', reject); });
    let text = '';
    let closed = false;
    s.setEncoding('latin1');
    s.on('data', (d: string) => { text += d; });
    s.on('close', () => { closed = true; });
    s.on('error', () => undefined);
    const answers = () => [...text.matchAll(/HTTP\/1\.1 (\d{3}) [^\r]*\r\n[\s\S]*?\r\n\r\nb1/g)].map((m) => m[1]);
    const write = async (bytes: string, piece = 0) => {
      const data = Buffer.from(bytes, 'latin1');
      const size = piece || data.length;
      for (let at = 0; at < data.length; at += size) await new Promise<void>((resolve) => s.write(data.subarray(at, at + size), () => resolve()));
    };
    return { s, answers, write, text: () => text, closed: () => closed };
  }

  const GET = (path: string) => `GET ${path} HTTP/1.1\r\nHost: lb.example\r\n\r\n`;

  test('an idle connection holds no parser after the sweep, and its next requests are answered', async () => {
    const c = await client();
    await c.write(GET('/one'));
    await waitFor('the first answer', () => c.answers().length === 1);
    expect(LeanHttpConnection.releaseIdleParsers()).toBeGreaterThanOrEqual(1);
    expect(LeanHttpConnection.pooledParsers).toBeGreaterThanOrEqual(1);
    // Nothing is left to release: the connection holds no parser now.
    expect(LeanHttpConnection.releaseIdleParsers()).toBe(0);
    await c.write(GET('/two'), 7);
    await waitFor('the second answer', () => c.answers().length === 2);
    expect(LeanHttpConnection.releaseIdleParsers()).toBe(1);
    // Pipelined requests arriving on a connection without a parser, one write.
    await c.write(GET('/three') + GET('/four') + `POST /five HTTP/1.1\r\nHost: lb.example\r\nContent-Length: 3\r\n\r\nabc`);
    await waitFor('the pipelined answers', () => c.answers().length === 5);
    expect(c.answers()).toEqual(['200', '200', '200', '200', '200']);
    expect(c.closed()).toBe(false);
    c.s.destroy();
  }, 20_000);

  test('a malformed request after the release is refused as before', async () => {
    const c = await client();
    await c.write(GET('/one'));
    await waitFor('the first answer', () => c.answers().length === 1);
    expect(LeanHttpConnection.releaseIdleParsers()).toBeGreaterThanOrEqual(1);
    await c.write(`POST /smuggle HTTP/1.1\r\nHost: lb.example\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 7);
    await waitFor('the engine closing the connection', () => c.closed());
    expect(c.answers()).toEqual(['200']);
    expect(c.text()).toMatch(/HTTP\/1\.1 400 /);
  }, 20_000);

  test('the idle timeout closes a connection whose parser went back', async () => {
    const c = await client();
    await c.write(GET('/one'));
    await waitFor('the first answer', () => c.answers().length === 1);
    expect(LeanHttpConnection.releaseIdleParsers()).toBeGreaterThanOrEqual(1);
    const from = Date.now();
    await waitFor('the idle timeout closing the connection', () => c.closed(), 10_000);
    // idleTimeoutSeconds 2, armed from the last byte written (the answer).
    expect(Date.now() - from).toBeGreaterThanOrEqual(1_000);
  }, 20_000);
});

/**
 * Reading from the client after a request body that filled its consumer (real sockets, a
 * `LeanHttpConnection` in front of a proxy that holds the body): the pause was for that body, so
 * once the body is complete, or the response ended without it, the next request on the
 * connection is read and answered.
 */
describe('lean HTTP connection: a full request body does not stop the next request', () => {
  interface Held { req: LeanRequest; res: LeanResponse }
  let server: net.Server;
  let port: number;
  let held: Held[] = [];
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    const binding = { runtime: { compiled: { idleTimeoutMs: 60_000 }, counters: { httpCodeElb4xx: 0 } } } as unknown as ListenerBinding;
    const proxy = {
      logger: { error: () => undefined },
      forward(req: LeanRequest, res: LeanResponse) {
        // GETs are answered at once; a POST is held, its body unread, for the test to settle.
        if (req.method === 'POST') held.push({ req, res });
        else answer(res);
      },
    } as unknown as HttpProxy;
    server = net.createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      new LeanHttpConnection(s, binding, proxy);
    });
    port = await new Promise<number>((r) => server.listen({ host: '127.0.0.1', port: 0 }, () => r((server.address() as net.AddressInfo).port)));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  afterEach(() => { held = []; });

  function answer(res: LeanResponse): void {
    res.writeHead(200, undefined, ['Content-Length', '2']);
    res.end(Buffer.from('ok'));
  }

  async function client() {
    const s = net.connect({ port, host: '127.0.0.1', noDelay: true });
    await new Promise((resolve, reject) => { s.once('connect', resolve); s.once('error', reject); });
    let text = '';
    s.setEncoding('latin1');
    s.on('data', (d: string) => { text += d; });
    s.on('error', () => undefined);
    return { s, answers: () => (text.match(/HTTP\/1\.1 200 OK/g) ?? []).length };
  }

  test('a body that filled its stream in the read that completed it', async () => {
    const c = await client();
    c.s.write('POST /full HTTP/1.1\r\nHost: h\r\nContent-Length: 65536\r\n\r\n');
    await waitFor('the POST forwarded', () => held.length === 1);
    const { req, res } = held[0];
    // The stream exists before any body byte: every byte is pushed to it, none read.
    const body = req.requestBody() as Readable;
    c.s.write(Buffer.alloc(body.readableHighWaterMark, 'b'));
    await waitFor('the body complete, its stream full', () => req.complete && body.readableLength >= body.readableHighWaterMark);
    body.resume();
    await new Promise((r) => body.once('end', r));
    answer(res);
    await waitFor('the POST answered', () => c.answers() === 1);
    c.s.write('GET /next HTTP/1.1\r\nHost: h\r\n\r\n');
    await waitFor('the next request answered', () => c.answers() === 2);
    c.s.destroy();
  }, 20_000);

  test('a body still coming when the response ended without it: the rest is read and dropped', async () => {
    const c = await client();
    const size = 4 * 1024 * 1024;
    c.s.write(`POST /early HTTP/1.1\r\nHost: h\r\nContent-Length: ${size}\r\n\r\n`);
    await waitFor('the POST forwarded', () => held.length === 1);
    const { req, res } = held[0];
    const body = req.requestBody() as Readable;
    c.s.write(Buffer.alloc(size, 'b'));
    c.s.write('GET /next HTTP/1.1\r\nHost: h\r\n\r\n');
    await waitFor('the body stream full', () => body.readableLength >= body.readableHighWaterMark);
    expect(req.complete).toBe(false);
    answer(res);
    await waitFor('the POST and the next request answered', () => c.answers() === 2);
    c.s.destroy();
  }, 20_000);
});
