import * as fs from 'fs';
import * as path from 'path';
import { EngineErrors, SeclbError } from '../errors';
import { removeFileDurably, removeStaleTemporaries, writeFileAtomic } from './atomic-file';
import { emptyState, EngineState, EngineStates } from './engine-state';
import { StateDiff } from './state-diff';
import { JOURNAL_FILE_NAME, JournalChange, StateJournal } from './state-journal';

export { emptyState, STATE_FORMAT, STATE_FORMAT_VERSION } from './engine-state';
export type { EngineState, PersistedLoadBalancer } from './engine-state';

/**
 * The journal is compacted into a new snapshot when the next record would make it larger than
 * the snapshot or than this many bytes, whichever is more. Writes therefore cost the size of the
 * change, amortized (a snapshot of S bytes is rewritten at most once per S bytes of journal), and
 * a load reads at most twice the snapshot (plus this floor).
 */
export const JOURNAL_MIN_COMPACTION_BYTES = 256 * 1024;

/** What identifies one version of a file on disk (to notice a write this store did not make). */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The journal as this store last saw or wrote it. */
type JournalOnDisk =
  | { readonly kind: 'absent' }
  /** Continues the snapshot. `sealed`: a compaction began (its seal is written) and did not finish. */
  | { readonly kind: 'live'; readonly id: FileIdentity; readonly validLength: number; readonly lastSeq: number; readonly sealed: boolean }
  /** Sealed into the current snapshot by a compaction that stopped before removing it: adds nothing. */
  | { readonly kind: 'stale'; readonly id: FileIdentity }
  /** Damaged, or not this snapshot's (only met by `save` over a directory that does not load). */
  | { readonly kind: 'unreadable' };

/** The files as this store last loaded or wrote them, and the state they hold. */
interface DiskView {
  readonly state: EngineState;
  /** Absent: no `state.json` yet. */
  readonly snapshot?: { readonly id: FileIdentity; readonly sha256: string; readonly size: number };
  readonly journal: JournalOnDisk;
}

/**
 * The engine's desired state on disk: a snapshot `<stateDir>/state.json` plus an append-only
 * journal `<stateDir>/state.journal` of the writes since that snapshot. Both are 0600 (they hold
 * private keys); the engine creates the directory 0700.
 *
 * - `state.json` is the whole state, format version 1 as before (two-space JSON, maps' keys
 *   sorted), replaced only whole and atomically (temp file, fsync, rename, fsync dir). A directory
 *   with no journal, such as one written by an older engine, loads exactly as before.
 * - `state.journal` (format: `StateJournal`) starts with a header naming the sha256 of the
 *   `state.json` bytes it continues; each `save` that changes a few entries appends one
 *   checksummed line holding just those entries (whole) or their removal and the new
 *   engineRevision, and fsyncs it before returning. So a write costs the size of the change, not
 *   of the state.
 * - Compaction, when the journal would outgrow `max(snapshot size, JOURNAL_MIN_COMPACTION_BYTES)`,
 *   or when `save` cannot express the new state as a change (first write, a state this store did
 *   not load or write, files changed behind its back): (1) append and fsync a seal
 *   `compactedInto: sha256(new snapshot)`; (2) replace `state.json` atomically; (3) remove the
 *   journal and fsync the directory. The next change starts a new journal (header and first
 *   record written together, atomically).
 *
 * Why a crash at any point (a SIGKILL at any instant; after a power loss, what was fsynced) leaves
 * the previous or the next state, never a mix:
 * - mid-append: the record's last byte is its newline, so a torn record is an unterminated last
 *   line; `save` had not returned, and the record is dropped on load: the previous state;
 * - new journal: created by an atomic rename, so it is absent (previous) or whole (next);
 * - compaction before (1) is durable: the journal is intact (a torn seal is dropped); seals carry
 *   no state, so the previous state loads. Between (1) and (2): the same. Between (2) and (3):
 *   `state.json` is the next state and the journal's header no longer matches it, but its last
 *   seal names its exact bytes, so the journal is known to be already folded in and is ignored:
 *   the next state. After (3): the next state.
 *
 * Loading never repairs and never writes (a restart leaves both files byte for byte as they
 * were). It removes only temporary files a crash left beside them. Everything else that does not
 * check out is `SECLB_ENGINE_STATE_CORRUPT`, naming the file and the problem: a snapshot that does
 * not parse or has the wrong shape; a journal line whose checksum, JSON, shape or sequence number
 * is wrong (in the middle or at the end, as long as it is newline-terminated); a journal that
 * continues another `state.json` and was not sealed into this one; a journal without a snapshot;
 * a change that removes an entry that does not exist. The one tolerated damage is the torn last
 * record described above (never acknowledged, so dropping it loses nothing anyone was told was
 * stored); the next append cuts it off before writing.
 *
 * The same files always load to the same `EngineState`, in canonical form (both maps' keys
 * sorted), whether entries came from the snapshot or from replayed records.
 *
 * `save` finds the change by comparing `state` with the last state this store loaded or saved,
 * entry by entry and by identity (see `StateDiff.between`): the engine builds each state by
 * spreading the previous one, so untouched entries are the same objects. Any other state is
 * still stored correctly (as a larger change, or by compaction). One engine per directory
 * (`StateLock`); still, before appending, `save` checks that both files are the ones it last
 * saw (inode, size, mtime) and compacts from the files as they are if not.
 */
