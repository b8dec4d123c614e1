import { randomBytes, timingSafeEqual } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../state/atomic-file';

/** The admin token file's name inside the state directory. */
export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * The admin API's bearer token: 32 random bytes (base64url) kept in `<stateDir>/admin-token`,
 * mode 0600, created on first start and reused afterwards.
 */
export class AdminAuth {
  /** Loads the token, creating it when absent. */
  public static loadOrCreate(stateDir: string): AdminAuth {
    const file = path.join(stateDir, ADMIN_TOKEN_FILE);
    let token: string;
    try {
      token = fs.readFileSync(file, 'utf8').trim();
      fs.chmodSync(file, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      token = randomBytes(32).toString('base64url');
      writeFileAtomic(file, `${token}\n`, 0o600);
    }
    return new AdminAuth(token, file);
  }

  private readonly expected: Buffer;

  private constructor(token: string, public readonly file: string) {
    this.expected = Buffer.from(`Bearer ${token}`);
  }

  /** True when the Authorization header carries the token (constant-time comparison). */
  public check(authorization: string | undefined): boolean {
    if (!authorization) return false;
    const given = Buffer.from(authorization);
    return given.length === this.expected.length && timingSafeEqual(given, this.expected);
  }
}
