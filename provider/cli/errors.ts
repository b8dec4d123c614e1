import { DeployError } from '../deploy/errors';
import { EngineRequestError } from '../deploy/engine-client/engine-request-error';

const BRAND = Symbol.for('seclb.error');

/**
 * An error of the `seclb` CLI: a stable code that leads the message, then `Rule:` and `Fix:` lines.
 * Carries the shared `Symbol.for('seclb.error')` brand of the engine and deploy errors.
 */
export class CliError extends Error {
  /** Stable code, e.g. `SECLB_CLI_STACK_NOT_FOUND`. */
  public readonly code: string;

  constructor(code: string, what: string, rule: string, fix: string) {
    super(`${code}: ${what}\n  Rule: ${rule}\n  Fix: ${fix}`);
    this.name = 'CliError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
    Object.defineProperty(this, Symbol.for(`seclb.error.${code}`), { value: true });
  }
}

/** Every CLI error code. Never reuse or rename one (docs in provider/cli/README.md). */
export const CLI_CODES = {
  /** The package is not built (build/ output missing). */
  NOT_BUILT: 'SECLB_CLI_NOT_BUILT',
  /** No cdktf.json in the project directory (needed to synthesize). */
  NO_PROJECT: 'SECLB_CLI_NO_PROJECT',
  /** Running the app to synthesize failed. */
  SYNTH_FAILED: 'SECLB_CLI_SYNTH_FAILED',
  /** The named stack has no cdk.tf.json. */
  STACK_NOT_FOUND: 'SECLB_CLI_STACK_NOT_FOUND',
  /** Several stacks and no --stack. */
  STACK_AMBIGUOUS: 'SECLB_CLI_STACK_AMBIGUOUS',
  /** The stack holds no seclb_* resources (synthesized for AWS). */
  NOT_LOCAL_STACK: 'SECLB_CLI_NOT_LOCAL_STACK',
  /** The engine did not become ready. */
  ENGINE_START_FAILED: 'SECLB_CLI_ENGINE_START_FAILED',
  /** The engine is not running. */
  ENGINE_NOT_RUNNING: 'SECLB_CLI_ENGINE_NOT_RUNNING',
  /** The engine did not stop in time. */
  ENGINE_STOP_FAILED: 'SECLB_CLI_ENGINE_STOP_FAILED',
  /** An apply/destroy needs approval and there is no terminal to ask. */
  APPROVAL_REQUIRED: 'SECLB_CLI_APPROVAL_REQUIRED',
  /** The user answered something other than `yes`. */
  APPROVAL_DECLINED: 'SECLB_CLI_APPROVAL_DECLINED',
  /** A listener port cannot be bound by the engine. */
  PORT_UNAVAILABLE: 'SECLB_CLI_PORT_UNAVAILABLE',
  /** A file given on the command line cannot be read or written. */
  FILE: 'SECLB_CLI_FILE',
  /** A flag value is not valid. */
  BAD_OPTION: 'SECLB_CLI_BAD_OPTION',
  /** Waiting for instances to be InService timed out. */
  WAIT_TIMEOUT: 'SECLB_CLI_WAIT_TIMEOUT',
  /** The plan file is for another stack than the one given. */
  PLAN_STACK_MISMATCH: 'SECLB_CLI_PLAN_STACK_MISMATCH',
  /** `seclb certificates delete` of a certificate that is not an orphan, without --force-owner. */
  CERTIFICATE_NOT_ORPHAN: 'SECLB_CLI_CERTIFICATE_NOT_ORPHAN',
  /** `seclb elb-api ...` needs an engine started with the ELB API (`--elb-api-port`). */
  ELB_API_NOT_RUNNING: 'SECLB_CLI_ELB_API_NOT_RUNNING',
} as const;

