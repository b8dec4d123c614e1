import * as net from 'net';
import { HandshakeDeadlines } from '../../../../provider/engine/tls/handshake-deadlines';
import { waitFor } from '../helpers/wait';

/** A loopback server and `n` connected clients; resolves with the server-side sockets in accept order. */
async function acceptedSockets(n: number) {
  const accepted: net.Socket[] = [];
  let got: () => void = () => undefined;
  const all = new Promise<void>((r) => { got = r; });
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    accepted.push(s);
    if (accepted.length === n) got();
  });
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
  const clients: net.Socket[] = [];
  for (let i = 0; i < n; i++) {
    const c = net.connect(port, '127.0.0.1');
    c.on('error', () => undefined);
    clients.push(c);
    // In order, so accept order is start order.
    await new Promise((r) => c.once('connect', r));
    await waitFor(`connection ${i + 1} accepted`, () => accepted.length > i, 10_000, 1);
  }
  await all;
  const done = async () => {
    for (const c of clients) c.destroy();
    for (const s of accepted) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { accepted, done };
}

/** Resolves with `p`'s value, or rejects after `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms); });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

describe('HandshakeDeadlines', () => {
  test('a pending handshake is given up once, no sooner than its timeout', async () => {
    const { accepted, done } = await acceptedSockets(1);
    try {
      const expired: Array<{ socket: net.Socket; afterMs: number }> = [];
      let fired: () => void = () => undefined;
      const firedOnce = new Promise<void>((r) => { fired = r; });
      const started = Date.now();
      const deadlines = new HandshakeDeadlines(300, (socket) => { expired.push({ socket, afterMs: Date.now() - started }); fired(); }, 100);
      expect(deadlines.watching).toBe(false);
      deadlines.start(accepted[0]);
      expect(deadlines.size).toBe(1);
      expect(deadlines.watching).toBe(true);
      await within(firedOnce, 10_000, 'the deadline');
      expect(expired).toHaveLength(1);
      expect(expired[0].socket).toBe(accepted[0]);
      expect(expired[0].afterMs).toBeGreaterThanOrEqual(300);
      // No longer pending: ending it now is not the call that ended it.
      expect(deadlines.size).toBe(0);
      expect(deadlines.end(accepted[0])).toBe(false);
      // Nothing pending: the timer stopped with the sweep that gave it up.
      expect(deadlines.watching).toBe(false);
    } finally {
      await done();
    }
  });

  test('a handshake ended in time is not given up; end() says true only the first time', async () => {
    const { accepted, done } = await acceptedSockets(2);
    try {
      const expired: net.Socket[] = [];
      let fired: () => void = () => undefined;
      const firedOnce = new Promise<void>((r) => { fired = r; });
      const deadlines = new HandshakeDeadlines(200, (socket) => { expired.push(socket); fired(); }, 50);
      deadlines.start(accepted[0]);
      deadlines.start(accepted[1]);
      expect(deadlines.end(accepted[0])).toBe(true);
      expect(deadlines.end(accepted[0])).toBe(false);
      await within(firedOnce, 10_000, 'the second socket\'s deadline');
      expect(expired).toEqual([accepted[1]]);
    } finally {
      await done();
    }
  });

  test('older handshakes go first; a younger one keeps its own time', async () => {
    const { accepted, done } = await acceptedSockets(2);
    try {
      const expired: Array<{ socket: net.Socket; at: number }> = [];
      const deadlines = new HandshakeDeadlines(400, (socket) => { expired.push({ socket, at: Date.now() }); }, 50);
      const first = Date.now();
      deadlines.start(accepted[0]);
      // The second starts at least 300 ms later (waiting on the clock, not a fixed sleep).
      await waitFor('300 ms', () => Date.now() - first >= 300, 10_000, 10);
      const second = Date.now();
      deadlines.start(accepted[1]);
      await waitFor('both deadlines', () => expired.length === 2, 10_000, 10);
      expect(expired.map((e) => e.socket)).toEqual([accepted[0], accepted[1]]);
      expect(expired[0].at - first).toBeGreaterThanOrEqual(400);
      expect(expired[1].at - second).toBeGreaterThanOrEqual(400);
      expect(deadlines.size).toBe(0);
    } finally {
      await done();
    }
  });

  test('clear() forgets every pending handshake', async () => {
    const { accepted, done } = await acceptedSockets(1);
    try {
      const expired: net.Socket[] = [];
      const deadlines = new HandshakeDeadlines(100, (socket) => expired.push(socket), 20);
      deadlines.start(accepted[0]);
      expect(deadlines.watching).toBe(true);
      deadlines.clear();
      expect(deadlines.size).toBe(0);
      expect(deadlines.watching).toBe(false);
      expect(deadlines.end(accepted[0])).toBe(false);
      expect(expired).toEqual([]);
    } finally {
      await done();
    }
  });
});