export class StateStore {
  /** The state snapshot's path, `<stateDir>/state.json`. */
  public readonly file: string;
  private readonly journalFile: string;
  /** What is on disk, as of this store's last load or successful save; undefined: unknown. */
  private known?: DiskView;

  constructor(public readonly stateDir: string) {
    this.file = path.join(stateDir, 'state.json');
    this.journalFile = path.join(stateDir, JOURNAL_FILE_NAME);
  }

  /** Loads the state (snapshot plus journal), or the empty state when no file exists yet. */
  public load(): EngineState {
    removeStaleTemporaries(this.file);
    removeStaleTemporaries(this.journalFile);
    const view = this.read();
    this.known = view;
    return view.state;
  }

  /**
   * Persists `state` durably before returning: one appended journal record when it differs from
   * the last loaded or saved state by a few entries, otherwise (or when the journal is due for
   * compaction) a new snapshot.
   */
  public save(state: EngineState): void {
    const known = this.known && this.stillOnDisk(this.known) ? this.known : undefined;
    this.known = undefined; // until this write has succeeded
    if (known?.snapshot) {
      const diff = StateDiff.between(known.state, state);
      if (diff.kind === 'unchanged') {
        this.known = { ...known, state };
        return;
      }
      if (diff.kind === 'change' && this.append(known, state, diff.change)) return;
    }
    this.compact(state, known ?? this.inspect());
  }

  /** The exact bytes of the snapshot for a state (stable: same state, same bytes, whatever the key order). */
  public static serialize(state: EngineState): string {
    return `${JSON.stringify(EngineStates.canonical(state), null, 2)}\n`;
  }

  /** Appends one change record; false when the journal must be compacted instead. */
  private append(known: DiskView, next: EngineState, change: JournalChange): boolean {
    const snapshot = known.snapshot!;
    const journal = known.journal;
    if (journal.kind === 'unreadable' || (journal.kind === 'live' && journal.sealed)) return false;
    const live = journal.kind === 'live' ? journal : undefined;
    const seq = live ? live.lastSeq + 1 : 1;
    const record = StateJournal.changeLine(seq, change);
    const header = live ? undefined : StateJournal.header(snapshot.sha256);
    const length = (live ? live.validLength : header!.length) + record.length;
    if (length > Math.max(snapshot.size, JOURNAL_MIN_COMPACTION_BYTES)) return false;
    let stats: fs.Stats;
    if (live) {
      stats = StateJournal.append(this.journalFile, live.validLength, record);
    } else {
      // A new journal (or one replacing a stale journal) appears whole, by rename.
      writeFileAtomic(this.journalFile, Buffer.concat([header!, record]), 0o600);
      stats = fs.statSync(this.journalFile);
    }
    this.known = { state: next, snapshot, journal: { kind: 'live', id: identity(stats), validLength: length, lastSeq: seq, sealed: false } };
    return true;
  }

