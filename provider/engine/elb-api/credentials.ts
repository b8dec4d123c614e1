import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../state/atomic-file';

/** The ELB API key pair's file inside the state directory (mode 0600, like `admin-token`). */
export const ELB_API_CREDENTIALS_FILE = 'elb-api-credentials.json';

/** An access key pair as AWS clients take it. */
export interface AccessKeyPair {
  /** `AKIA` and 16 upper-case letters and digits, like an IAM user's key id. */
  readonly accessKeyId: string;
  /** 40 characters; only in the 0600 file and, on explicit request, on `seclb elb-api credentials --show-secret`. */
  readonly secretAccessKey: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The ELB API's SigV4 key pair: generated on the first start with the API enabled, kept in
 * `<stateDir>/elb-api-credentials.json` (0600) and reused afterwards. Never logged.
 */
export class ElbApiCredentials {
  /** Loads the key pair, creating it when absent. */
  public static loadOrCreate(stateDir: string): AccessKeyPair {
    const file = path.join(stateDir, ELB_API_CREDENTIALS_FILE);
    const existing = ElbApiCredentials.read(stateDir);
    if (existing) {
      fs.chmodSync(file, 0o600);
      return existing;
    }
    const id = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
    const pair: AccessKeyPair = { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64').replace(/\+/g, 'x').replace(/\//g, 'y') };
    writeFileAtomic(file, `${JSON.stringify(pair, null, 2)}\n`, 0o600);
    return pair;
  }

  /** Reads the key pair of a state directory; undefined when the file does not exist. Throws on a damaged file. */
  public static read(stateDir: string): AccessKeyPair | undefined {
    const file = path.join(stateDir, ELB_API_CREDENTIALS_FILE);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const value = JSON.parse(text) as Partial<AccessKeyPair>;
    if (typeof value.accessKeyId !== 'string' || typeof value.secretAccessKey !== 'string' || !value.accessKeyId || !value.secretAccessKey) {
      throw new Error(`${file} holds no accessKeyId/secretAccessKey; move it away to have the engine generate a new pair`);
    }
    return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey };
  }

  private constructor() {}
}
