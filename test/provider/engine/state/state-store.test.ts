import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { writeFileAtomic } from '../../../../provider/engine/state/atomic-file';
import { emptyState, EngineState, StateStore } from '../../../../provider/engine/state/state-store';
import { tempDir } from '../helpers/certs';
import { certEntry, deleteLb, journalOf, lbEntry, putCert, putLb, stateWith } from './state-fixtures';

describe('state store', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('store'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sample = (): EngineState => ({ ...emptyState(), engineRevision: 2, loadBalancers: { web: { revision: 2, document: { name: 'web' } as never } } });

  test('no file yet means the empty state', () => {
    expect(new StateStore(dir).load()).toEqual(emptyState());
  });

  test('save then load gives the same state, and the file is 0600 with stable bytes', () => {
    const store = new StateStore(dir);
    store.save(sample());
    const bytes = fs.readFileSync(store.file);
    expect(store.load()).toEqual(sample());
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    store.save(store.load());
    expect(fs.readFileSync(store.file).equals(bytes)).toBe(true);
  });

  test('a temporary file left by a crash before the rename is ignored and removed; the previous state loads', () => {
    const store = new StateStore(dir);
    store.save(sample());
    const partial = path.join(dir, `.state.json.${process.pid}.1.tmp`);
    fs.writeFileSync(partial, '{"format":"seclb-engine-state","formatVersion":1,"engineRev');
    expect(store.load()).toEqual(sample());
    expect(fs.existsSync(partial)).toBe(false);
  });

  test.each([
    ['not JSON', '{', /not valid JSON/],
    ['another format', '{"format":"x","formatVersion":1}', /format is "x"/],
    ['a newer format version', '{"format":"seclb-engine-state","formatVersion":2}', /formatVersion is 2/],
    ['a load balancer without a document', '{"format":"seclb-engine-state","formatVersion":1,"engineRevision":1,"loadBalancers":{"a":{"revision":1}},"serverCertificates":{}}', /loadBalancers\['a'\]/],
    ['a revision above the engine revision', '{"format":"seclb-engine-state","formatVersion":1,"engineRevision":1,"loadBalancers":{"a":{"revision":4,"document":{}}},"serverCertificates":{}}', /above engineRevision/],
    ['a certificate without its key', '{"format":"seclb-engine-state","formatVersion":1,"engineRevision":1,"loadBalancers":{},"serverCertificates":{"c":{"certificateBody":"x","revision":1}}}', /serverCertificates\['c'\]/],
  ])('%s is SECLB_ENGINE_STATE_CORRUPT, naming the file and the problem', (_what, content, reason) => {
    const store = new StateStore(dir);
    fs.writeFileSync(store.file, content);
    expect(() => store.load()).toThrow(expect.objectContaining({ code: ENGINE_CODES.STATE_CORRUPT, message: expect.stringMatching(reason) }));
    expect(() => store.load()).toThrow(store.file);
  });

  test('a snapshot that is not JSON is reported without quoting its text (it may hold a private key)', () => {
    const store = new StateStore(dir);
    for (const text of ['TOPSECRETKEYMATERIAL', `TOPSECRETKEYMATERIAL${'x'.repeat(100)}`, '{"privateKey": "TOPSECRETKEYMATERIAL" x}']) {
      fs.writeFileSync(store.file, text);
      expect(() => store.load()).toThrow(expect.objectContaining({ code: ENGINE_CODES.STATE_CORRUPT, message: expect.not.stringContaining('TOPSECRET') }));
    }
  });

  test('writeFileAtomic replaces the whole file and leaves no temporary file', () => {
    const file = path.join(dir, 'x.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('state store: snapshot plus journal', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('store'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('after a load, a write of one load balancer appends one line to state.journal and leaves state.json alone', () => {
    // GIVEN a store holding two load balancers, loaded as the engine does at start
    new StateStore(dir).save(stateWith(2));
    const store = new StateStore(dir);
    const loaded = store.load();
    const snapshot = fs.readFileSync(store.file);

    // WHEN one load balancer is written
    store.save(putLb(loaded, 'lb-new'));

    // THEN state.json keeps its bytes and the journal holds a header and one change
    expect(fs.readFileSync(store.file).equals(snapshot)).toBe(true);
    const lines = fs.readFileSync(journalOf(dir), 'utf8').split('\n');
    expect(lines).toHaveLength(3); // header, change, '' after the final newline
    expect(lines[1]).toContain('"lb-new"');
    expect(lines[1]).not.toContain('"lb-0"');
  });

  test('state.json and state.journal are 0600, and a missing state directory is created 0700', () => {
    const stateDir = path.join(dir, 'sub');
    const store = new StateStore(stateDir);
    store.save(stateWith(1));
    store.save(putLb(store.load(), 'b'));
    expect(fs.statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(journalOf(stateDir)).mode & 0o777).toBe(0o600);
  });

  test('puts and deletes of load balancers and certificates reload to exactly the state saved', () => {
    const store = new StateStore(dir);
    store.save(stateWith(3));
    let s = store.load();
    s = putCert(s, 'site');
    store.save(s);
    s = deleteLb(s, 'lb-1');
    store.save(s);
    s = putLb(s, 'lb-0', 500);
    store.save(s);
    s = { ...s, engineRevision: s.engineRevision + 1, serverCertificates: {} };
    store.save(s);
    expect(new StateStore(dir).load()).toEqual(s);
    expect(Object.keys(new StateStore(dir).load().loadBalancers)).toEqual(['lb-0', 'lb-2']);
  });

  test('the same files always load to the same EngineState: maps sorted, whatever order entries were written in', () => {
    // GIVEN entries written in the order c, a, b into maps that are not sorted
    const store = new StateStore(dir);
    store.save(emptyState());
    let s = store.load();
    for (const name of ['c', 'a', 'b']) {
      s = { ...s, engineRevision: s.engineRevision + 1, loadBalancers: { ...s.loadBalancers, [name]: lbEntry(name, s.engineRevision + 1) } };
      store.save(s);
    }
    // WHEN loaded twice, and once more after the same state was compacted into a snapshot
    const first = new StateStore(dir).load();
    const second = new StateStore(dir).load();
    const compacted = tempDir('store-compacted');
    try {
      new StateStore(compacted).save(s);
      const fromSnapshot = new StateStore(compacted).load();
      // THEN every load is the same value with the same key order
      expect(Object.keys(first.loadBalancers)).toEqual(['a', 'b', 'c']);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(JSON.stringify(fromSnapshot)).toBe(JSON.stringify(first));
      expect(StateStore.serialize(first)).toBe(StateStore.serialize(s));
    } finally {
      fs.rmSync(compacted, { recursive: true, force: true });
    }
  });

  test('loading writes nothing: a restart leaves state.json and state.journal byte for byte as they were', () => {
    const store = new StateStore(dir);
    store.save(stateWith(2));
    store.save(putCert(store.load(), 'site'));
    const before = [fs.readFileSync(store.file), fs.readFileSync(journalOf(dir))];
    new StateStore(dir).load();
    new StateStore(dir).load();
    expect(fs.readFileSync(store.file).equals(before[0])).toBe(true);
    expect(fs.readFileSync(journalOf(dir)).equals(before[1])).toBe(true);
  });

  test('a version-1 state.json written by an older engine loads, and the next write starts a journal beside it', () => {
    // GIVEN the exact text an older engine wrote (whole state, two-space JSON)
    const old = { format: 'seclb-engine-state', formatVersion: 1, engineRevision: 3, loadBalancers: { web: { revision: 3, document: { name: 'web' } } }, serverCertificates: { site: certEntry('site', 1) } };
    const store = new StateStore(dir);
    fs.writeFileSync(store.file, `${JSON.stringify(old, null, 2)}\n`, { mode: 0o600 });
    const bytes = fs.readFileSync(store.file);

    // WHEN it is loaded and then written once
    const loaded = store.load();
    expect(loaded).toEqual(old);
    const next = putLb(loaded, 'api');
    store.save(next);

    // THEN the old file is untouched, the change went to the journal, and both load together
    expect(fs.readFileSync(store.file).equals(bytes)).toBe(true);
    expect(fs.existsSync(journalOf(dir))).toBe(true);
    expect(new StateStore(dir).load()).toEqual(next);
  });

  test('a save that changes nothing writes nothing', () => {
    const store = new StateStore(dir);
    store.save(stateWith(2));
    const s = store.load();
    store.save(s);
    store.save({ ...s });
    expect(fs.existsSync(journalOf(dir))).toBe(false);
  });

  test('a state not derived from the last one (new objects, other entries) is still stored exactly', () => {
    const store = new StateStore(dir);
    store.save(stateWith(3));
    store.load();
    // Same content, but every entry a fresh object, and one entry gone: stored as a larger change.
    const rebuilt: EngineState = JSON.parse(JSON.stringify(deleteLb(stateWith(3), 'lb-2')));
    store.save(rebuilt);
    expect(new StateStore(dir).load()).toEqual(rebuilt);
  });

  test('a store whose files were written behind its back does not append to them: it stores its state whole', () => {
    // GIVEN two stores on one directory (the engine's lock prevents this; the store still copes)
    const a = new StateStore(dir);
    a.save(stateWith(2));
    const fromA = a.load();
    const b = new StateStore(dir);
    b.save(putLb(b.load(), 'from-b'));

    // WHEN the first store writes a change relative to what it loaded
    const next = putLb(fromA, 'from-a');
    a.save(next);

    // THEN the files hold exactly the first store's state (not its change applied to b's)
    expect(new StateStore(dir).load()).toEqual(next);
  });
});
