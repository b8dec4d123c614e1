import * as net from 'net';
import { closeUnrelayed } from '../../../../provider/engine/listeners/unrelayed-close';

/** A loopback server whose accepted sockets `closeUnrelayed` closes with `graceMs`; resolves with how each closed. */
async function closingServer(graceMs: number) {
  const closed: Array<Promise<{ afterMs: number; hadError: boolean }>> = [];
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    const started = Date.now();
    closed.push(new Promise((resolve) => s.once('close', (hadError) => resolve({ afterMs: Date.now() - started, hadError }))));
    closeUnrelayed(s, graceMs);
  });
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as net.AddressInfo).port)));
  return { server, port, closed };
}

/** Resolves with `p`'s value, or rejects after `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms); });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

describe('closeUnrelayed', () => {
  test('a client that closes its side when the load balancer does: closed at once, the client sees a clean end', async () => {
    const { server, port, closed } = await closingServer(60_000);
    try {
      const client = net.connect(port, '127.0.0.1');
      let ended = false;
      let error: string | undefined;
      client.on('end', () => { ended = true; });
      client.on('error', (e) => { error = e.message; });
      await within(new Promise((r) => client.once('close', r)), 10_000, 'the client\'s close');
      expect({ ended, error }).toEqual({ ended: true, error: undefined });
      // Well before the 60 s grace: the close came from the client's answer, not the fallback.
      await within(closed[0], 10_000, 'the server socket\'s close');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('a client that keeps its side open is destroyed once the grace has passed', async () => {
    const graceMs = 300;
    const { server, port, closed } = await closingServer(graceMs);
    const client = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    try {
      client.on('error', () => undefined);
      await within(new Promise((r) => client.once('end', r)), 10_000, 'the client\'s end');
      await within(closed[0], 10_000, 'the server socket\'s close');
      const { afterMs, hadError } = await closed[0];
      expect(hadError).toBe(false);
      // Not before the grace (timers never fire early; 5 ms for the clock's rounding).
      expect(afterMs).toBeGreaterThanOrEqual(graceMs - 5);
    } finally {
      client.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
