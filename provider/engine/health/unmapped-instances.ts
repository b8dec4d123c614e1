import type { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { InstanceState } from './instance-health';

/**
 * The DescribeInstanceHealth entry of an instance registered without an address (an EC2 instance id
 * registered through the ELB API that the instance address file does not map): the engine cannot
 * reach it, so it is OutOfService, reason ELB, with a description saying what to do.
 */
export function unmappedInstanceState(instanceId: string): InstanceState {
  return {
    InstanceId: instanceId,
    State: 'OutOfService',
    ReasonCode: 'ELB',
    Description: `Instance ${instanceId} has no local address, so the engine cannot reach it. Map it to a loopback address (seclb elb-api map ${instanceId} 127.0.0.N, or the instance's address in the document), then register it again.`,
  };
}

/** The health checker's states plus one entry per unmapped instance, sorted by instance id. */
export function withUnmappedInstances(doc: LoadBalancerDocument, states: InstanceState[]): InstanceState[] {
  const known = new Set(states.map((s) => s.InstanceId));
  const extra = doc.instances.filter((i) => i.address === undefined && !known.has(i.instanceId)).map((i) => unmappedInstanceState(i.instanceId));
  return [...states, ...extra].sort((a, b) => (a.InstanceId < b.InstanceId ? -1 : a.InstanceId > b.InstanceId ? 1 : 0));
}
