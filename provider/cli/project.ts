import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { CliErrors } from './errors';
import { PrivateOutput } from './private-output';

/** The cdktf project seclb works in: where cdktf.json is, the app command and the output directory. */
export interface Project {
  /** The project directory (holds cdktf.json). */
  readonly directory: string;
  /** The `app` command of cdktf.json, when there is one. */
  readonly app?: string;
  /** The synth output directory (absolute): see `localOutputDirectory`. */
  readonly outDirectory: string;
  /** The `context` of cdktf.json. */
  readonly context: { [key: string]: unknown };
}

/**
 * Where seclb synthesizes a project that cdktf.json does not already point at the local target:
 * beside the AWS output, never over it (`seclb plan --synth` must not replace what `cdktf synth`
 * wrote for AWS).
 */
export const LOCAL_SYNTH_OUTPUT = 'cdktf.out.local';

/**
 * The synth output directory seclb reads and writes (relative to the project): `--out-dir` when
 * given; else, when cdktf.json's context already selects the local target (`seclb:target` =
 * `local`: its `cdktf synth` output is the local one), cdktf.json's `output` (default `cdktf.out`);
 * else `LOCAL_SYNTH_OUTPUT`, so the AWS output of the same project stays untouched.
 */
export function localOutputDirectory(config: { output?: string; context?: { [key: string]: unknown } }, outDirectory?: string): string {
  if (outDirectory) return outDirectory;
  if (config.context?.['seclb:target'] === 'local') return config.output ?? 'cdktf.out';
  return LOCAL_SYNTH_OUTPUT;
}

/** Reads cdktf.json (when present) of `directory`. */
export function readProject(directory: string, outDirectory?: string): Project {
  const dir = resolve(directory);
  const file = join(dir, 'cdktf.json');
  let config: { app?: string; output?: string; context?: { [key: string]: unknown } } = {};
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw CliErrors.file(file, 'read', `it is not JSON (${(e as Error).message})`);
    }
  }
  return {
    directory: dir,
    ...(config.app ? { app: config.app } : {}),
    outDirectory: resolve(dir, localOutputDirectory(config, outDirectory)),
    context: config.context ?? {},
  };
}

/** The stacks synthesized in the output directory (those with a cdk.tf.json). */
export function synthesizedStacks(project: Project): string[] {
  const stacks = join(project.outDirectory, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks).filter((s) => existsSync(join(stacks, s, 'cdk.tf.json'))).sort();
}

/** The cdk.tf.json of `stack`. */
export function stackFile(project: Project, stack: string): string {
  return join(project.outDirectory, 'stacks', stack, 'cdk.tf.json');
}

/**
 * Synthesizes the app for the local target: runs cdktf.json's `app` in the project directory with
 * `CDKTF_OUTDIR` and `CDKTF_CONTEXT_JSON` (cdktf.json's context, then the caller's
 * `CDKTF_CONTEXT_JSON`, then `seclb:target=local`; `stateDirectory` joins `seclb:local` unless the
 * context sets one). The same as `cdktf synth`, without its start-up cost.
 */
export function synthesize(project: Project, stateDirectory?: string): void {
  if (!project.app) throw CliErrors.noProject(project.directory);
  let fromEnv: { [key: string]: unknown } = {};
  if (process.env.CDKTF_CONTEXT_JSON) {
    try {
      fromEnv = JSON.parse(process.env.CDKTF_CONTEXT_JSON);
    } catch {
      throw CliErrors.badOption('CDKTF_CONTEXT_JSON', process.env.CDKTF_CONTEXT_JSON, 'it holds the app context as a JSON object.', '\'{"seclb:local":{}}\'');
    }
  }
  const context: { [key: string]: unknown } = { ...project.context, ...fromEnv, 'seclb:target': 'local' };
  let local = context['seclb:local'];
  if (typeof local === 'string') local = JSON.parse(local);
  const options = { ...((local as object) ?? {}) } as { stateDirectory?: string };
  if (stateDirectory && !options.stateDirectory) options.stateDirectory = resolve(stateDirectory);
  context['seclb:local'] = options;
  // Private from the first byte: the synthesized stacks hold private keys (see PrivateOutput).
  mkdirSync(project.outDirectory, { recursive: true, mode: 0o700 });
  const run = spawnSync('/bin/sh', ['-c', `umask ${PrivateOutput.SYNTH_UMASK.toString(8).padStart(3, '0')}\n${project.app}`], {
    cwd: project.directory,
    env: { ...process.env, CDKTF_OUTDIR: project.outDirectory, CDKTF_CONTEXT_JSON: JSON.stringify(context) },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.error || run.status !== 0) {
    throw CliErrors.synthFailed(project.app, run.error ? run.error.message : `exit ${run.status}${run.signal ? `, ${run.signal}` : ''}`, `${run.stdout ?? ''}${run.stderr ?? ''}`);
  }
}

/**
 * The stack to work on: `--stack`, else the only synthesized one. Synthesizes first when `force`
 * is set or nothing is synthesized yet ("synthesizes if needed"). Either way the synthesized output
 * is made private first (`PrivateOutput.protect`); `tightened` lists the paths whose mode changed.
 */
export function locateStack(project: Project, options: { stack?: string; synth?: boolean; stateDirectory?: string }): { stack: string; file: string; tightened: string[] } {
  let known = synthesizedStacks(project);
  const missing = options.stack ? !known.includes(options.stack) : known.length === 0;
  if (options.synth || missing) {
    synthesize(project, options.stateDirectory);
    known = synthesizedStacks(project);
  }
  const tightened = PrivateOutput.protect(project);
  const stack = options.stack ?? (known.length === 1 ? known[0] : undefined);
  if (!stack) {
    if (known.length > 1) throw CliErrors.stackAmbiguous(known);
    throw CliErrors.stackNotFound('(any)', join(project.outDirectory, 'stacks', '<stack>', 'cdk.tf.json'), known);
  }
  const file = stackFile(project, stack);
  if (!existsSync(file)) throw CliErrors.stackNotFound(stack, file, known);
  return { stack, file, tightened };
}
