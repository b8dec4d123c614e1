/** The SHA-256 digests that make a plan file tamper-evident. */
export interface PlanDigest {
  /** Always `sha256`. */
  readonly algorithm: string;
  /** The digest (hex) of the plan's JSON without its `digest` member, as `seclb plan` wrote it. */
  readonly content: string;
  /** The digest (hex) of the inputs the plan was made from: the synthesized stack file(s), in the order given. */
  readonly inputs: string;
}
