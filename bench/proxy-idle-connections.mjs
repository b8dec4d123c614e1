// Opens N keep-alive HTTP client connections to 127.0.0.1:PORT, sends one request on each, keeps them
// open and idle, then prints the resident memory (VmRSS) of PID and its descendants before and after as JSON.
// Usage: node proxy-idle-connections.mjs PORT PID N   (bounded: 120 s overall)
// The figure includes whatever the process's heap had grown to before; for a figure that does not
// depend on the process's history, see bench/engine-idle-memory.mjs.
import * as fs from 'node:fs';
import { openIdleClients } from './idle-clients.mjs';

const [port, pid, n] = process.argv.slice(2).map(Number);
// The process and its descendants (an engine with --workers N is a primary plus N workers).
const tree = (p) => {
  const kids = fs.readdirSync(`/proc/${p}/task`).flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return [p, ...kids.flatMap(tree)];
};
const rssKiB = () => tree(pid).reduce((sum, p) => sum + Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))[1]), 0);
setTimeout(() => { console.error('idle-connections: 120 s bound reached'); process.exit(2); }, 120_000).unref();
const before = rssKiB();
const { sockets, answered, failed } = await openIdleClients(port, n);
await new Promise((r) => setTimeout(r, 2000)); // let the proxy settle (GC) with all connections idle
const open = sockets.filter((s) => !s.destroyed).length;
const after = rssKiB();
console.log(JSON.stringify({ connections: n, answered, failed, openAfterSettle: open, rssBeforeMiB: +(before / 1024).toFixed(1), rssAfterMiB: +(after / 1024).toFixed(1), perConnectionKiB: +((after - before) / n).toFixed(2) }));
for (const s of sockets) s.destroy();
process.exit(0);
