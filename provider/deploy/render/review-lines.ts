import { DeployPlan } from '../plan/deploy-plan';
import { SynthWarning } from '../plan/synth-warnings';

/**
 * What a reviewer must see besides the changes, shared by the text and Markdown renderers: the
 * synth-time warnings, the enforcement gaps and the digest, each as plain facts.
 */
export interface ReviewFacts {
  /** Synth warnings nobody acknowledged. */
  readonly unacknowledged: SynthWarning[];
  /** Synth warnings acknowledged with a reason. */
  readonly acknowledged: SynthWarning[];
  /** A sentence about the enforcement check: what it was judged with, or why it was not done. */
  readonly enforcementNote: string;
  /** The number of listener attributes the engine cannot enforce. */
  readonly unenforceableCount: number;
  /** `sha256:<content>` (inputs `sha256:<inputs>`), or undefined for an unsealed plan. */
  readonly digest?: { readonly content: string; readonly inputs: string };
}

/** Gathers the review facts of a plan. */
export function reviewFacts(plan: DeployPlan): ReviewFacts {
  const warnings = plan.warnings ?? [];
  const listeners = plan.enforcement?.listeners ?? [];
  const enforcementNote = plan.enforcement
    ? `judged with the engine's capability report (${plan.enforcement.capabilitySource})`
    : 'not checked: the plan carries no capability report from the engine';
  return {
    unacknowledged: warnings.filter((w) => !w.acknowledged),
    acknowledged: warnings.filter((w) => w.acknowledged),
    enforcementNote,
    unenforceableCount: listeners.reduce((n, l) => n + l.unenforceable.length, 0),
    ...(plan.digest ? { digest: { content: `sha256:${plan.digest.content}`, inputs: `sha256:${plan.digest.inputs}` } } : {}),
  };
}
