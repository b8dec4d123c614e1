import { HEALTH_DESCRIPTIONS, InstanceHealth } from '../../../../provider/engine/health/instance-health';

const HEALTHY = 3;
const UNHEALTHY = 2;

function run(results: boolean[]): InstanceHealth {
  const h = new InstanceHealth('i-1');
  for (const r of results) h.record(r, HEALTHY, UNHEALTHY);
  return h;
}

describe('instance health state machine (elb-facts §5.1)', () => {
  test('a newly registered instance is OutOfService, registration in progress', () => {
    expect(run([]).describe(UNHEALTHY)).toEqual({ InstanceId: 'i-1', State: 'OutOfService', ReasonCode: 'Instance', Description: HEALTH_DESCRIPTIONS.REGISTERING });
  });
  test('the first success after registration makes it InService at once (HealthyThreshold does not apply)', () => {
    expect(run([true]).describe(UNHEALTHY)).toEqual({ InstanceId: 'i-1', State: 'InService', ReasonCode: 'N/A', Description: 'N/A' });
  });
  test('it stays InService after UnhealthyThreshold - 1 failures and leaves at the UnhealthyThreshold-th', () => {
    expect(run([true, false]).isInService).toBe(true);
    expect(run([true, false, false]).describe(UNHEALTHY)).toEqual({ InstanceId: 'i-1', State: 'OutOfService', ReasonCode: 'Instance', Description: HEALTH_DESCRIPTIONS.FAILED_UNHEALTHY_THRESHOLD });
  });
  test('a success resets the failure count', () => {
    expect(run([true, false, true, false]).isInService).toBe(true);
  });
  test('after leaving service it needs HealthyThreshold consecutive successes to return', () => {
    const twice = run([true, false, false, true, true]);
    expect(twice.describe(UNHEALTHY)).toMatchObject({ State: 'OutOfService', Description: HEALTH_DESCRIPTIONS.NOT_PASSED_HEALTHY_THRESHOLD });
    expect(run([true, false, false, true, true, true]).describe(UNHEALTHY)).toMatchObject({ State: 'InService', ReasonCode: 'N/A' });
    expect(run([true, false, false, true, false, true, true]).isInService).toBe(false);
  });
  test('a registering instance that fails UnhealthyThreshold times says so', () => {
    expect(run([false, false]).describe(UNHEALTHY)).toMatchObject({ State: 'OutOfService', Description: HEALTH_DESCRIPTIONS.FAILED_UNHEALTHY_THRESHOLD });
  });
  test('the descriptions are ELB\'s, verbatim', () => {
    expect(HEALTH_DESCRIPTIONS.FAILED_UNHEALTHY_THRESHOLD).toBe('Instance has failed at least the UnhealthyThreshold number of health checks consecutively.');
    expect(HEALTH_DESCRIPTIONS.NOT_PASSED_HEALTHY_THRESHOLD).toBe('Instance has not passed the configured HealthyThreshold number of health checks consecutively.');
    expect(HEALTH_DESCRIPTIONS.REGISTERING).toBe('Instance registration is still in progress.');
  });
});
