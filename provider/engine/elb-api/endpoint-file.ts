import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../state/atomic-file';

/** `<stateDir>/elb-api.json`: where the running engine's ELB API listens (written at start, removed at stop). */
export const ELB_API_ENDPOINT_FILE = 'elb-api.json';

/** The content of `elb-api.json`. */
export interface ElbApiEndpoint {
  /** `http://127.0.0.1:<port>`: the value for `endpoints { elb = ..., iam = ... }`. */
  readonly url: string;
  /** The engine's pid (a file left by a killed engine names a dead pid). */
  readonly pid: number;
  /** The account id in the ARNs the API answers (`AWS_ACCOUNT_ID`). */
  readonly accountId: string;
}

/** Writing and reading `elb-api.json`. */
export class ElbApiEndpoints {
  /** Writes the file (0600). */
  public static write(stateDir: string, endpoint: ElbApiEndpoint): void {
    writeFileAtomic(path.join(stateDir, ELB_API_ENDPOINT_FILE), `${JSON.stringify(endpoint, null, 2)}\n`, 0o600);
  }

  /** Removes it (at stop). */
  public static remove(stateDir: string): void {
    fs.rmSync(path.join(stateDir, ELB_API_ENDPOINT_FILE), { force: true });
  }

  private constructor() {}
}
