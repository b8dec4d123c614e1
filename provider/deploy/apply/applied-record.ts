import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DeploymentState } from '../diff/deployment-state';
import { ApplyErrors } from './errors';

/** The folder of the state directory that holds one record per stack. */
export const APPLIED_DIRECTORY = 'applied';

/**
 * What `seclb apply` applied last for one stack (docs/local-target.md, "Desired state, live state,
 * ownership"): the documents and certificate fingerprints it wrote. A live value that differs from
 * it was changed outside the tool (drift); a load balancer in it that the stack no longer declares
 * is deleted by the next apply. It also keeps the engine revision each write returned, so the next
 * plan reads only load balancers that changed since (`readLiveState`). Stored as
 * `<stateDirectory>/applied/<stack>.json`, mode 0600.
 */
export class AppliedRecord {
  /** The record file of `stack`. */
  public static file(stateDirectory: string, stack: string): string {
    return join(stateDirectory, APPLIED_DIRECTORY, `${stack.replace(/[^\w.-]/g, '_')}.json`);
  }

  /** The record, or undefined when this stack was never applied. */
  public static read(stateDirectory: string, stack: string): DeploymentState | undefined {
    const file = AppliedRecord.file(stateDirectory, stack);
    if (!existsSync(file)) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw ApplyErrors.recordFormat(file, `is not JSON (${(e as Error).message})`);
    }
    const state = value as DeploymentState;
    if (!state || !Array.isArray(state.loadBalancers)) throw ApplyErrors.recordFormat(file, 'has no loadBalancers list');
    return { loadBalancers: state.loadBalancers, serverCertificates: state.serverCertificates ?? [], revisions: state.revisions ?? {} };
  }

  /** Replaces the record atomically (temporary file, rename), mode 0600. */
  public static write(stateDirectory: string, stack: string, state: DeploymentState): void {
    const file = AppliedRecord.file(stateDirectory, stack);
    mkdirSync(join(stateDirectory, APPLIED_DIRECTORY), { recursive: true, mode: 0o700 });
    const partial = `${file}.${process.pid}.tmp`;
    const content = { loadBalancers: state.loadBalancers, serverCertificates: state.serverCertificates ?? [], revisions: state.revisions ?? {} };
    writeFileSync(partial, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  }

  /** Removes the record (after `seclb destroy`). */
  public static remove(stateDirectory: string, stack: string): void {
    rmSync(AppliedRecord.file(stateDirectory, stack), { force: true });
  }

  private constructor() {}
}
