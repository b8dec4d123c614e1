import { DEPLOY_CODES, DeployError, DeployErrors } from '../../../provider/deploy';

// Pins every code, its factory and the shape of its message (code first, then thing, rule, fix).
describe('deploy error registry', () => {
  test.each([
    [DeployErrors.duplicateLoadBalancer('desired', 'lb'), DEPLOY_CODES.DUPLICATE_LOAD_BALANCER, 'SECLB_DEPLOY_DUPLICATE_LOAD_BALANCER'],
    [DeployErrors.duplicateCertificate('live', 'c'), DEPLOY_CODES.DUPLICATE_CERTIFICATE, 'SECLB_DEPLOY_DUPLICATE_CERTIFICATE'],
    [DeployErrors.badFingerprint('live', 'c', 'x'), DEPLOY_CODES.BAD_FINGERPRINT, 'SECLB_DEPLOY_BAD_FINGERPRINT'],
    [DeployErrors.badCertificate('c', 'no PEM'), DEPLOY_CODES.BAD_CERTIFICATE, 'SECLB_DEPLOY_BAD_CERTIFICATE'],
    [DeployErrors.stackFormat('cdk.tf.json', 'resource.x', 'is missing'), DEPLOY_CODES.STACK_FORMAT, 'SECLB_DEPLOY_STACK_FORMAT'],
    [DeployErrors.invalidDesiredDocument('cdk.tf.json', 'resource.x', 'SECLB_X: y'), DEPLOY_CODES.INVALID_DESIRED_DOCUMENT, 'SECLB_DEPLOY_INVALID_DESIRED_DOCUMENT'],
    [DeployErrors.planFormat('p.json', 'not JSON'), DEPLOY_CODES.PLAN_FORMAT, 'SECLB_DEPLOY_PLAN_FORMAT'],
    [DeployErrors.planVersion('p.json', 2, 1), DEPLOY_CODES.PLAN_VERSION, 'SECLB_DEPLOY_PLAN_VERSION'],
    [DeployErrors.stalePlan('lb', '1', '2'), DEPLOY_CODES.STALE_PLAN, 'SECLB_DEPLOY_STALE_PLAN'],
    [DeployErrors.unknownFormat('html', ['text']), DEPLOY_CODES.UNKNOWN_FORMAT, 'SECLB_DEPLOY_UNKNOWN_FORMAT'],
    [DeployErrors.terraformPlanFormat('p.json', 'no resource_changes'), DEPLOY_CODES.TERRAFORM_PLAN_FORMAT, 'SECLB_DEPLOY_TERRAFORM_PLAN_FORMAT'],
    [DeployErrors.listenerPortClash(443, 'web-a', 'web-b', true), DEPLOY_CODES.LISTENER_PORT_CLASH, 'SECLB_DEPLOY_LISTENER_PORT_CLASH'],
    [DeployErrors.planTampered('p.json', 'carries no digest'), DEPLOY_CODES.PLAN_TAMPERED, 'SECLB_DEPLOY_PLAN_TAMPERED'],
    [DeployErrors.planInputsChanged('p.json', 'a', 'b'), DEPLOY_CODES.PLAN_INPUTS_CHANGED, 'SECLB_DEPLOY_PLAN_INPUTS_CHANGED'],
    [DeployErrors.unacknowledgedWarnings('s', ['SECLB_WARN_SSLV3_ENABLED on s/lb: x']), DEPLOY_CODES.UNACKNOWLEDGED_WARNINGS, 'SECLB_DEPLOY_UNACKNOWLEDGED_WARNINGS'],
    [DeployErrors.manifestFormat('manifest.json', 'not JSON'), DEPLOY_CODES.MANIFEST_FORMAT, 'SECLB_DEPLOY_MANIFEST_FORMAT'],
  ])('%#: %s', (error, code, literal) => {
    expect(code).toBe(literal);
    expect(error).toBeInstanceOf(DeployError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe('DeployError');
    expect(error.message.startsWith(`${code}: `)).toBe(true);
    expect(error.message).toMatch(/Rule: .*Fix: /s);
  });

  test('every code is listed once and pinned above', () => {
    expect(Object.values(DEPLOY_CODES)).toHaveLength(16);
    expect(new Set(Object.values(DEPLOY_CODES)).size).toBe(16);
  });

  test('instanceof is a brand check of its own: deploy errors from any copy of the package, no other seclb error', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('seclb.error.class.DeployError')]: true });
    expect(foreign).toBeInstanceOf(DeployError);
    expect(Object.assign(new Error('x'), { [Symbol.for('seclb.error')]: true })).not.toBeInstanceOf(DeployError);
    expect(new Error('plain')).not.toBeInstanceOf(DeployError);
  });
});