/** Factories of the CLI errors. */
export const CliErrors = {
  notBuilt(file: string): CliError {
    return new CliError(CLI_CODES.NOT_BUILT, `${file} does not exist.`,
      'the CLI starts the compiled engine and plugin from build/.', 'run `npm run build` in the package.');
  },
  noProject(dir: string): CliError {
    return new CliError(CLI_CODES.NO_PROJECT, `there is no cdktf.json in ${dir}, so the app cannot be synthesized.`,
      'seclb synthesizes the app named by the `app` key of cdktf.json when no synthesized stack exists.',
      'run seclb in the project directory (or pass --project DIR), or synthesize first and pass --out-dir.');
  },
  synthFailed(app: string, status: string, output: string): CliError {
    return new CliError(CLI_CODES.SYNTH_FAILED, `synthesizing with '${app}' failed (${status}):\n${appError(output).map((l) => `    ${l}`).join('\n')}`,
      'the app must synthesize for the local target (context seclb:target=local) without errors.',
      'fix the error the app printed above and run the command again.');
  },
  stackNotFound(stack: string, file: string, known: string[]): CliError {
    return new CliError(CLI_CODES.STACK_NOT_FOUND, `stack '${stack}' has no synthesized ${file}.`,
      'plan and apply read the stack cdktf synthesized into <out-dir>/stacks/<stack>/cdk.tf.json.',
      known.length ? `use one of --stack ${known.join(', ')}, or pass --synth to synthesize again.` : 'pass --synth to synthesize the app.');
  },
  stackAmbiguous(known: string[]): CliError {
    return new CliError(CLI_CODES.STACK_AMBIGUOUS, `the app synthesized ${known.length} stacks (${known.join(', ')}) and no --stack was given.`,
      'each plan covers one stack.', `pass --stack ${known[0]} (or another of them).`);
  },
  notLocalStack(stack: string, file: string): CliError {
    return new CliError(CLI_CODES.NOT_LOCAL_STACK, `stack '${stack}' (${file}) holds no seclb_* resources and no seclb provider block.`,
      'seclb deploys stacks synthesized for the local target (context seclb:target=local or DeploymentTarget.local()).',
      'synthesize again with --synth (seclb sets seclb:target=local), or use `seclb preview --terraform-plan` for an AWS stack.');
  },
  engineStartFailed(reason: string, logFile: string): CliError {
    return new CliError(CLI_CODES.ENGINE_START_FAILED, `the engine did not become ready: ${reason}`,
      'the engine prints one ready line once its admin API listens and its state is restored.',
      `read ${logFile} for the engine's own error (its code names the fix), correct it, and start again.`);
  },
  engineNotRunning(stateDirectory: string): CliError {
    return new CliError(CLI_CODES.ENGINE_NOT_RUNNING, `no engine is running for the state directory ${stateDirectory}.`,
      '`seclb engine start` records the running engine in engine.json there.', `run \`seclb engine start --state-dir ${stateDirectory}\`.`);
  },
  engineStopFailed(pid: number, seconds: number): CliError {
    return new CliError(CLI_CODES.ENGINE_STOP_FAILED, `the engine (pid ${pid}) still runs ${seconds} s after SIGTERM; it was sent SIGKILL.`,
      'the engine closes its listeners and exits on SIGTERM.', 'check the engine log for what held it up.');
  },
  approvalRequired(command: string): CliError {
    return new CliError(CLI_CODES.APPROVAL_REQUIRED, `\`seclb ${command}\` needs approval, but standard input is not a terminal.`,
      'changes are applied only after you saw the plan and agreed, or with --auto-approve.',
      `review the plan, then run \`seclb ${command} --auto-approve\`, or save it with \`seclb plan --out FILE\` and run \`seclb apply FILE\`.`);
  },
  approvalDeclined(): CliError {
    return new CliError(CLI_CODES.APPROVAL_DECLINED, 'the changes were not approved; nothing was changed.',
      'only the answer `yes` applies the plan.', 'run the command again and answer yes, or change the app.');
  },
  portUnavailable(loadBalancer: string, port: number, reason: string): CliError {
    return new CliError(CLI_CODES.PORT_UNAVAILABLE,
      `load balancer '${loadBalancer}' needs listener port ${port} on 127.0.0.1, which the engine cannot bind (${reason}).`,
      'the engine binds every listener port on loopback before it changes anything; ports below 1024 need privileges. Live state is unchanged.',
      `remap the port with the local target's listenerPorts option, e.g. DeploymentTarget.local({ listenerPorts: { '${port}': ${port < 1024 ? 8000 + port : port + 1} } }) `
      + `or the app context "seclb:local": { "listenerPorts": { "${port}": ${port < 1024 ? 8000 + port : port + 1} } } (map the app's own port), or free port ${port}.`);
  },
  file(path: string, action: string, reason: string): CliError {
    return new CliError(CLI_CODES.FILE, `cannot ${action} ${path}: ${reason}.`, 'the path must exist and be accessible to you.', 'check the path and its permissions.');
  },
  badOption(flag: string, value: string, rule: string, example: string): CliError {
    return new CliError(CLI_CODES.BAD_OPTION, `${flag} is '${value}'.`, rule, `e.g. ${flag} ${example}.`);
  },
  waitTimeout(seconds: number, pending: string[]): CliError {
    return new CliError(CLI_CODES.WAIT_TIMEOUT, `after ${seconds} s these instances are not InService: ${pending.join(', ')}.`,
      'an instance is InService after its first passing health check (the health-check target of its load balancer).',
      'check that each back end answers its health check on its loopback address (seclb status shows the reason), or wait longer with --timeout.');
  },
  planStackMismatch(planStack: string, stack: string): CliError {
    return new CliError(CLI_CODES.PLAN_STACK_MISMATCH, `the plan file is for stack '${planStack}', but --stack is '${stack}'.`,
      'a plan is applied to the stack it was computed for.', `drop --stack, or pass --stack ${planStack}.`);
  },
  certificateNotOrphan(name: string, why: string): CliError {
    return new CliError(CLI_CODES.CERTIFICATE_NOT_ORPHAN, `server certificate '${name}' is not an orphan: ${why}. Nothing was changed.`,
      '`seclb certificates delete` removes only certificates no load balancer uses and no live owner manages (see `seclb certificates list`).',
      `delete it from its owner; or, when that owner is gone for good, add --force-owner (a certificate in use stays refused).`);
  },
  elbApiNotRunning(stateDirectory: string): CliError {
    return new CliError(CLI_CODES.ELB_API_NOT_RUNNING, `no engine with the ELB API is running for the state directory ${stateDirectory}.`,
      'the ELB/IAM Query API runs inside the engine when it is started with --elb-api-port; it records its URL in elb-api.json there.',
      `run \`seclb engine start --state-dir ${stateDirectory} --elb-api-port 0\` (stop a running engine first with \`seclb engine stop\`).`);
  },
};

