import * as fs from 'fs';
import { EngineState, JOURNAL_MIN_COMPACTION_BYTES, StateStore } from '../../../../provider/engine/state/state-store';
import { StateJournal } from '../../../../provider/engine/state/state-journal';
import { tempDir } from '../helpers/certs';
import { crashPoints, DirImage, deleteLb, journalOf, putCert, putLb, realFs, restoreImage, stateWith } from './state-fixtures';

/** Large enough that a few records outgrow both the snapshot and the 256 KiB floor. */
const BIG = 100_000;

/** The state the files in `image` load to (in a scratch directory), or the error. */
function loadImage(image: DirImage): EngineState {
  const scratch = tempDir('crash-image');
  try {
    restoreImage(image, scratch);
    return new StateStore(scratch).load();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The journal in `image` ends with a seal whose snapshot hash is (or is not) that of its state.json. */
function sealState(image: DirImage): 'none' | 'sealed-pending' | 'stale' {
  const journal = image.get('state.journal');
  const snapshot = image.get('state.json');
  if (!journal || !snapshot) return 'none';
  const parsed = StateJournal.parse('state.journal', journal);
  if (!parsed.seals.length) return 'none';
  return parsed.seals[parsed.seals.length - 1] === StateJournal.sha256(snapshot) ? 'stale' : 'sealed-pending';
}

/**
 * Runs `save(next)` with a picture of the files taken at every file-system call, and checks that
 * each picture loads to `prev` or to `next` (never an error, never a mix), `prev` up to some point
 * and `next` from then on. Returns the pictures.
 */
function expectAtomic(dir: string, prev: EngineState, next: EngineState, save: () => void): DirImage[] {
  const images = crashPoints(dir, save);
  const seen = images.map((image, i) => {
    const state = loadImage(image);
    const which = JSON.stringify(state) === JSON.stringify(next) ? 'next' : JSON.stringify(state) === JSON.stringify(prev) ? 'prev' : `a mix at point ${i}`;
    return which;
  });
  expect(seen.filter((w) => w !== 'prev' && w !== 'next')).toEqual([]);
  const firstNext = seen.indexOf('next');
  expect(firstNext).toBeGreaterThan(0);
  expect(seen.slice(firstNext).every((w) => w === 'next')).toBe(true);
  expect(seen[0]).toBe('prev');
  return images;
}

describe('state store: compaction', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('compaction'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the journal is folded into a new state.json once it would outgrow the snapshot, then removed; the state reloads exactly', () => {
    // GIVEN a snapshot of one large load balancer
    const store = new StateStore(dir);
    store.save(stateWith(1, BIG));
    let s = store.load();
    const firstSnapshot = fs.readFileSync(store.file);

    // WHEN large load balancers are added one by one
    const snapshotsWritten: number[] = [];
    for (let i = 0; i < 8; i++) {
      const inodeBefore = fs.statSync(store.file).ino;
      s = putLb(s, `big-${i}`, BIG);
      store.save(s);
      if (fs.statSync(store.file).ino !== inodeBefore) snapshotsWritten.push(i);
      // THEN the journal never outgrows max(snapshot, floor)
      const journal = fs.existsSync(journalOf(dir)) ? fs.statSync(journalOf(dir)).size : 0;
      expect(journal).toBeLessThanOrEqual(Math.max(fs.statSync(store.file).size, JOURNAL_MIN_COMPACTION_BYTES));
    }

    // ... the first two went to the journal, the third compacted (100 KB snapshot, 256 KiB floor)
    expect(snapshotsWritten[0]).toBe(2);
    expect(snapshotsWritten.length).toBeLessThan(4);
    expect(fs.readFileSync(store.file).equals(firstSnapshot)).toBe(false);
    // ... and the files load to the last state, as a fresh engine would see them
    expect(new StateStore(dir).load()).toEqual(s);
  });

  test('right after a compaction there is no journal, and state.json is exactly serialize(state)', () => {
    const store = new StateStore(dir);
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 3; i++) store.save((s = putLb(s, `big-${i}`, BIG)));
    expect(fs.existsSync(journalOf(dir))).toBe(false);
    expect(fs.readFileSync(store.file, 'utf8')).toBe(StateStore.serialize(s));
  });
});

describe('state store: a failure once the new snapshot is durable', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('compaction-fail'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('failing to remove the sealed journal does not fail the save: the files already load to the new state', () => {
    // GIVEN a journal one large record away from compaction
    const store = new StateStore(dir);
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 2; i++) store.save((s = putLb(s, `big-${i}`, BIG)));

    // WHEN the compaction cannot remove the old journal
    const unlink = jest.spyOn(realFs, 'unlinkSync').mockImplementation(() => { throw Object.assign(new Error('EIO: i/o error, unlink'), { code: 'EIO' }); });
    const next = putLb(s, 'big-2', BIG);
    try {
      store.save(next);
    } finally {
      unlink.mockRestore();
    }

    // THEN the sealed journal stays beside the new state.json, the files load to the new state,
    // and the next write (which inspects the files first) still lands
    expect(fs.existsSync(journalOf(dir))).toBe(true);
    expect(new StateStore(dir).load()).toEqual(next);
    const after = putCert(next, 'site');
    store.save(after);
    expect(new StateStore(dir).load()).toEqual(after);
  });
});

