import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes a file so that a crash at any instant leaves either the old content or the new one:
 * write a temporary file in the same directory (mode 0600), fsync it, rename it over the target,
 * then fsync the directory so the rename itself is durable.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, null);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDirectory(dir);
}

/**
 * Writes all of `data` to `fd`, at `position` (or at the file position when null), looping over
 * short writes.
 */
export function writeAll(fd: number, data: Buffer, position: number | null): void {
  let written = 0;
  while (written < data.length) {
    written += fs.writeSync(fd, data, written, data.length - written, position === null ? null : position + written);
  }
}

/** Makes the directory's entries (creations, renames, removals) durable. */
export function fsyncDirectory(dir: string): void {
  const dfd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dfd);
  } finally {
    fs.closeSync(dfd);
  }
}

/** Removes `file` if it exists and makes the removal durable (fsync of its directory). */
export function removeFileDurably(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  fsyncDirectory(path.dirname(file));
}

/** Removes temporary files a crash may have left beside `file` (they never hold live state). */
export function removeStaleTemporaries(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
