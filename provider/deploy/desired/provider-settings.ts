/** The `provider.seclb` block of a synthesized stack: where its engine keeps state and listens. */
export interface SeclbProviderSettings {
  /** `state_directory`, when the block sets it as a string. */
  readonly stateDirectory?: string;
  /** `admin_address`, when the block sets it as a string. */
  readonly adminAddress?: string;
}

/**
 * Reads the `provider.seclb` block of a parsed `cdk.tf.json` (cdktf writes it as a list of one
 * block; a single object is read too). Missing or non-string settings are left out. One reader for
 * the CLI (which needs the state directory before it reads the stack) and `readLocalStack`.
 */
export function readProviderSettings(json: unknown): SeclbProviderSettings {
  const root = (json ?? {}) as { provider?: Record<string, unknown> };
  const seclb = root.provider?.seclb;
  const block = (Array.isArray(seclb) ? seclb[0] ?? {} : seclb ?? {}) as Record<string, unknown>;
  return {
    ...(typeof block.state_directory === 'string' ? { stateDirectory: block.state_directory } : {}),
    ...(typeof block.admin_address === 'string' ? { adminAddress: block.admin_address } : {}),
  };
}
