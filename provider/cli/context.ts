import { resolve } from 'path';
import { DEFAULT_STATE_DIRECTORY } from '../deploy/engine-client/engine-connection';
import { Output } from './output';
import { Project, readProject } from './project';

/** The global options every command accepts. */
export interface GlobalOptions {
  /** The engine's state directory. */
  readonly stateDir?: string;
  /** The engine's admin URL (else from engine.json). */
  readonly adminAddress?: string;
  /** The cdktf project directory. */
  readonly project?: string;
  /** The synth output directory. */
  readonly outDir?: string;
  /** Machine-readable output. */
  readonly json?: boolean;
  /** `false` with --no-color. */
  readonly color?: boolean;
}

/** What a command runs with: output, project, and where the engine lives. */
export class CommandContext {
  /** Where results, progress and errors go. */
  public readonly output: Output;
  /** The cdktf project. */
  public readonly project: Project;
  /** The options as given. */
  public readonly options: GlobalOptions;

  constructor(options: GlobalOptions) {
    this.options = options;
    this.output = new Output({ json: options.json, color: options.color });
    this.project = readProject(options.project ?? process.cwd(), options.outDir);
  }

  /**
   * The state directory: `--state-dir`, else `SECLB_STATE_DIR`, else the stack's provider block
   * (when a stack was read), else `.seclb` in the project directory.
   */
  public stateDirectory(fromStack?: string): string {
    const given = this.options.stateDir ?? process.env.SECLB_STATE_DIR;
    if (given) return resolve(given);
    if (fromStack) return resolve(this.project.directory, fromStack);
    return resolve(this.project.directory, DEFAULT_STATE_DIRECTORY);
  }

  /** True when --state-dir / SECLB_STATE_DIR was given. */
  public get stateDirectoryGiven(): boolean {
    return !!(this.options.stateDir ?? process.env.SECLB_STATE_DIR);
  }
}
