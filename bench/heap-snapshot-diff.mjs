// What N idle connections hold on the V8 heap, by constructor: reads two heap snapshots (before and
// with the N connections, e.g. the snapshotBefore/snapshotIdle pair of `SNAPSHOTS=DIR node
// bench/engine-idle-memory.mjs 2000 2 1`) and prints, per node type and name (constructor, closure
// or string/code kind), the change in object count and in self size, per connection, largest first.
// Self size, not retained size: each object is counted once, under its own constructor.
//   node bench/heap-snapshot-diff.mjs BEFORE.heapsnapshot IDLE.heapsnapshot N [TOP=30]
import * as fs from 'node:fs';

const [before, idle, n, top = 30] = process.argv.slice(2);
if (!idle || !(Number(n) > 0)) { console.error('usage: node bench/heap-snapshot-diff.mjs BEFORE.heapsnapshot IDLE.heapsnapshot N [TOP]'); process.exit(2); }

/** Count and self size by "type:name" (names of strings, numbers and code are grouped by type). */
function tally(file) {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [t, nm, sz] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byName = new Map();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + t]];
    const named = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden' || type === 'array' || type === 'object shape';
    const key = named ? `${type}:${snap.strings[nodes[i + nm]].slice(0, 60)}` : type;
    const e = byName.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += nodes[i + sz];
    byName.set(key, e);
  }
  return byName;
}

const a = tally(before);
const b = tally(idle);
const per = Number(n);
const rows = [...new Set([...a.keys(), ...b.keys()])].map((k) => {
  const x = a.get(k) ?? { count: 0, size: 0 };
  const y = b.get(k) ?? { count: 0, size: 0 };
  return { key: k, count: (y.count - x.count) / per, bytes: (y.size - x.size) / per };
}).sort((p, q) => Math.abs(q.bytes) - Math.abs(p.bytes));
const total = rows.reduce((s, r) => s + r.bytes, 0);
console.log(`self size per connection, all types: ${total.toFixed(0)} bytes`);
console.log('   bytes  objects  type:name');
for (const r of rows.slice(0, Number(top))) console.log(`${r.bytes.toFixed(0).padStart(8)} ${r.count.toFixed(2).padStart(8)}  ${r.key}`);
