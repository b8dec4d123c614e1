import { DeployErrors } from '../errors';

/**
 * One security warning the constructs reported at synth, as cdktf recorded it in
 * `cdktf.out/manifest.json`: unacknowledged (a warning annotation) or acknowledged with a reason (an
 * info annotation that records it).
 */
export interface SynthWarning {
  /** The rule id, e.g. `SECLB_WARN_TLS10_ENABLED`. */
  readonly ruleId: string;
  /** The construct the warning is about, e.g. `walkthrough/MyLoadBalancer`. */
  readonly constructPath: string;
  /** What is weak, in the constructs' words. */
  readonly message: string;
  /** True when the app acknowledged it. */
  readonly acknowledged: boolean;
  /**
   * Why it was accepted, as the app wrote it.
   * @default - absent when not acknowledged
   */
  readonly reason?: string;
}

/** The levels cdktf writes for `Annotations.addWarning` and `addInfo`. */
const WARN = '@cdktf/warn';
const INFO = '@cdktf/info';
/** `SECLB_WARN_X: message\n  Fix: ...` (lib/constructs/private/acknowledgements.ts). */
const WARNING_TEXT = /^(SECLB_WARN_[A-Z0-9_]+): ([\s\S]*?)(?:\n\s+Fix: [\s\S]*)?$/;
/** `SECLB_WARN_X acknowledged: reason\n  Warning: message` (the message is one line; the reason is everything before it). */
const ACKNOWLEDGED_TEXT = /^(SECLB_WARN_[A-Z0-9_]+) acknowledged: ([\s\S]*)\n {2}Warning: (.*)$/;

/**
 * Reads the synth-time security warnings of one stack from the text of cdktf's `manifest.json`
 * (`stacks[stack].annotations`). Annotations that are not security warnings of this library are
 * skipped. A manifest without the stack yields no warnings (a stack synthesized by other means).
 *
 * @param text the manifest's content
 * @param stack the stack name
 * @param source the file name, for error messages
 * @throws DeployError SECLB_DEPLOY_MANIFEST_FORMAT when the text is not a cdktf manifest
 */
export function readSynthWarnings(text: string, stack: string, source: string = 'manifest.json'): SynthWarning[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (e) {
    throw DeployErrors.manifestFormat(source, `it is not JSON (${(e as Error).message})`);
  }
  const stacks = (manifest as { stacks?: unknown } | null)?.stacks;
  if (typeof stacks !== 'object' || stacks === null || Array.isArray(stacks)) throw DeployErrors.manifestFormat(source, 'it has no \'stacks\' object');
  const entry = (stacks as Record<string, { annotations?: unknown }>)[stack];
  if (entry === undefined) return [];
  const annotations = entry.annotations ?? [];
  if (!Array.isArray(annotations)) throw DeployErrors.manifestFormat(source, `stacks.${stack}.annotations is not a list`);
  const warnings: SynthWarning[] = [];
  for (const a of annotations as Array<{ constructPath?: unknown; level?: unknown; message?: unknown }>) {
    if (typeof a?.message !== 'string' || typeof a.constructPath !== 'string') continue;
    if (a.level === WARN) {
      const m = WARNING_TEXT.exec(a.message);
      if (m) warnings.push({ ruleId: m[1], constructPath: a.constructPath, message: m[2].trim(), acknowledged: false });
    } else if (a.level === INFO) {
      const m = ACKNOWLEDGED_TEXT.exec(a.message);
      if (m) warnings.push({ ruleId: m[1], constructPath: a.constructPath, message: m[3].trim(), acknowledged: true, reason: m[2] });
    }
  }
  return warnings;
}
