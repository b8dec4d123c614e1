// The memory floor of an idle client connection in Node.js, without the engine: a bare net.Server
// keeps N accepted connections open and reports resident memory (RSS) and V8 heap per connection,
// as the engine would hold them: `bare` (the socket only), `timer` (+ an idle timeout, as every
// engine connection has) and `parser` (+ an llhttp parser reading from the socket's handle, as
// the lean HTTP front end and Node's http.Server keep per connection). The client runs in a child
// process. Bounded: 60 s. Usage: node --expose-gc bench/idle-connection-floor.cjs MODE [N]
const net = require('net');
const { fork } = require('child_process');

if (process.argv[2] === 'client') {
  const n = Number(process.argv[3]);
  const port = Number(process.argv[4]);
  const sockets = [];
  // In batches of 200, so the listen backlog never overflows (a dropped SYN is retried seconds later).
  const batch = (from) => {
    let open = 0;
    const to = Math.min(n, from + 200);
    for (let i = from; i < to; i++) {
      const c = net.connect(port, '127.0.0.1', () => { if (++open === to - from) { if (to === n) process.send('connected'); else batch(to); } });
      c.on('error', () => undefined);
      sockets.push(c);
    }
  };
  batch(0);
  // Gone with the parent (its exit closes the IPC channel), and never older than 60 s.
  process.on('message', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
  setTimeout(() => process.exit(0), 60_000).unref();
} else {
  const { HTTPParser } = require('_http_common');
  const mode = process.argv[2];
  const n = Number(process.argv[3] ?? 5000);
  if (!['bare', 'timer', 'parser'].includes(mode) || typeof global.gc !== 'function') {
    console.error('usage: node --expose-gc bench/idle-connection-floor.cjs bare|timer|parser [N]');
    process.exit(2);
  }
  setTimeout(() => { console.error('60 s bound reached'); process.exit(1); }, 60_000).unref();
  const held = [];
  global.gc(); global.gc();
  const before = process.memoryUsage();
  const server = net.createServer((s) => {
    held.push(s);
    if (mode !== 'bare') s.setTimeout(60_000, () => s.destroy());
    if (mode === 'parser') {
      const p = new HTTPParser();
      p.initialize(HTTPParser.REQUEST, {}, 16384, HTTPParser.kLenientNone);
      p[HTTPParser.kOnExecute] = () => undefined;
      p.consume(s._handle);
      s.parser = p;
    }
    if (held.length === n) report();
  });
  let child;
  const report = () => setTimeout(() => {
    global.gc(); global.gc();
    const m = process.memoryUsage();
    const kib = (bytes) => (bytes / 1024 / n).toFixed(2);
    console.log(JSON.stringify({ mode, connections: held.length, rssKiBPerConnection: Number(kib(m.rss - before.rss)), heapKiBPerConnection: Number(kib(m.heapUsed - before.heapUsed)) }));
    child.send('done');
    process.exit(0);
  }, 500);
  server.listen(0, '127.0.0.1', () => { child = fork(__filename, ['client', String(n), String(server.address().port)]); });
}
