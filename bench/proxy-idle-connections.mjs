// Opens N keep-alive HTTP client connections to 127.0.0.1:PORT, sends one request on each, keeps them
// open and idle, then prints the resident memory (VmRSS) of PID and its descendants before and after as JSON.
// Usage: node proxy-idle-connections.mjs PORT PID N   (bounded: 120 s overall)
import * as fs from 'node:fs';
import * as net from 'node:net';

const [port, pid, n] = process.argv.slice(2).map(Number);
// The process and its descendants (an engine with --workers N is a primary plus N workers).
const tree = (p) => {
  const kids = fs.readdirSync(`/proc/${p}/task`).flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return [p, ...kids.flatMap(tree)];
};
const rssKiB = () => tree(pid).reduce((sum, p) => sum + Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))[1]), 0);
setTimeout(() => { console.error('idle-connections: 120 s bound reached'); process.exit(2); }, 120_000).unref();
const before = rssKiB();
const sockets = [];
let answered = 0;
let failed = 0;
const request = 'GET / HTTP/1.1\r\nHost: bench\r\nConnection: keep-alive\r\n\r\n';
await new Promise((resolve) => {
  let opened = 0;
  const openBatch = () => {
    for (let i = 0; i < 500 && opened < n; i++, opened++) {
      const s = net.connect({ host: '127.0.0.1', port });
      sockets.push(s);
      let buf = '';
      s.setEncoding('latin1');
      s.on('connect', () => s.write(request));
      s.on('data', (d) => { buf += d; if (buf !== null && buf.includes('\r\n\r\n')) { buf = null; answered++; if (answered + failed === n) resolve(); } });
      s.on('error', () => { failed++; if (answered + failed === n) resolve(); });
    }
    if (opened < n) setTimeout(openBatch, 20);
  };
  openBatch();
});
await new Promise((r) => setTimeout(r, 2000)); // let the proxy settle (GC) with all connections idle
const open = sockets.filter((s) => !s.destroyed).length;
const after = rssKiB();
console.log(JSON.stringify({ connections: n, answered, failed, openAfterSettle: open, rssBeforeMiB: +(before / 1024).toFixed(1), rssAfterMiB: +(after / 1024).toFixed(1), perConnectionKiB: +((after - before) / n).toFixed(2) }));
for (const s of sockets) s.destroy();
process.exit(0);
