import * as fs from 'fs';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { EngineState, StateStore } from '../../../../provider/engine/state/state-store';
import { StateJournal } from '../../../../provider/engine/state/state-journal';
import { tempDir } from '../helpers/certs';
import { deleteLb, journalOf, putCert, putLb, stateWith } from './state-fixtures';

/** The journal's lines, each with its newline. */
const linesOf = (bytes: Buffer) => bytes.toString('utf8').split(/(?<=\n)/);
/** A journal line rebuilt with a correct checksum around `record` (to forge well-formed damage). */
const line = (record: object) => { const json = JSON.stringify(record); return `${StateJournal.sha256(json)} ${json}\n`; };

describe('state journal: torn and damaged records', () => {
  let dir: string;
  let store: StateStore;
  let states: EngineState[];

  // GIVEN a snapshot and a journal of three changes: put cert, put lb, delete lb
  beforeEach(() => {
    dir = tempDir('journal');
    store = new StateStore(dir);
    store.save(stateWith(2));
    states = [store.load()];
    states.push(putCert(states[0], 'site'));
    states.push(putLb(states[1], 'api'));
    states.push(deleteLb(states[2], 'lb-0'));
    for (const s of states.slice(1)) store.save(s);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expectCorrupt = (reason: RegExp) => {
    const attempt = () => new StateStore(dir).load();
    expect(attempt).toThrow(expect.objectContaining({ code: ENGINE_CODES.STATE_CORRUPT, message: expect.stringMatching(reason) }));
    expect(attempt).toThrow(journalOf(dir));
    expect(attempt).toThrow(expect.objectContaining({ message: expect.not.stringContaining('TOPSECRET') }));
  };

  test('a record torn at any byte by a crash mid-append is dropped: the previous state loads, and loading leaves the file as it is', () => {
    const full = fs.readFileSync(journalOf(dir));
    const lines = linesOf(full);
    const last = Buffer.from(lines[lines.length - 1]);
    const before = full.subarray(0, full.length - last.length);
    for (let cut = 0; cut < last.length; cut++) {
      const torn = Buffer.concat([before, last.subarray(0, cut)]);
      fs.writeFileSync(journalOf(dir), torn);
      expect(new StateStore(dir).load()).toEqual(states[2]);
      expect(fs.readFileSync(journalOf(dir)).equals(torn)).toBe(true);
    }
    fs.writeFileSync(journalOf(dir), full);
    expect(new StateStore(dir).load()).toEqual(states[3]);
  });

  test('the next write after a torn record cuts it off, so the journal reads cleanly again', () => {
    const full = fs.readFileSync(journalOf(dir));
    fs.writeFileSync(journalOf(dir), full.subarray(0, full.length - 7)); // the last record, torn
    const again = new StateStore(dir);
    const next = putLb(again.load(), 'after-crash');
    again.save(next);
    const text = fs.readFileSync(journalOf(dir), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(StateJournal.parse(journalOf(dir), Buffer.from(text)).tornBytes).toBe(0);
    expect(new StateStore(dir).load()).toEqual(next);
  });

  test('a damaged record in the middle is an error naming the line, never skipped', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines[2] = lines[2].replace('"api"', '"apx"'); // line 3, the put of 'api'
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 3: its checksum does not match/);
  });

  test('a damaged last record that is complete (newline-terminated) is an error too: only a torn record may be dropped', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines[3] = `0${lines[3].slice(1)}`;
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 4: its checksum does not match/);
  });

  test('a damaged certificate record is reported without quoting the private key', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    expect(lines[1]).toContain('TOPSECRETKEYMATERIAL');
    lines[1] = lines[1].replace('TOPSECRET', 'TOPSECRFT');
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 2:/);
  });

  test('a missing record (well-formed lines, a gap in seq) is an error', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    fs.writeFileSync(journalOf(dir), [lines[0], lines[1], lines[3]].join(''));
    expectCorrupt(/line 3: seq is 3, expected 2/);
  });

  test('a removal of an entry that does not exist at that point is an error', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines.push(line({ seq: 4, engineRevision: 9, loadBalancers: { ghost: null }, serverCertificates: {} }));
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 5: removes load balancer 'ghost'/);
  });

  test('a record whose entry lacks its shape is an error naming the entry', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines.push(line({ seq: 4, engineRevision: 9, loadBalancers: {}, serverCertificates: { bad: { certificateBody: 'x', revision: 9 } } }));
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 5: serverCertificates\['bad'\] lacks/);
  });

  test('a replayed state with a revision above engineRevision is an error', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines.push(line({ seq: 4, engineRevision: 1, loadBalancers: { api: { revision: 50, document: {} } }, serverCertificates: {} }));
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/revision is above engineRevision/);
  });

  test('a change after a seal is an error', () => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines.push(line({ seq: 4, compactedInto: 'a'.repeat(64) }));
    lines.push(line({ seq: 5, engineRevision: 9, loadBalancers: {}, serverCertificates: {} }));
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(/line 6: a change follows a seal/);
  });

  test('a journal that continues another state.json, and was not sealed into this one, is an error', () => {
    fs.writeFileSync(store.file, StateStore.serialize(stateWith(1)));
    expectCorrupt(/continues a state\.json whose sha256 is [0-9a-f]{64}.*not compacted into it/);
  });

  test('a journal without its state.json is an error', () => {
    fs.rmSync(store.file);
    expectCorrupt(/exists without .*state\.json/);
  });

  test.each([
    ['an empty journal', ''],
    ['a header torn before its newline', line({ format: 'seclb-engine-journal', formatVersion: 1, snapshotSha256: 'a'.repeat(64) }).slice(0, 40)],
  ])('%s is an error (a journal is created whole, never torn in its header)', (_what, content) => {
    fs.writeFileSync(journalOf(dir), content);
    expectCorrupt(/no complete header line/);
  });

  test.each([
    ['another format', { format: 'x', formatVersion: 1, snapshotSha256: 'a'.repeat(64) }, /line 1: format is "x"/],
    ['a newer journal version', { format: 'seclb-engine-journal', formatVersion: 2, snapshotSha256: 'a'.repeat(64) }, /line 1: formatVersion is 2/],
  ])('a header with %s is an error', (_what, header, reason) => {
    const lines = linesOf(fs.readFileSync(journalOf(dir)));
    lines[0] = line(header);
    fs.writeFileSync(journalOf(dir), lines.join(''));
    expectCorrupt(reason);
  });
});
