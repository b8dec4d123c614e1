import { CLI_CODES, CliErrors, describeError } from '../../../provider/cli/errors';
import { ApplyErrors } from '../../../provider/deploy/apply/errors';
import { EngineRequestError } from '../../../provider/deploy/engine-client/engine-request-error';

test('the CLI error codes are pinned (never reuse or rename one)', () => {
  expect(Object.values(CLI_CODES).sort()).toEqual([
    'SECLB_CLI_APPROVAL_DECLINED', 'SECLB_CLI_APPROVAL_REQUIRED', 'SECLB_CLI_BAD_OPTION', 'SECLB_CLI_CERTIFICATE_NOT_ORPHAN', 'SECLB_CLI_ELB_API_NOT_RUNNING', 'SECLB_CLI_ENGINE_NOT_RUNNING',
    'SECLB_CLI_ENGINE_START_FAILED', 'SECLB_CLI_ENGINE_STOP_FAILED', 'SECLB_CLI_FILE', 'SECLB_CLI_NOT_BUILT', 'SECLB_CLI_NOT_LOCAL_STACK',
    'SECLB_CLI_NO_PROJECT', 'SECLB_CLI_PLAN_STACK_MISMATCH', 'SECLB_CLI_PORT_UNAVAILABLE', 'SECLB_CLI_STACK_AMBIGUOUS',
    'SECLB_CLI_STACK_NOT_FOUND', 'SECLB_CLI_SYNTH_FAILED', 'SECLB_CLI_WAIT_TIMEOUT',
  ]);
});

test('every CLI error leads with its code and has Rule and Fix lines', () => {
  const samples = [
    CliErrors.notBuilt('x'), CliErrors.noProject('/p'), CliErrors.synthFailed('app', 'exit 1', 'boom'), CliErrors.stackNotFound('s', 'f', []),
    CliErrors.stackAmbiguous(['a', 'b']), CliErrors.notLocalStack('s', 'f'), CliErrors.engineStartFailed('r', 'log'), CliErrors.engineNotRunning('/d'),
    CliErrors.engineStopFailed(1, 10), CliErrors.approvalRequired('apply'), CliErrors.approvalDeclined(), CliErrors.portUnavailable('lb', 443, 'EACCES'),
    CliErrors.file('f', 'read', 'ENOENT'), CliErrors.badOption('--x', 'y', 'rule', 'z'), CliErrors.waitTimeout(5, ['a']), CliErrors.planStackMismatch('a', 'b'),
    CliErrors.certificateNotOrphan('c', "in use by load balancer 'w'"), CliErrors.elbApiNotRunning('/d'),
  ];
  expect(new Set(samples.map((e) => e.code)).size).toBe(Object.keys(CLI_CODES).length);
  for (const e of samples) expect(e.message).toMatch(new RegExp(`^${e.code}: .+\\n  Rule: .+\\n  Fix: .+`, 's'));
});

test('an engine port refusal becomes SECLB_CLI_PORT_UNAVAILABLE naming the listenerPorts option', () => {
  const engine = new EngineRequestError('SECLB_ENGINE_PORT_IN_USE', 409,
    "SECLB_ENGINE_PORT_IN_USE: load balancer 'web' needs port 443 on 127.0.0.1, which cannot be bound (EACCES). Rule: ... Fix: ...");
  const wrapped = ApplyErrors.writeRefused("the create of load balancer 'web'", engine.message, []);
  (wrapped as Error & { cause?: unknown }).cause = engine;
  for (const e of [engine, wrapped]) {
    const { code, message } = describeError(e);
    expect(code).toBe('SECLB_CLI_PORT_UNAVAILABLE');
    expect(message).toMatch(/^SECLB_CLI_PORT_UNAVAILABLE: load balancer 'web' needs listener port 443 on 127\.0\.0\.1, which the engine cannot bind \(EACCES\)/);
    expect(message).toMatch(/listenerPorts: \{ '443': 8443 \}/);
  }
});

test('a stale 409 is not a port conflict, and vice versa (EngineRequestError.isStale)', () => {
  expect(new EngineRequestError('SECLB_ENGINE_STALE_REVISION', 409, 'x').isStale).toBe(true);
  expect(new EngineRequestError('SECLB_ENGINE_PORT_IN_USE', 409, 'x').isStale).toBe(false);
});

test('an unexpected error is reported as SECLB_CLI_INTERNAL', () => {
  expect(describeError(new TypeError('oops')).message).toMatch(/^SECLB_CLI_INTERNAL: oops\n  Rule: this is a bug/);
});
