import * as crypto from 'crypto';
import * as fs from 'fs';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { EngineErrors } from '../errors';
import { EngineStates, isMap, PersistedLoadBalancer } from './engine-state';
import { writeAll } from './atomic-file';

/** The journal's file name inside the state directory. */
export const JOURNAL_FILE_NAME = 'state.journal';
/** The journal header's format marker. */
export const JOURNAL_FORMAT = 'seclb-engine-journal';
/** The journal's format version. */
export const JOURNAL_FORMAT_VERSION = 1;

/**
 * One write of the engine: the entries it stores (the whole new entry) or removes (`null`), and
 * the engine revision after it.
 */
export interface JournalChange {
  readonly engineRevision: number;
  readonly loadBalancers: { readonly [name: string]: PersistedLoadBalancer | null };
  readonly serverCertificates: { readonly [name: string]: ServerCertificateRecord | null };
}

/** A change as read back, with the line it came from (1-based; the header is line 1). */
export interface JournalEntry {
  readonly line: number;
  readonly change: JournalChange;
}

/** A journal file, checked line by line. */
export interface ParsedJournal {
  /** sha256 (hex) of the exact `state.json` bytes this journal continues. */
  readonly snapshotSha256: string;
  /** The changes, in order. */
  readonly changes: readonly JournalEntry[];
  /** The `compactedInto` hashes of the seal records, in order (they always come last). */
  readonly seals: readonly string[];
  /** The `seq` of the last complete record (0: only the header). */
  readonly lastSeq: number;
  /** Bytes up to and including the last complete line: where the next append goes. */
  readonly validLength: number;
  /** Bytes of an unterminated last line (a crash mid-append), dropped; 0 if none. */
  readonly tornBytes: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const NEWLINE = 0x0a;

/**
 * The journal `<stateDir>/state.journal`: append-only, one record per line, each line
 * `<sha256 hex of the JSON text> <JSON text>\n`.
 *
 * - line 1, the header: `{"format":"seclb-engine-journal","formatVersion":1,"snapshotSha256":H}`,
 *   where H is the sha256 of the exact `state.json` bytes the journal continues. The header is
 *   only ever created together with the first change, by an atomic file write, so it is never torn;
 * - a change: `{"seq":n,"engineRevision":R,"loadBalancers":{name: entry | null},"serverCertificates":{...}}`,
 *   `seq` counting 1, 2, 3 … with no gap, so a lost, repeated or reordered line is detected;
 * - a seal: `{"seq":n,"compactedInto":H2}`, written (and fsynced) just before `state.json` is
 *   replaced by a snapshot whose sha256 is H2. Only seals may follow a seal.
 *
 * Reading is strict: every newline-terminated line must carry a matching checksum, parse, have
 * the expected shape and the next `seq`, or the journal is `SECLB_ENGINE_STATE_CORRUPT` naming the
 * line. The one exception: an unterminated last line is a record torn by a crash mid-append. Its
 * write never completed, so `save` never returned and nobody was told it was stored; it is
 * dropped (and overwritten by the next append). A JSON text never contains a raw newline, so a
 * torn record can never look terminated.
 */
export class StateJournal {
  /** The header line for a journal continuing the snapshot whose sha256 is `snapshotSha256`. */
  public static header(snapshotSha256: string): Buffer {
    return StateJournal.line({ format: JOURNAL_FORMAT, formatVersion: JOURNAL_FORMAT_VERSION, snapshotSha256 });
  }

  /** The line of change number `seq`. */
  public static changeLine(seq: number, change: JournalChange): Buffer {
    return StateJournal.line({ seq, engineRevision: change.engineRevision, loadBalancers: change.loadBalancers, serverCertificates: change.serverCertificates });
  }

  /** The line of a seal: the journal is about to be compacted into the snapshot `snapshotSha256`. */
  public static sealLine(seq: number, snapshotSha256: string): Buffer {
    return StateJournal.line({ seq, compactedInto: snapshotSha256 });
  }

  /** sha256 in hex. */
  public static sha256(data: Buffer | string): string {
    return crypto.createHash('sha256').update(data).digest('hex');
  }

