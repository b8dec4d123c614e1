// Idle keep-alive HTTP clients for the memory benches (bench/proxy-idle-connections.mjs,
// bench/engine-idle-memory.mjs): opens N connections to 127.0.0.1:PORT in batches, sends one
// request on each and resolves once every one was answered (or failed); the connections stay open.
import * as net from 'node:net';

const REQUEST = 'GET / HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n\r\n';

/**
 * Opens `n` connections (`batch` at a time, 20 ms apart, so the listen backlog never overflows),
 * one request each. Resolves `{ sockets, answered, failed }` when every connection was answered or
 * failed; rejects after `ms`.
 */
export function openIdleClients(port, n, { batch = 500, ms = 110_000 } = {}) {
  const sockets = [];
  let answered = 0;
  let failed = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`idle clients: ${answered} answered, ${failed} failed of ${n} within ${ms} ms`)), ms);
    const settle = () => { if (answered + failed === n) { clearTimeout(timer); resolve({ sockets, answered, failed }); } };
    let opened = 0;
    const openBatch = () => {
      for (let i = 0; i < batch && opened < n; i++, opened++) {
        const s = net.connect({ host: '127.0.0.1', port });
        sockets.push(s);
        let buf = '';
        s.setEncoding('latin1');
        s.on('connect', () => s.write(REQUEST));
        s.on('data', (d) => { if (buf === null) return; buf += d; if (buf.includes('\r\n\r\n')) { buf = null; answered++; settle(); } });
        s.on('error', () => { if (buf === null) return; buf = null; failed++; settle(); });
      }
      if (opened < n) setTimeout(openBatch, 20);
    };
    openBatch();
  });
}
