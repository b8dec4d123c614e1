// Summarizes a bench/gc-probe.cjs file: only the busy seconds (engine CPU >= MIN_CPU_MS in the
// interval, default 300 ms: the seconds under wrk, not start-up or idle), per process.
// Usage: node bench/gc-probe-summary.mjs FILE [MIN_CPU_MS]
import * as fs from 'node:fs';

const [file, minCpuArg] = process.argv.slice(2);
if (!file) { console.error('usage: node bench/gc-probe-summary.mjs FILE [MIN_CPU_MS]'); process.exit(2); }
const minCpu = Number(minCpuArg ?? 300);
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
for (const pid of [...new Set(lines.map((l) => l.pid))]) {
  const busy = lines.filter((l) => l.pid === pid && l.cpuMs >= minCpu);
  if (!busy.length) continue;
  const kinds = [...new Set(busy.flatMap((l) => Object.keys(l.gc)))];
  console.log(`pid ${pid}: ${busy.length} busy seconds (cpu >= ${minCpu} ms/s), median cpu ${median(busy.map((l) => l.cpuMs))} ms/s, new space ${median(busy.map((l) => l.newSpaceMiB))} MiB, heap used ${median(busy.map((l) => l.heapUsedMiB))} MiB, rss ${median(busy.map((l) => l.rssMiB))} MiB`);
  for (const k of kinds) {
    const n = busy.map((l) => l.gc[k]?.n ?? 0);
    const ms = busy.map((l) => l.gc[k]?.ms ?? 0);
    const max = Math.max(...busy.map((l) => l.gc[k]?.maxMs ?? 0));
    const total = n.reduce((a, b) => a + b, 0);
    const totalMs = ms.reduce((a, b) => a + b, 0);
    console.log(`  ${k.padEnd(18)} ${f(total / busy.length)}/s (${total} in all, ${f(totalMs, 0)} ms), mean pause ${f(total ? totalMs / total : NaN, 2)} ms, longest ${f(max, 2)} ms, ${f(totalMs / busy.length / 10, 2)} % of wall time`);
  }
  console.log(`  event-loop delay   p50 ${f(median(busy.map((l) => l.eld.p50)), 2)} ms, p99 ${f(median(busy.map((l) => l.eld.p99)), 2)} ms (medians over the seconds), max ${f(Math.max(...busy.map((l) => l.eld.max)), 2)} ms`);
}
