import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { LoadBalancerDocument } from '../../../../lib/policy/document/load-balancer-document';
import { originForm } from '../../../../provider/engine/listeners/absolute-form';
import { freePort } from '../helpers/backends';
import { lbDocument, listener } from '../helpers/documents';
import { EngineHarness, startEngine } from '../helpers/engine-harness';
import { waitFor } from '../helpers/wait';

const ADDRESS = '127.77.6.1';

/** A raw back end that records each request head exactly as it arrived and answers `ok`. */
async function recordingBackend() {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        heads.push(buf.slice(0, end));
        buf = buf.slice(end + 4);
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      }
    });
  });
  const port = await new Promise<number>((r) => server.listen({ host: ADDRESS, port: 0 }, () => r((server.address() as net.AddressInfo).port)));
  return { port, heads, close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }) };
}

/** Writes `request` on a new connection; resolves the status line of the answer. */
function statusOf(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    s.on('data', (d) => { text += d; if (text.includes('\r\n\r\n')) s.destroy(); });
    s.on('close', () => resolve(text.split('\r\n')[0]));
    s.on('error', reject);
    s.setTimeout(10_000, () => s.destroy());
  });
}

/** The request line and the Host header values of a recorded head. */
function lineAndHosts(head: string): { line: string; hosts: string[] } {
  const [line, ...fields] = head.split('\r\n');
  return { line, hosts: fields.filter((f) => /^host:/i.test(f)).map((f) => f.slice(f.indexOf(':') + 1).trim()) };
}

describe('originForm (absolute-form request targets, RFC 9112 §3.2.2)', () => {
  test('http and https URIs give their path and query, and their authority as Host', () => {
    expect(originForm('http://other.example/path?q=1')).toEqual({ host: 'other.example', path: '/path?q=1' });
    expect(originForm('HTTPS://Other.Example:8443')).toEqual({ host: 'Other.Example:8443', path: '/' });
    expect(originForm('http://other.example?q')).toEqual({ host: 'other.example', path: '/?q' });
    expect(originForm('http://[::1]:8080/a#frag')).toEqual({ host: '[::1]:8080', path: '/a' });
  });

  test('other schemes, user info and a missing host are refused', () => {
    for (const t of ['ftp://other.example/', 'http://user:pw@other.example/', 'http:///path', 'http:/path', 'other.example:443', 'http://a b/']) {
      expect(originForm(t)).toBeUndefined();
    }
  });
});

describe('HTTP listener: an absolute-form target reaches the back end in origin-form with the URI host', () => {
  let h: EngineHarness;
  let backend: Awaited<ReturnType<typeof recordingBackend>>;
  let port: number;

  beforeAll(async () => {
    h = await startEngine();
    backend = await recordingBackend();
    port = await freePort();
    const doc = lbDocument('absolute', {
      listeners: [listener(port, 'HTTP', backend.port, 'HTTP')],
      healthCheck: { target: `TCP:${backend.port}` },
      instances: [{ instanceId: 'i-absf00001', address: ADDRESS }],
    });
    await h.admin.apply({ ...doc, accessLog: { enabled: true, s3BucketName: 'local-logs', emitIntervalMinutes: 5 } } as LoadBalancerDocument, null);
    await waitFor('InService', async () => (await h.admin.get('/v1/load-balancers/absolute/instance-health')).body.InstanceStates[0].State === 'InService');
  });
  afterAll(async () => {
    await h.stop();
    await backend.close();
  });

  test('the path and query go on the request line, the URI authority replaces the Host header', async () => {
    expect(await statusOf(port, 'GET http://other.example/path?q=1 HTTP/1.1\r\nHost: lb.example\r\nConnection: close\r\n\r\n')).toBe('HTTP/1.1 200 OK');
    expect(lineAndHosts(backend.heads.at(-1)!)).toEqual({ line: 'GET /path?q=1 HTTP/1.1', hosts: ['other.example'] });
    // The access log's request field shows the same host and path.
    const logDir = path.join(h.stateDir, 'access-logs', 'absolute');
    await waitFor('the access-log line', () => fs.existsSync(logDir)
      && fs.readdirSync(logDir).some((f) => fs.readFileSync(path.join(logDir, f), 'utf8').includes(`"GET http://other.example:${port}/path?q=1 HTTP/1.1"`)));

    // HTTP/1.0 without Host, no path: `/` and the authority with its port.
    expect(await statusOf(port, 'GET https://Other.Example:8443 HTTP/1.0\r\n\r\n')).toBe('HTTP/1.1 200 OK');
    expect(lineAndHosts(backend.heads.at(-1)!)).toEqual({ line: 'GET / HTTP/1.1', hosts: ['Other.Example:8443'] });

    // Origin-form is untouched: the client's Host goes on.
    expect(await statusOf(port, 'GET /plain?x HTTP/1.1\r\nHost: lb.example\r\nConnection: close\r\n\r\n')).toBe('HTTP/1.1 200 OK');
    expect(lineAndHosts(backend.heads.at(-1)!)).toEqual({ line: 'GET /plain?x HTTP/1.1', hosts: ['lb.example'] });
  });

  test('an absolute URI that is not http/https, or carries user info, gets 400 and is not forwarded', async () => {
    const before = backend.heads.length;
    for (const target of ['ftp://other.example/file', 'http://user:pw@other.example/']) {
      expect(await statusOf(port, `GET ${target} HTTP/1.1\r\nHost: lb.example\r\nConnection: close\r\n\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    }
    expect(backend.heads.length).toBe(before);
  });
});
