import { Finding, Findings } from '../findings';

/** Codes of the placement rules (availability zones or subnets). */
export const PLACEMENT_CODES = {
  BOTH: 'SECLB_PLACEMENT_ZONES_AND_SUBNETS',
  NEITHER: 'SECLB_PLACEMENT_MISSING',
} as const;

const RULE = 'A Classic ELB is placed either in availability zones (no VPC) or in VPC subnets: CreateLoadBalancer takes exactly one of AvailabilityZones and Subnets (both: ValidationError "Only one of SubnetIds or AvailabilityZones may be specified").';

/**
 * A load balancer names availability zones or subnets, not both. A list counts as given when it
 * has any entry, including a reference known only at apply time.
 */
export function checkPlacementExclusive(zonesPath: string, zones: string[], subnetsPath: string, subnets: string[]): Finding[] {
  if (!(zones?.length > 0 && subnets?.length > 0)) return [];
  return [Findings.error(PLACEMENT_CODES.BOTH, subnetsPath, `${subnets.length} subnets`,
    `${zonesPath} (${zones.length}) and ${subnetsPath} (${subnets.length}) are both given.`,
    RULE,
    `in a VPC keep ${subnetsPath} (one per zone; the zones follow from them) and remove ${zonesPath}; outside a VPC keep ${zonesPath} only.`)];
}

/**
 * A load balancer deployed to AWS names availability zones or subnets: with neither,
 * CreateLoadBalancer has nowhere to place it. (The local engine only shows them, so the canonical
 * document does not require them; the AWS target does.)
 */
export function checkPlacementGiven(zonesPath: string, zones: string[], subnetsPath: string, subnets: string[]): Finding[] {
  if ((zones?.length ?? 0) > 0 || (subnets?.length ?? 0) > 0) return [];
  return [Findings.error(PLACEMENT_CODES.NEITHER, subnetsPath, '[]',
    `${zonesPath} and ${subnetsPath} are both empty.`,
    RULE,
    `set ${subnetsPath} to the VPC subnets to serve from (one per zone), e.g. your aws_subnet resources' ids, or ${zonesPath} outside a VPC, e.g. ['us-east-1a'].`)];
}
