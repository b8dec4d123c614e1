import * as path from 'path';
import { ServerCertificateRecord } from '../../../../provider/engine/certificates/server-certificate';
import { emptyState, EngineState, PersistedLoadBalancer } from '../../../../provider/engine/state/state-store';
import { JOURNAL_FILE_NAME } from '../../../../provider/engine/state/state-journal';

// The real `fs` module object (not an import-star copy), so that jest can spy on its functions
// and the store, which reads them through its own import, sees the spies.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const realFs: typeof import('fs') = require('fs');

/** A private key stand-in that must never appear in an error message. */
export const SECRET_KEY = '-----BEGIN PRIVATE KEY-----\nTOPSECRETKEYMATERIAL\n-----END PRIVATE KEY-----\n';

/** The journal's path in `dir`. */
export const journalOf = (dir: string) => path.join(dir, JOURNAL_FILE_NAME);

/** A load balancer entry whose document is about `bytes` long (the store treats documents as opaque). */
export function lbEntry(name: string, revision: number, bytes = 200): PersistedLoadBalancer {
  return { revision, document: { name, padding: 'x'.repeat(bytes) } as never };
}

/** A server certificate entry holding `SECRET_KEY`. */
export function certEntry(name: string, revision: number): ServerCertificateRecord {
  return { name, certificateBody: `CERT ${name}`, privateKey: SECRET_KEY, revision };
}

/** What the engine does on PUT of a load balancer: spread the state, bump the revision, sorted maps. */
export function putLb(state: EngineState, name: string, bytes = 200): EngineState {
  const revision = state.engineRevision + 1;
  return { ...state, engineRevision: revision, loadBalancers: sorted({ ...state.loadBalancers, [name]: lbEntry(name, revision, bytes) }) };
}

/** What the engine does on DELETE of a load balancer. */
export function deleteLb(state: EngineState, name: string): EngineState {
  const rest = { ...state.loadBalancers };
  delete rest[name];
  return { ...state, engineRevision: state.engineRevision + 1, loadBalancers: rest };
}

/** What the engine does on PUT of a server certificate. */
export function putCert(state: EngineState, name: string): EngineState {
  const revision = state.engineRevision + 1;
  return { ...state, engineRevision: revision, serverCertificates: sorted({ ...state.serverCertificates, [name]: certEntry(name, revision) }) };
}

/** A state with `n` load balancers lb-0 … lb-(n-1), built the engine's way. */
export function stateWith(n: number, bytes = 200): EngineState {
  let s = emptyState();
  for (let i = 0; i < n; i++) s = putLb(s, `lb-${i}`, bytes);
  return s;
}

function sorted<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every file in a directory with its bytes (a picture of what a crash would leave). */
export type DirImage = ReadonlyMap<string, Buffer>;

export function imageOf(dir: string): DirImage {
  return new Map(realFs.readdirSync(dir).sort().map((n) => [n, realFs.readFileSync(path.join(dir, n))] as const));
}

/** Writes `image` into the empty directory `dir` (files 0600). */
export function restoreImage(image: DirImage, dir: string): void {
  for (const [n, bytes] of image) realFs.writeFileSync(path.join(dir, n), bytes, { mode: 0o600 });
}

/**
 * Runs `action` and returns a picture of `dir` before it, after every file-system call it makes
 * (open, write, truncate, fsync, rename, unlink, close) and at the end: every point where a
 * SIGKILL could stop the process (the page cache survives a killed process, so a picture of the
 * files is exactly what the next start would read). Torn writes inside one `write` are covered
 * separately, by cutting records at every byte.
 */
export function crashPoints(dir: string, action: () => void): DirImage[] {
  const images: DirImage[] = [imageOf(dir)];
  let inside = false;
  const names = ['openSync', 'writeSync', 'ftruncateSync', 'fsyncSync', 'renameSync', 'unlinkSync', 'closeSync'] as const;
  const spies = names.map((name) => {
    const original = (realFs[name] as (...a: unknown[]) => unknown).bind(realFs);
    return jest.spyOn(realFs, name as never).mockImplementation(((...args: unknown[]) => {
      const result = original(...args);
      if (!inside) {
        inside = true;
        try {
          images.push(imageOf(dir));
        } finally {
          inside = false;
        }
      }
      return result;
    }) as never);
  });
  try {
    action();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  images.push(imageOf(dir));
  return images;
}

/** Sums the bytes and counts the fsyncs the store makes during `action`. */
export function measureWrites(action: () => void): { bytes: number; fsyncs: number } {
  const out = { bytes: 0, fsyncs: 0 };
  const write = realFs.writeSync.bind(realFs) as (...a: unknown[]) => number;
  const fsync = realFs.fsyncSync.bind(realFs);
  const w = jest.spyOn(realFs, 'writeSync').mockImplementation(((...args: unknown[]) => {
    const n = write(...args);
    out.bytes += n;
    return n;
  }) as never);
  const f = jest.spyOn(realFs, 'fsyncSync').mockImplementation(((fd: number) => {
    out.fsyncs++;
    fsync(fd);
  }) as never);
  try {
    action();
  } finally {
    w.mockRestore();
    f.mockRestore();
  }
  return out;
}
