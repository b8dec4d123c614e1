// Preloaded into an engine process by bench/engine-idle-memory.mjs (`node --expose-gc --require
// bench/engine-memory-probe.cjs ...`): on SIGUSR2 it collects garbage (twice, a turn apart) and
// writes the process's memory figures, the young generation's size and open TCP handles as JSON to $SECLB_MEMORY_PROBE (atomically,
// via a temporary file). With $SECLB_MEMORY_SNAPSHOTS (a directory), each probe also writes a V8
// heap snapshot there (probe-1.heapsnapshot, ...), for bench/heap-snapshot-diff.mjs.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');

const out = process.env.SECLB_MEMORY_PROBE;
const snapshots = process.env.SECLB_MEMORY_SNAPSHOTS;
let probes = 0;
if (out && typeof global.gc === 'function') {
  process.on('SIGUSR2', () => {
    global.gc();
    setImmediate(() => {
      global.gc();
      const n = ++probes;
      let snapshot;
      if (snapshots) snapshot = v8.writeHeapSnapshot(path.join(snapshots, `probe-${n}.heapsnapshot`));
      const m = process.memoryUsage();
      const tcp = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
      // The young generation keeps the size a burst of allocation grew it to, whatever survives.
      const newSpace = v8.getHeapSpaceStatistics().find((sp) => sp.space_name === 'new_space')?.space_size ?? 0;
      fs.writeFileSync(`${out}.tmp`, JSON.stringify({ probe: n, ...m, newSpace, tcpHandles: tcp, snapshot }));
      fs.renameSync(`${out}.tmp`, out);
    });
  });
}