/**
 * The part of an app's output that says what went wrong: from the first line with a `SECLB_` code
 * (the constructs' findings), without stack frames and code excerpts; else the last 15 lines.
 */
function appError(output: string): string[] {
  const lines = output.trimEnd().split('\n');
  const first = lines.findIndex((l) => /SECLB_[A-Z0-9_]+:/.test(l));
  if (first < 0) return lines.slice(-15);
  return lines.slice(first).filter((l) => !/^\s+at |^\s*>?\s*\d+ \||^\s*\|?\s*\^|^Node\.js v/.test(l) && l.trim() !== '').slice(0, 20);
}

/**
 * The error as the CLI prints it: engine port refusals become `SECLB_CLI_PORT_UNAVAILABLE` (naming
 * the option that fixes them); every other seclb error keeps its code and message.
 */
export function describeError(e: unknown): { code: string; message: string } {
  const cause = (e as { cause?: unknown })?.cause;
  const engine = e instanceof EngineRequestError ? e : cause instanceof EngineRequestError ? cause : undefined;
  if (engine && engine.code === 'SECLB_ENGINE_PORT_IN_USE') {
    const port = Number(/port (\d+)/.exec(engine.message)?.[1] ?? 0);
    const lb = /load balancer '([^']+)'/.exec(engine.message)?.[1] ?? '?';
    const reason = /\(([^)]+)\)/.exec(engine.message)?.[1] ?? 'in use';
    const err = CliErrors.portUnavailable(lb, port, reason);
    return { code: err.code, message: err.message };
  }
  if (e instanceof CliError || e instanceof DeployError || e instanceof EngineRequestError) {
    const code = (e as { code: string }).code;
    const message = (e as Error).message;
    return { code, message: message.startsWith(code) ? message : `${code}: ${message}` };
  }
  const code = (e as { code?: unknown })?.code;
  const message = (e as Error)?.message ?? String(e);
  if (typeof code === 'string' && code.startsWith('SECLB_')) return { code, message: message.startsWith(code) ? message : `${code}: ${message}` };
  return { code: 'SECLB_CLI_INTERNAL', message: `SECLB_CLI_INTERNAL: ${message}\n  Rule: this is a bug in seclb.\n  Fix: report it with the command you ran.` };
}
