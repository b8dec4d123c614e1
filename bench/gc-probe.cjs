// Bench-only probe, preloaded into an engine process (never part of the engine):
//
//   ENGINE_NODE_ARGS="--require $PWD/bench/gc-probe.cjs" GC_PROBE_FILE=/tmp/gc.jsonl bash bench/engine-cpu-per-request.sh
//
// Every GC_PROBE_INTERVAL_MS (default 1000) it appends one JSON line to GC_PROBE_FILE: the garbage
// collections of that interval by kind (count, summed and longest pause in ms, from perf_hooks 'gc'
// entries, the same pauses `--trace-gc` prints; `%p` in the name becomes the pid), the event-loop delay over the interval
// (perf_hooks.monitorEventLoopDelay, 1 ms resolution: p50/p99/max in ms) and the young-generation
// size V8 is using. bench/gc-probe-summary.mjs turns the lines into per-second figures.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const { PerformanceObserver, monitorEventLoopDelay, constants } = require('node:perf_hooks');

// `%p` in GC_PROBE_FILE becomes the pid (one file per process when several engines run).
const file = process.env.GC_PROBE_FILE?.replace(/%p/g, String(process.pid));
if (file) {
  const intervalMs = Number(process.env.GC_PROBE_INTERVAL_MS ?? 1000);
  const KINDS = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incrementalMarking',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakCallbacks',
  };
  let gc = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = KINDS[e.detail?.kind ?? e.kind] ?? 'other';
      const k = (gc[kind] ??= { n: 0, ms: 0, maxMs: 0 });
      k.n += 1;
      k.ms += e.duration;
      if (e.duration > k.maxMs) k.maxMs = e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const round = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { n: v.n, ms: Math.round(v.ms * 100) / 100, maxMs: Math.round(v.maxMs * 100) / 100 }]));
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const cpu = process.cpuUsage(last);
    last = process.cpuUsage();
    const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    const line = { t: Date.now(), pid: process.pid, cpuMs: Math.round((cpu.user + cpu.system) / 1000), gc: round(gc),
      eld: { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max) },
      newSpaceMiB: newSpace ? Math.round(newSpace.space_size / 1048576 * 10) / 10 : null,
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1048576), rssMiB: Math.round(process.memoryUsage().rss / 1048576) };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    gc = {};
    eld.reset();
  }, intervalMs);
  timer.unref();
}
