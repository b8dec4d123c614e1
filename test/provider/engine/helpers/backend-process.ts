import { ChildProcess, spawn } from 'child_process';

/**
 * The back end run in a child process: an HTTP server on ADDRESS:PORT that answers every request
 * with its id after 0.5 to 1.5 times DELAY_MS, at random (so requests are in flight when it dies,
 * and clients that started together do not stay in step), `ok` at once on /health.
 *
 * On the IPC message `die` it counts the requests written to it and not answered, writes the count
 * with a synchronous write and SIGKILLs itself in the same step, so nothing can arrive between the
 * count and the death. Written-and-unanswered is two numbers: `pending`, requests its HTTP server
 * has parsed and not answered, and `unread`, its established connections whose kernel receive
 * queue holds bytes it has not read yet (from /proc/net/tcp: requests written to it while its
 * event loop was busy, which a loaded machine makes common). A connection carries one request at
 * a time (the engine does not pipeline), so each such connection is at most one request.
 */
const SCRIPT = `
const fs = require('fs');
const http = require('http');
const [id, address, port, delayMs] = process.argv.slice(1);
let received = 0;
let pending = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/health') { res.writeHead(200, { 'content-length': 2 }); res.end('ok'); return; }
  received++;
  pending++;
  req.resume();
  req.on('end', () => setTimeout(() => {
    pending--;
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(id) });
    res.end(id);
  }, Number(delayMs) * (0.5 + Math.random())));
});
server.keepAliveTimeout = 65000;
server.listen({ host: address, port: Number(port) }, () => process.send({ event: 'listening', port: server.address().port }));
/** Established connections to ADDRESS:PORT with unread bytes in the receive queue, or -1 when /proc/net/tcp cannot be read. */
function unreadConnections() {
  const local = address.split('.').reverse().map((n) => Number(n).toString(16).padStart(2, '0')).join('').toUpperCase()
    + ':' + server.address().port.toString(16).toUpperCase().padStart(4, '0');
  let table;
  try { table = fs.readFileSync('/proc/net/tcp', 'latin1'); } catch { return -1; }
  let n = 0;
  for (const line of table.split('\\n').slice(1)) {
    const f = line.trim().split(/\\s+/);
    if (f[1] === local && f[3] === '01' && parseInt((f[4] || ':0').split(':')[1], 16) > 0) n++;
  }
  return n;
}
process.on('message', (m) => {
  if (m !== 'die') return;
  fs.writeSync(1, JSON.stringify({ event: 'dying', received, pending, unread: unreadConnections() }) + '\\n');
  process.kill(process.pid, 'SIGKILL');
});
process.on('disconnect', () => process.exit(0));
`;

/** A back end in a child process. */
export interface BackendProcess {
  readonly id: string;
  readonly port: number;
  readonly child: ChildProcess;
  /**
   * Has the back end SIGKILL itself; resolves its last counts (requests it received in all;
   * `pending`, parsed and not answered; `unread`, connections holding request bytes it had not read
   * yet, -1 when /proc/net/tcp was unreadable) and the signal it died of, once the exit is observed.
   */
  die(): Promise<{ received: number; pending: number; unread: number; signal: string | null }>;
  /** Stops it (SIGTERM), if still running. */
  stop(): Promise<void>;
}

/** Starts a back-end process on `address:port` (0: any free port) and waits until it listens (bounded: 15 s). */
export function startBackendProcess(id: string, address: string, port: number, delayMs: number): Promise<BackendProcess> {
  const child = spawn(process.execPath, ['-e', SCRIPT, id, address, String(port), String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<string | null>((resolve) => child.once('close', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`back end ${id} did not listen within 15 s; stderr:\n${err}`)); }, 15_000);
    void exited.then(() => { clearTimeout(timer); reject(new Error(`back end ${id} exited before listening; stderr:\n${err}`)); });
    child.once('message', (m: { event: string; port: number }) => {
      clearTimeout(timer);
      resolve({
        id, port: m.port, child,
        die: async () => {
          child.send('die');
          const signal = await exited;
          const line = out.split('\n').find((l) => l.includes('"event":"dying"'));
          if (!line) throw new Error(`back end ${id} died without its count; stdout:\n${out}\nstderr:\n${err}`);
          const { received, pending, unread } = JSON.parse(line);
          return { received, pending, unread, signal };
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
