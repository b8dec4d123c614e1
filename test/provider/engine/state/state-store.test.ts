import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_CODES } from '../../../../provider/engine/errors';
import { writeFileAtomic } from '../../../../provider/engine/state/atomic-file';
import { emptyState, EngineState, StateStore } from '../../../../provider/engine/state/state-store';
import { tempDir } from '../helpers/certs';

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

  test('writeFileAtomic replaces the whole file and leaves no temporary file', () => {
    const file = path.join(dir, 'x.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['x.json']);
  });
});
