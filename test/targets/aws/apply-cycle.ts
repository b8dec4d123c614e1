import { findProviderMirror, requireTerraform, TerraformDir } from './terraform-fixture';
import { MotoServer } from './moto-server';
import { orderedSteps } from '../../helpers/ordered-steps';

/** What `describeApplyCycle` needs from a stack. */
export interface ApplyCycleSubject {
  /** Synthesized Terraform JSON of the stack with `moto.providerConfig()`; `changed` = the cipher policy changed. */
  synth(moto: MotoServer, changed: boolean): string;
  /** How many resources the first apply creates (and destroy removes). */
  readonly resourceCount: number;
  /** Terraform address of the `aws_load_balancer_policy` whose content the change alters, found in the synthesized JSON. */
  policyAddress(json: any): string;
  /** Terraform address of the `aws_load_balancer_listener_policy` that binds it. */
  listenerPolicyAddress(json: any): string;
}

/** A terraform run; throws with both streams when its exit status is not one of `allowed`. */
function terraform(tf: TerraformDir, allowed: number[], ...args: string[]): { status: number; output: string } {
  const r = tf.run(...args);
  const output = `${r.stdout}\n${r.stderr}`;
  if (!allowed.includes(r.status)) throw new Error(`terraform ${args[0]} exited ${r.status}:\n${output}`);
  return { status: r.status, output };
}

/** Line numbers of the first line of `output` matching each pattern (-1 when none does). */
export function lineOf(output: string, ...patterns: RegExp[]): number[] {
  const lines = output.split('\n');
  return patterns.map((p) => lines.findIndex((l) => p.test(l)));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The apply cycle against moto with the real Terraform CLI and AWS provider (local mirror):
 * apply -> plan with no changes -> a cipher change applied (new policy created, listener policy
 * updated, old policy destroyed, in that order, read from Terraform's output) -> plan with no
 * changes -> destroy. Each step is one test; a step fails when an earlier one did. Fails with a
 * message (never skips) when Terraform, the mirror or moto_server is missing.
 */
export function describeApplyCycle(name: string, subject: ApplyCycleSubject): void {
  describe(`${name}: apply cycle against moto (real Terraform + AWS provider)`, () => {
    let moto: MotoServer | undefined;
    let tf: TerraformDir;

    beforeAll(async () => {
      requireTerraform();
      const mirror = findProviderMirror();
      moto = await MotoServer.start();
      tf = new TerraformDir(mirror);
      tf.write('main.tf.json', subject.synth(moto, false));
      terraform(tf, [0], 'init', '-input=false', '-no-color');
    });

    afterAll(async () => { await moto?.stop(); });

    /** Later steps depend on the state earlier ones left: each runs only when all before it passed. */
    const step = orderedSteps();

    const expectNoChanges = () => {
      const plan = terraform(tf, [0, 2], 'plan', '-detailed-exitcode', '-input=false', '-no-color');
      expect({ status: plan.status, warnings: plan.output.match(/Warning.*/g) ?? [] }).toEqual({ status: 0, warnings: [] });
      expect(plan.output).toMatch(/No changes\./);
    };

    step(`apply creates all ${subject.resourceCount} resources with no warning`, () => {
      const apply = terraform(tf, [0], 'apply', '-auto-approve', '-input=false', '-no-color');
      expect(apply.output).toContain(`Apply complete! Resources: ${subject.resourceCount} added, 0 changed, 0 destroyed.`);
      expect(apply.output).not.toMatch(/Warning/);
    });

    step('a plan right after the apply shows no changes (-detailed-exitcode 0)', expectNoChanges);

    step('a cipher change: new policy created, listener policy updated, old policy destroyed, in that order', () => {
      const changed = subject.synth(moto!, true);
      tf.write('main.tf.json', changed);
      // The no-change plan just before refreshed everything; skip a second refresh (minutes on a loaded machine).
      const apply = terraform(tf, [0], 'apply', '-auto-approve', '-refresh=false', '-input=false', '-no-color');
      expect(apply.output).toContain('Apply complete! Resources: 1 added, 1 changed, 1 destroyed.');
      const policy = escape(subject.policyAddress(JSON.parse(changed)));
      const binder = escape(subject.listenerPolicyAddress(JSON.parse(changed)));
      const [created, modifying, modified, destroying] = lineOf(apply.output,
        new RegExp(`^${policy}: Creation complete`),
        new RegExp(`^${binder}: Modifying\\.\\.\\.`),
        new RegExp(`^${binder}: Modifications complete`),
        new RegExp(`^${policy} \\(deposed object \\w+\\): Destroying\\.\\.\\.`));
      const missing = Object.entries({ created, modifying, modified, destroying }).filter(([, line]) => line < 0).map(([event]) => event);
      expect({ missing, output: missing.length ? apply.output : '' }).toEqual({ missing: [], output: '' });
      expect(created).toBeLessThan(modifying);
      expect(modified).toBeLessThan(destroying);
      expect(apply.output).not.toMatch(/Warning/);
    });

    step('a plan right after the change shows no changes', expectNoChanges);

    step('destroy removes everything', () => {
      const destroy = terraform(tf, [0], 'destroy', '-auto-approve', '-refresh=false', '-input=false', '-no-color');
      expect(destroy.output).toContain(`Destroy complete! Resources: ${subject.resourceCount} destroyed.`);
      expect(terraform(tf, [0], 'state', 'list').output.trim()).toBe('');
    });
  });
}
