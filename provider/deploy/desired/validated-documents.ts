import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * The SHA-256 digests of document texts the policy model already accepted for one stack, kept in
 * `<stateDirectory>/applied/<stack>.validated.json` (0600), so a plan of 1,000 unchanged load
 * balancers does not validate 1,000 documents again (`readLocalStack`'s `validated` option). Only
 * texts that passed validation are added; an unreadable file is treated as empty.
 */
export class ValidatedDocuments {
  /** The cache of `stack` in `stateDirectory`. */
  public static load(stateDirectory: string, stack: string): ValidatedDocuments {
    const file = join(stateDirectory, 'applied', `${stack.replace(/[^\w.-]/g, '_')}.validated.json`);
    let digests: string[] = [];
    try {
      if (existsSync(file)) digests = JSON.parse(readFileSync(file, 'utf8')) as string[];
    } catch {
      digests = [];
    }
    return new ValidatedDocuments(file, new Set(Array.isArray(digests) ? digests : []));
  }

  private readonly seen = new Set<string>();

  private constructor(private readonly file: string, private readonly known: Set<string>) {}

  /** True when `text` was validated before. */
  public readonly has = (text: string): boolean => {
    const digest = ValidatedDocuments.digest(text);
    this.seen.add(digest);
    return this.known.has(digest);
  };

  /**
   * Records every text of the last read as validated (call after the read succeeded: a failed
   * read throws before) and writes the file when it changed. Only the last read's texts are kept.
   */
  public save(): void {
    const same = this.seen.size === this.known.size && [...this.seen].every((d) => this.known.has(d));
    if (same) return;
    mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify([...this.seen].sort()), { mode: 0o600 });
    renameSync(partial, this.file);
  }

  private static digest(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }
}