  /** Writes `next` as the new snapshot and retires the journal (seal, rename, remove). */
  private compact(next: EngineState, disk: { readonly journal: JournalOnDisk }): void {
    fs.mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
    const bytes = Buffer.from(StateStore.serialize(next), 'utf8');
    const sha256 = StateJournal.sha256(bytes);
    const journal = disk.journal;
    if (journal.kind === 'live') StateJournal.append(this.journalFile, journal.validLength, StateJournal.sealLine(journal.lastSeq + 1, sha256));
    // A stale journal is sealed into the snapshot about to be replaced: it must go first.
    if (journal.kind === 'stale') removeFileDurably(this.journalFile);
    writeFileAtomic(this.file, bytes, 0o600);
    // From here `next` is durable. A sealed journal left beside it loads as stale, so failing to
    // remove it is no failure of this save (the next one, not knowing the files, inspects them).
    // 'unreadable': the previous files did not load anyway; that journal beside the new snapshot
    // is reported as corrupt, never silently dropped, so its removal must succeed.
    let removed = journal.kind !== 'live';
    if (journal.kind === 'unreadable') removeFileDurably(this.journalFile);
    if (journal.kind === 'live') {
      try {
        removeFileDurably(this.journalFile);
        removed = true;
      } catch {
        // left as a stale journal
      }
    }
    const snapshot = { id: identity(fs.statSync(this.file)), sha256, size: bytes.length };
    this.known = removed ? { state: next, snapshot, journal: { kind: 'absent' } } : undefined;
  }

  /** The files as they are, for a compaction that does not know them; never throws for damage. */
  private inspect(): { readonly journal: JournalOnDisk } {
    try {
      return this.read();
    } catch (e) {
      if (e instanceof SeclbError) return { journal: { kind: 'unreadable' } };
      throw e;
    }
  }

  /** Reads and checks both files (never writes). */
  private read(): DiskView {
    const snapshotFile = readWhole(this.file);
    const journalFile = readWhole(this.journalFile);
    if (!snapshotFile) {
      if (journalFile) throw EngineErrors.stateCorrupt(this.journalFile, `it exists without ${this.file}, the snapshot it continues`);
      return { state: emptyState(), journal: { kind: 'absent' } };
    }
    const base = StateStore.parseSnapshot(this.file, snapshotFile.bytes);
    const snapshot = { id: snapshotFile.id, sha256: StateJournal.sha256(snapshotFile.bytes), size: snapshotFile.bytes.length };
    if (!journalFile) return { state: EngineStates.canonical(base), snapshot, journal: { kind: 'absent' } };

    const parsed = StateJournal.parse(this.journalFile, journalFile.bytes);
    if (parsed.snapshotSha256 === snapshot.sha256) {
      const state = StateDiff.replay(this.journalFile, base, parsed.changes);
      const problem = EngineStates.shapeProblem(state);
      if (problem) throw EngineErrors.stateCorrupt(this.journalFile, `replayed onto ${path.basename(this.file)}, it gives a state whose ${problem}`);
      return { state, snapshot, journal: { kind: 'live', id: journalFile.id, validLength: parsed.validLength, lastSeq: parsed.lastSeq, sealed: parsed.seals.length > 0 } };
    }
    if (parsed.seals.length && parsed.seals[parsed.seals.length - 1] === snapshot.sha256) {
      return { state: EngineStates.canonical(base), snapshot, journal: { kind: 'stale', id: journalFile.id } };
    }
    throw EngineErrors.stateCorrupt(this.journalFile,
      `it continues a ${path.basename(this.file)} whose sha256 is ${parsed.snapshotSha256}, but ${this.file} has sha256 ${snapshot.sha256} ` +
      'and the journal was not compacted into it, so its changes cannot be applied');
  }

  /** True when both files are still the versions this store last loaded or wrote. */
  private stillOnDisk(known: DiskView): boolean {
    const journal = known.journal.kind === 'live' || known.journal.kind === 'stale' ? known.journal.id : undefined;
    return sameFile(statIfExists(this.file), known.snapshot?.id) && sameFile(statIfExists(this.journalFile), journal);
  }

  private static parseSnapshot(file: string, bytes: Buffer): EngineState {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      // V8 may quote a piece of the text ("..." is not valid JSON), which could be a private key.
      throw EngineErrors.stateCorrupt(file, `not valid JSON (${(e as Error).message.replace(/, ".*$/s, '')})`);
    }
    const problem = EngineStates.shapeProblem(parsed);
    if (problem) throw EngineErrors.stateCorrupt(file, problem);
    return parsed as EngineState;
  }
}

/** A file's bytes and identity (from the same open file), or undefined when it does not exist. */
function readWhole(file: string): { bytes: Buffer; id: FileIdentity } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw EngineErrors.stateCorrupt(file, (e as Error).message);
  }
  try {
    const id = identity(fs.fstatSync(fd));
    return { bytes: fs.readFileSync(fd), id };
  } catch (e) {
    throw EngineErrors.stateCorrupt(file, (e as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}

function statIfExists(file: string): FileIdentity | undefined {
  try {
    return identity(fs.statSync(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function identity(s: fs.Stats): FileIdentity {
  return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
}

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
