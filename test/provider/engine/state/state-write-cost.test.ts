import * as fs from 'fs';
import { EngineState, StateStore } from '../../../../provider/engine/state/state-store';
import { tempDir } from '../helpers/certs';
import { measureWrites, putLb } from './state-fixtures';

describe('state store: a write costs the size of the change, not of the state', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('cost'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('creating 400 load balancers one by one writes O(N) bytes in total, with one fsync per ordinary write', () => {
    // GIVEN an engine-like store, started on an empty directory
    const N = 400;
    const ENTRY = 2_000; // bytes of document per load balancer
    const store = new StateStore(dir);
    let s: EngineState = store.load();

    // WHEN N load balancers are created one write at a time (as `seclb apply` does)
    const perSave: Array<{ bytes: number; fsyncs: number }> = [];
    let wholeFileBytes = 0; // what rewriting the whole state on every write would cost
    for (let i = 0; i < N; i++) {
      s = putLb(s, `lb-${String(i).padStart(4, '0')}`, ENTRY);
      perSave.push(measureWrites(() => store.save(s)));
      wholeFileBytes += Buffer.byteLength(StateStore.serialize(s));
    }

    // THEN nearly every write is one journal record: about one entry's bytes, the same for the
    // 400th write as for the 10th, and one fsync (two when it starts a new journal: file and directory)
    const appends = perSave.filter((w) => w.bytes < 2 * ENTRY);
    const compactions = N - appends.length;
    expect(Math.max(...appends.map((w) => w.bytes))).toBeLessThan(ENTRY + 600);
    expect(appends.filter((w) => w.fsyncs === 1).length).toBeGreaterThanOrEqual(appends.length - compactions - 2); // the very first write (a small snapshot), then one new journal per snapshot
    expect(appends.every((w) => w.fsyncs <= 2)).toBe(true);
    // ... the rest are compactions, logarithmically few (the snapshot at least doubles each time)
    expect(compactions).toBeGreaterThan(0);
    expect(compactions).toBeLessThanOrEqual(Math.ceil(Math.log2(N)) + 1);
    // ... so the total is linear in N: within 4x the bytes of the entries themselves,
    const total = perSave.reduce((a, w) => a + w.bytes, 0);
    expect(total).toBeLessThan(4 * N * ENTRY);
    // ... where rewriting the whole file would have written N^2/2 entries
    expect(wholeFileBytes).toBeGreaterThan(N * N * ENTRY / 2);
    expect(total * 40).toBeLessThan(wholeFileBytes);
    // ... and the files still hold the whole state
    expect(new StateStore(dir).load()).toEqual(s);
  });

  test('updating one load balancer among 1,000 writes about one entry, not the state', () => {
    // GIVEN 1,000 load balancers, loaded
    const ENTRY = 2_000;
    let s: EngineState = new StateStore(dir).load();
    for (let i = 0; i < 1000; i++) s = putLb(s, `lb-${i}`, ENTRY);
    new StateStore(dir).save(s);
    const store = new StateStore(dir);
    s = store.load();
    const stateBytes = fs.statSync(store.file).size;

    // WHEN one load balancer is written, 50 times
    const writes = [];
    for (let i = 0; i < 50; i++) {
      s = putLb(s, 'lb-500', ENTRY + i);
      writes.push(measureWrites(() => store.save(s)));
    }

    // THEN every write is about one entry: three orders of magnitude below the state's size
    expect(stateBytes).toBeGreaterThan(1000 * ENTRY);
    expect(Math.max(...writes.map((w) => w.bytes))).toBeLessThan(ENTRY + 600);
    expect(new StateStore(dir).load()).toEqual(s);
  });
});
