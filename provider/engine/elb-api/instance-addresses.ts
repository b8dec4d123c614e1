import * as fs from 'fs';
import * as path from 'path';
import { isLoopback } from '../model/compiled-load-balancer';
import { ApiError } from './protocol/api-error';

/** The default mapping file inside the state directory. */
export const INSTANCE_ADDRESSES_FILE = 'instance-addresses.json';

/**
 * Where the engine reaches an EC2 instance id registered through the ELB API: a JSON object
 * `{ "i-4f8cf126": "127.0.0.11" }` the user keeps (by hand or with `seclb elb-api map`, which writes
 * it through provider/deploy/engine-client/elb-api-files.ts), read afresh
 * on every registration so an edit needs no restart. Loopback addresses only; an instance the file
 * does not name is registered without an address and stays OutOfService with a reason saying so.
 */
export class InstanceAddressBook {
  constructor(
    /** The mapping file (`<stateDir>/instance-addresses.json` unless `--instance-addresses` names another). */
    public readonly file: string,
  ) {}

  /** The book of a state directory's default file. */
  public static inStateDir(stateDir: string): InstanceAddressBook {
    return new InstanceAddressBook(path.join(stateDir, INSTANCE_ADDRESSES_FILE));
  }

  /** The whole mapping; `{}` when the file does not exist. A damaged file is a `ValidationError` naming it. */
  public read(): Record<string, string> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw this.bad(`cannot be read (${(e as Error).message})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw this.bad(`is not JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.bad('is not a JSON object of instance id -> loopback address');
    const out: Record<string, string> = {};
    for (const [id, address] of Object.entries(value as Record<string, unknown>)) {
      if (typeof address !== 'string' || !isLoopback(address)) {
        throw this.bad(`maps '${id.slice(0, 40)}' to ${JSON.stringify(address)?.slice(0, 60)}, which is not a loopback address (127.0.0.0/8 or ::1)`);
      }
      out[id] = address;
    }
    return out;
  }

  private bad(problem: string): ApiError {
    return new ApiError('ValidationError', `The instance address file '${this.file}' ${problem}. Rule: it maps EC2 instance ids to loopback addresses, e.g. {"i-4f8cf126": "127.0.0.11"}. Fix: correct the file (or run 'seclb elb-api map <instance-id> <address>'). Nothing was changed.`);
  }
}

