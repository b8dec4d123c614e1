import { chmodSync, lstatSync, readdirSync } from 'fs';
import { join, sep } from 'path';
import { CliErrors } from './errors';

/** The two folders of a project that `protect` needs (a `Project` has them). */
export interface ProjectFolders {
  /** The project folder (cdktf.json). */
  readonly directory: string;
  /** Where the app writes its synthesized output. */
  readonly outDirectory: string;
}

/**
 * The synthesized output of the local target is private: each stack's `cdk.tf.json` carries the
 * private keys of its server certificates (`seclb_server_certificate.private_key`). The CLI runs the
 * app with `SYNTH_UMASK`, so what a synth creates is 0700/0600, and `protect` tightens what an
 * earlier synth (or `cdktf synth`, run with the user's umask) left group- or world-readable.
 */
export class PrivateOutput {
  /** The umask the CLI synthesizes with: new folders 0700, new files 0600. */
  public static readonly SYNTH_UMASK = 0o077;

  /**
   * Makes `stacks/`, each `stacks/<stack>/` folder 0700 and every file directly inside them (and
   * cdktf's `manifest.json`) owner-only (0600; an executable keeps its owner's x bit). The output
   * folder itself becomes 0700 too, unless it is the project folder or one of its parents, which
   * are the user's to keep as they like (`stacks/` already keeps others out). Folders below a stack
   * (e.g. `.terraform/`) are left as they are: others cannot enter them through the stack folder.
   * Bounded: one listing per stack folder, no recursion. Returns the paths whose mode changed.
   */
  public static protect(project: ProjectFolders): string[] {
    const out = project.outDirectory;
    const changed: string[] = [];
    const dedicated = out !== project.directory && !`${project.directory}${sep}`.startsWith(`${out}${sep}`);
    if (dedicated) PrivateOutput.restrict(out, changed);
    PrivateOutput.restrict(join(out, 'manifest.json'), changed);
    const stacks = join(out, 'stacks');
    if (!PrivateOutput.restrict(stacks, changed)) return changed;
    for (const stack of readdirSync(stacks)) {
      const folder = join(stacks, stack);
      if (!PrivateOutput.restrict(folder, changed)) continue;
      for (const name of readdirSync(folder)) PrivateOutput.restrict(join(folder, name), changed, { filesOnly: true });
    }
    return changed;
  }

  /**
   * Clears the group and other bits of a folder or regular file (symlinks and anything else are
   * left alone); true when `path` is a folder. A missing path is fine; any other failure is an error.
   */
  private static restrict(path: string, changed: string[], options: { filesOnly?: boolean } = {}): boolean {
    let st;
    try {
      st = lstatSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw CliErrors.file(path, 'read the mode of', (e as Error).message);
    }
    const folder = st.isDirectory();
    if (!(st.isFile() || (folder && !options.filesOnly))) return folder;
    const mode = st.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      try {
        chmodSync(path, mode & 0o700);
      } catch (e) {
        throw CliErrors.file(path, 'make private (it may hold private keys)', (e as Error).message);
      }
      changed.push(path);
    }
    return folder;
  }

  private constructor() {}
}
