/** Options of the local target (implemented with issue 7, "Local target, the seclb CLI ..."). */
export interface LocalTargetOptions {
  /**
   * The directory the local engine keeps its state in.
   * @default - `.seclb` next to the app's `cdktf.json`
   */
  readonly stateDirectory?: string;
}
