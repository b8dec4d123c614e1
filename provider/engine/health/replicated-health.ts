import { HealthCheckPlan } from './health-check-plan';
import { HealthSource } from './health-source';
import { HEALTH_DESCRIPTIONS, InstanceState } from './instance-health';

/**
 * A worker's copy of one load balancer's instance health, as the primary's health checker last
 * reported it. It checks nothing itself. Instances the primary has not reported yet (just
 * registered) are OutOfService, as a newly registered instance is until its first check passes.
 */
export class ReplicatedHealth implements HealthSource {
  private states = new Map<string, InstanceState>();

  constructor(private plan: HealthCheckPlan, initial: readonly InstanceState[] | undefined, private readonly onChange: () => void) {
    if (initial) this.states = new Map(initial.map((s) => [s.InstanceId, s]));
  }

  /** Replaces the states with the primary's report and lets the runtime rebuild its target lists. */
  public replicate(states: readonly InstanceState[]): void {
    this.states = new Map(states.map((s) => [s.InstanceId, s]));
    this.onChange();
  }

  public isInService(instanceId: string): boolean {
    return this.states.get(instanceId)?.State === 'InService';
  }

  public describe(): InstanceState[] {
    return this.plan.instances.map((i) => this.states.get(i.instanceId)
      ?? { InstanceId: i.instanceId, State: 'OutOfService', ReasonCode: 'ELB', Description: HEALTH_DESCRIPTIONS.REGISTERING });
  }

  public update(plan: HealthCheckPlan): void {
    this.plan = plan;
  }

  public stop(): void {
    this.states.clear();
  }
}
