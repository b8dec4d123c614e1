/** One step of an ordered sequence: a jest test. */
export type OrderedStep = (title: string, fn: () => void | Promise<void>) => void;

/**
 * A sequence of jest tests where each step runs only when every earlier step passed: later steps
 * depend on the state earlier ones left (a Terraform apply before its plan, say), so after a failure
 * they report "skipped" naming it instead of failing for a reason that is not theirs.
 */
export function orderedSteps(): OrderedStep {
  let failed: string | undefined;
  return (title, fn) => test(title, async () => {
    if (failed) throw new Error(`skipped: an earlier step failed (${failed})`);
    try {
      await fn();
    } catch (e) {
      failed = title;
      throw e;
    }
  });
}