describe('state store: a crash at any point leaves the previous or the next state', () => {
  let dir: string;
  let store: StateStore;
  beforeEach(() => {
    dir = tempDir('crash');
    store = new StateStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('first write into an empty directory', () => {
    const prev = store.load();
    const next = putCert(stateWith(2), 'site');
    expectAtomic(dir, prev, next, () => store.save(next));
  });

  test('first change after a snapshot (the journal is created with its header and first record)', () => {
    store.save(stateWith(2));
    const prev = store.load();
    const next = putLb(prev, 'api');
    expectAtomic(dir, prev, next, () => store.save(next));
    expect(fs.existsSync(journalOf(dir))).toBe(true);
  });

  test('an append to the journal, and a removal', () => {
    store.save(stateWith(2));
    const s1 = putLb(store.load(), 'api');
    store.save(s1);
    const s2 = putCert(s1, 'site');
    expectAtomic(dir, s1, s2, () => store.save(s2));
    const s3 = deleteLb(s2, 'lb-0');
    expectAtomic(dir, s2, s3, () => store.save(s3));
  });

  test('a compaction (seal, new state.json, journal removed), including the two points in between', () => {
    // GIVEN a journal one large record away from compaction
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 2; i++) store.save((s = putLb(s, `big-${i}`, BIG)));
    const next = putLb(s, 'big-2', BIG);

    // WHEN the compacting write is interrupted anywhere
    const images = expectAtomic(dir, s, next, () => store.save(next));

    // THEN the pictures include a sealed journal beside the old state.json (loads the previous
    // state) and a sealed journal beside the new state.json (loads the next state)
    const sealedPending = images.filter((i) => sealState(i) === 'sealed-pending');
    const stale = images.filter((i) => sealState(i) === 'stale');
    expect(sealedPending.length).toBeGreaterThan(0);
    expect(stale.length).toBeGreaterThan(0);
    expect(loadImage(sealedPending[sealedPending.length - 1])).toEqual(s);
    expect(loadImage(stale[0])).toEqual(next);
  });

  test('after a crash between the seal and the new state.json, the next write compacts again, atomically', () => {
    // GIVEN the files a crash left with the journal sealed but state.json not yet replaced
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 2; i++) store.save((s = putLb(s, `big-${i}`, BIG)));
    const images = crashPoints(dir, () => store.save(putLb(s, 'big-2', BIG)));
    const pending = images.filter((i) => sealState(i) === 'sealed-pending').pop()!;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    restoreImage(pending, dir);

    // WHEN an engine restarts on them and writes a small change
    const again = new StateStore(dir);
    const prev = again.load();
    expect(prev).toEqual(s);
    const next = putLb(prev, 'small');

    // THEN that write is atomic too, and ends with a fresh snapshot and no journal
    expectAtomic(dir, prev, next, () => again.save(next));
    expect(fs.existsSync(journalOf(dir))).toBe(false);
    expect(fs.readFileSync(again.file, 'utf8')).toBe(StateStore.serialize(next));
  });

  test('after a crash between the new state.json and removing the journal, the next writes replace or remove the stale journal atomically', () => {
    // GIVEN the files a crash left with the new state.json and the old, sealed journal
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 2; i++) store.save((s = putLb(s, `big-${i}`, BIG)));
    const compacted = putLb(s, 'big-2', BIG);
    const images = crashPoints(dir, () => store.save(compacted));
    const stale = images.find((i) => sealState(i) === 'stale')!;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    restoreImage(stale, dir);

    // WHEN an engine restarts on them: it sees the compacted state
    const again = new StateStore(dir);
    const prev = again.load();
    expect(prev).toEqual(compacted);

    // THEN a small write (a new journal replaces the stale one) is atomic
    const small = putLb(prev, 'small');
    expectAtomic(dir, prev, small, () => again.save(small));
    expect(sealState(new Map([['state.journal', fs.readFileSync(journalOf(dir))], ['state.json', fs.readFileSync(again.file)]]))).toBe('none');
  });

  test('a compaction over a stale journal removes it before replacing state.json', () => {
    store.save(stateWith(1, BIG));
    let s = store.load();
    for (let i = 0; i < 2; i++) store.save((s = putLb(s, `big-${i}`, BIG)));
    const compacted = putLb(s, 'big-2', BIG);
    const stale = crashPoints(dir, () => store.save(compacted)).find((i) => sealState(i) === 'stale')!;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    restoreImage(stale, dir);

    // WHEN the first write after the restart is a whole new state (a store that never loaded)
    const fresh = new StateStore(dir);
    const next = putCert(stateWith(1), 'site');
    expectAtomic(dir, compacted, next, () => fresh.save(next));
    expect(fs.existsSync(journalOf(dir))).toBe(false);
  });

  test('a write after a record torn by a crash mid-append', () => {
    store.save(stateWith(2));
    const s1 = putLb(store.load(), 'api');
    store.save(s1);
    const full = fs.readFileSync(journalOf(dir));
    store.save(putLb(s1, 'lost'));
    fs.writeFileSync(journalOf(dir), fs.readFileSync(journalOf(dir)).subarray(0, full.length + 30)); // 'lost', torn
    const again = new StateStore(dir);
    expect(again.load()).toEqual(s1);
    const next = putCert(s1, 'site');
    expectAtomic(dir, s1, next, () => again.save(next));
  });
});
