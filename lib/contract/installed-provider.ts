/**
 * What the Terraform plugin's installer wrote: the plugin's `installProvider` returns it and the
 * installer program prints it as JSON for `seclb provider install` (which runs that program).
 */
export interface InstalledProvider {
  /** The filesystem mirror's root. */
  readonly mirrorDirectory: string;
  /** The executable Terraform starts. */
  readonly executable: string;
  /** The CLI configuration file. */
  readonly cliConfigFile: string;
  /** The user's CLI configuration it was built on (unchanged), if any. */
  readonly userCliConfigFile?: string;
  /** The version published. */
  readonly version: string;
  /** The line to run (or put in the environment) so Terraform and cdktf use the file: `export TF_CLI_CONFIG_FILE=...`. */
  readonly envLine: string;
}
