import * as http from 'http';
import * as net from 'net';
import { BackendTarget } from '../../../../provider/engine/backends/backend-target';
import { ConnectionPool } from '../../../../provider/engine/backends/connection-pool';
import { PooledRequestHandler, TargetPool } from '../../../../provider/engine/backends/target-pool';
import { waitFor } from '../helpers/wait';

const ADDRESS = '127.77.0.191';

/** An HTTP back end that counts its connections and when they close; `keepAlive` seconds are announced. */
async function countingBackend(keepAliveSeconds: number) {
  const state = { opened: 0, closed: 0 };
  const server = http.createServer((req, res) => { req.resume(); res.writeHead(200, { 'content-length': 2 }); res.end('ok'); });
  server.keepAliveTimeout = keepAliveSeconds * 1000; // Node announces it as Keep-Alive: timeout=N
  server.on('connection', (s: net.Socket) => { state.opened++; s.on('close', () => { state.closed++; }); });
  const port = await new Promise<number>((r) => server.listen({ host: ADDRESS, port: 0 }, () => r((server.address() as net.AddressInfo).port)));
  return { state, port, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** One GET through a target pool, the way BackendExchange drives it; resolves the status and whether the connection was reused. */
function get(pool: TargetPool): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let reused = false;
    const handler: PooledRequestHandler = {
      onConnect() { reused = handler.client!.startRequest(); },
      onHeaders(code: number) { status = code; return true; },
      onData() { return true; },
      onComplete() { pool.release(handler.client!); resolve({ status, reused }); },
      onError(err: Error) { pool.release(handler.client!); reject(err); },
    };
    pool.dispatch({ method: 'GET', path: '/', headers: ['Host', 'backend'], reset: false }, handler);
  });
}

describe('ConnectionPool (lean back-end clients per target and idle timeout)', () => {
  const noPins = () => { throw new Error('no pins here'); };
  let pool: ConnectionPool;
  afterEach(() => pool.destroy());

  test('sequential requests share one keep-alive connection, and the second knows it met a reused one', async () => {
    const backend = await countingBackend(600);
    try {
      pool = new ConnectionPool(noPins);
      const target: BackendTarget = { instanceId: 'i-0pool0001', address: ADDRESS, port: backend.port, tls: false };
      const first = await get(pool.poolFor(target, 60_000));
      const second = await get(pool.poolFor(target, 60_000));
      expect(first).toEqual({ status: 200, reused: false });
      expect(second).toEqual({ status: 200, reused: true });
      expect(backend.state.opened).toBe(1);
    } finally {
      await backend.close();
    }
  });

  test('one pool per target and idle timeout; retainOnly closes the idle connections of the others', async () => {
    const backend = await countingBackend(600);
    try {
      pool = new ConnectionPool(noPins);
      const target: BackendTarget = { instanceId: 'i-0pool0002', address: ADDRESS, port: backend.port, tls: false };
      expect(pool.poolFor(target, 1_000)).toBe(pool.poolFor(target, 1_000));
      expect(pool.poolFor(target, 1_000)).not.toBe(pool.poolFor(target, 60_000));
      await get(pool.poolFor(target, 60_000));
      await get(pool.poolFor(target, 30_000));
      expect(backend.state.opened).toBe(2);
      pool.retainOnly(new Set([ConnectionPool.liveKey(target, 60_000)]));
      await waitFor('the 30 s pool\'s idle connection closed', () => backend.state.closed === 1);
      // The retained pool still reuses its connection.
      expect(await get(pool.poolFor(target, 60_000))).toEqual({ status: 200, reused: true });
      expect(backend.state).toEqual({ opened: 2, closed: 1 });
    } finally {
      await backend.close();
    }
  });

  test('an idle connection closes after the idle timeout, or 1 s before a shorter keep-alive the back end announces', async () => {
    const backend = await countingBackend(3);
    try {
      pool = new ConnectionPool(noPins);
      const target: BackendTarget = { instanceId: 'i-0pool0003', address: ADDRESS, port: backend.port, tls: false };
      const started = Date.now();
      await get(pool.poolFor(target, 60_000));
      await waitFor('the pooled connection closed by the pool', () => backend.state.closed === 1, 5_000);
      const after = Date.now() - started;
      expect(after).toBeGreaterThanOrEqual(1_800);
      expect(after).toBeLessThan(2_900); // before the back end's own 3 s
    } finally {
      await backend.close();
    }
  });
});
