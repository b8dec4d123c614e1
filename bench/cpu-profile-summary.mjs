// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by module and the top functions,
// idle time excluded, as shares of the busy time. Usage: node bench/cpu-profile-summary.mjs FILE [TOP]
import * as fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) { console.error('usage: node bench/cpu-profile-summary.mjs FILE.cpuprofile [TOP]'); process.exit(2); }
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const moduleOf = (cf) => {
  const url = cf.url || '';
  if (!url) return `(native) ${cf.functionName || '(anonymous)'}`.replace(/^\(native\) \((program|garbage collector|idle)\)$/, '($1)');
  const m = url.match(/node_modules\/(@[^/]+\/[^/]+|[^/]+)/);
  if (m) return m[1];
  const e = url.match(/build\/(provider\/.*)$/);
  if (e) return e[1];
  return url.replace(/^node:/, '').replace(/^internal\//, '');
};
const modules = new Map();
const functions = new Map();
let busy = 0;
for (const [id, t] of self) {
  const cf = byId.get(id).callFrame;
  if (cf.functionName === '(idle)') continue;
  busy += t;
  const mod = moduleOf(cf);
  modules.set(mod, (modules.get(mod) ?? 0) + t);
  const fn = `${cf.functionName || '(anonymous)'} ${mod}:${cf.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + t);
}
const pct = (t) => `${(100 * t / busy).toFixed(1).padStart(5)} %`;
console.log(`busy ${(busy / 1000).toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`);
console.log('-- self time by module');
for (const [m, t] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${m}`);
console.log('-- self time by function');
for (const [f, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${f}`);
