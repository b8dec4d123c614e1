import { EngineRequestError } from '../../deploy/engine-client/engine-request-error';
import { DiagnosticMessage, Diagnostics } from '../diagnostics';
import { PLUGIN_CODES } from '../errors';

/** The engine's code for a delete refused because another tool or stack owns the object. */
const ENGINE_OWNER_CONFLICT = 'SECLB_ENGINE_OWNER_CONFLICT';

/**
 * Runs a delete for Terraform's destroy. When the engine refuses it because another tool or stack
 * owns the object, the object stays on the engine and the destroy still succeeds for Terraform
 * (the resource leaves its state) with a `SECLB_PLUGIN_OWNED_ELSEWHERE` warning naming the owner.
 * Any other failure is thrown as before.
 */
export async function deleteUnlessOwnedElsewhere(kind: string, name: string, run: () => Promise<unknown>): Promise<DiagnosticMessage[]> {
  try {
    await run();
    return [];
  } catch (e) {
    if (!(e instanceof EngineRequestError) || e.code !== ENGINE_OWNER_CONFLICT) throw e;
    return [Diagnostics.warning(`${PLUGIN_CODES.OWNED_ELSEWHERE}: ${kind} '${name}' was left on the engine; it is removed from Terraform state only.`,
      `${e.message}\nRule: a destroy through Terraform never deletes an engine object another tool or stack created.\n`
      + `Fix: nothing, if its owner still uses it; otherwise delete it from its owner, or with \`seclb ${kind === 'server certificate' ? 'certificates delete' : 'destroy'} ... --force-owner\` once that owner is gone.`)];
  }
}