  /**
   * Appends `data` at `validLength` and fsyncs before returning. A torn tail left beyond
   * `validLength` by an earlier crash is cut off first (within the same fsync). Returns the file's
   * stats after the write. When the write or the fsync fails (ENOSPC, EIO), the record is cut off
   * again, as far as the disk allows, so that a `save` that threw does not come back on restart.
   */
  public static append(file: string, validLength: number, data: Buffer): fs.Stats {
    const fd = fs.openSync(file, 'r+');
    try {
      if (fs.fstatSync(fd).size !== validLength) fs.ftruncateSync(fd, validLength);
      try {
        writeAll(fd, data, validLength);
        fs.fsyncSync(fd);
      } catch (e) {
        try {
          fs.ftruncateSync(fd, validLength);
          fs.fsyncSync(fd);
        } catch {
          // the original error is the one to report
        }
        throw e;
      }
      return fs.fstatSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Checks a journal's bytes; throws `SECLB_ENGINE_STATE_CORRUPT` naming `file`, the line and the problem. */
  public static parse(file: string, bytes: Buffer): ParsedJournal {
    const corrupt = (line: number, problem: string) => EngineErrors.stateCorrupt(file, `line ${line}: ${problem}`);
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      throw EngineErrors.stateCorrupt(file, 'it has no complete header line (a journal is created whole, with its header and first change, so it is never torn there)');
    }
    const validLength = lastNewline + 1;
    const changes: JournalEntry[] = [];
    const seals: string[] = [];
    let snapshotSha256 = '';
    let lastSeq = 0;
    let start = 0;
    for (let line = 1; start < validLength; line++) {
      const end = bytes.indexOf(NEWLINE, start);
      const record = StateJournal.record(bytes.subarray(start, end), (p) => corrupt(line, p));
      start = end + 1;
      if (line === 1) {
        if (record.format !== JOURNAL_FORMAT) throw corrupt(line, `format is ${JSON.stringify(record.format)}, expected "${JOURNAL_FORMAT}"`);
        if (record.formatVersion !== JOURNAL_FORMAT_VERSION) throw corrupt(line, `formatVersion is ${JSON.stringify(record.formatVersion)}; this engine reads ${JOURNAL_FORMAT_VERSION}`);
        if (typeof record.snapshotSha256 !== 'string' || !SHA256_HEX.test(record.snapshotSha256)) throw corrupt(line, 'snapshotSha256 is not a sha256 in hex');
        snapshotSha256 = record.snapshotSha256;
        continue;
      }
      if (record.seq !== lastSeq + 1) throw corrupt(line, `seq is ${JSON.stringify(record.seq)}, expected ${lastSeq + 1} (a record is missing, repeated or out of order)`);
      lastSeq = record.seq;
      if ('compactedInto' in record) {
        if (typeof record.compactedInto !== 'string' || !SHA256_HEX.test(record.compactedInto)) throw corrupt(line, 'compactedInto is not a sha256 in hex');
        seals.push(record.compactedInto);
        continue;
      }
      if (seals.length) throw corrupt(line, 'a change follows a seal (nothing is appended to a journal once it is sealed for compaction)');
      changes.push({ line, change: StateJournal.change(record, (p) => corrupt(line, p)) });
    }
    return { snapshotSha256, changes, seals, lastSeq, validLength, tornBytes: bytes.length - validLength };
  }

  private static line(record: object): Buffer {
    const json = JSON.stringify(record);
    return Buffer.from(`${StateJournal.sha256(json)} ${json}\n`, 'utf8');
  }

  /** One line's record, checksum verified. Problems never quote the line (it may hold a private key). */
  private static record(bytes: Buffer, corrupt: (problem: string) => Error): Record<string, unknown> {
    const text = bytes.toString('utf8');
    const space = text.indexOf(' ');
    const sum = text.slice(0, space);
    const json = text.slice(space + 1);
    if (space !== 64 || !SHA256_HEX.test(sum)) throw corrupt('it does not start with a sha256 checksum and a space');
    if (StateJournal.sha256(json) !== sum) throw corrupt('its checksum does not match its content (the record was damaged or edited after it was written)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw corrupt('it is not valid JSON');
    }
    if (!isMap(parsed)) throw corrupt('it is not a JSON object');
    return parsed;
  }

  private static change(record: Record<string, unknown>, corrupt: (problem: string) => Error): JournalChange {
    if (!Number.isInteger(record.engineRevision) || (record.engineRevision as number) < 0) throw corrupt('engineRevision is not a non-negative integer');
    if (!isMap(record.loadBalancers) || !isMap(record.serverCertificates)) throw corrupt('loadBalancers or serverCertificates is not an object');
    for (const [name, lb] of Object.entries(record.loadBalancers)) {
      const problem = lb === null ? undefined : EngineStates.loadBalancerProblem(lb);
      if (problem) throw corrupt(`loadBalancers['${name}'] ${problem}`);
    }
    for (const [name, c] of Object.entries(record.serverCertificates)) {
      const problem = c === null ? undefined : EngineStates.certificateProblem(c);
      if (problem) throw corrupt(`serverCertificates['${name}'] ${problem}`);
    }
    return record as unknown as JournalChange;
  }
}
