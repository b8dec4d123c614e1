import { PlanLocalMapping } from '../plan/deploy-plan';

/** One line of the "local mapping" part of a rendered plan. */
export interface LocalMappingRow {
  /** The load balancer it belongs to (empty for a stand-in certificate, which the stack shares). */
  readonly loadBalancer: string;
  /** What was mapped: `instance`, `listener` or `certificate`. */
  readonly kind: 'instance' | 'listener' | 'certificate';
  /** What the app declares: a token's reference, a declared port, an ARN. */
  readonly declared: string;
  /** What the engine gets. */
  readonly local: string;
  /** Which option or default decided it. */
  readonly rule: string;
}

/**
 * The rows of a plan's local mapping worth showing: instances given as tokens (their stand-in id
 * and address), listeners whose local port differs from the declared one, and every stand-in
 * certificate. Literal instance ids on their default address, and unmoved ports, are left to the
 * JSON plan (a stack of 1,000 load balancers would otherwise print 1,000 lines of no news).
 */
export function localMappingRows(mapping: PlanLocalMapping | undefined): LocalMappingRow[] {
  if (!mapping) return [];
  const rows: LocalMappingRow[] = [];
  for (const lb of mapping.loadBalancers) {
    for (const i of lb.instances) {
      if (i.resourcePath === undefined) continue;
      rows.push({ loadBalancer: lb.name, kind: 'instance', declared: `${i.source} (${i.resourcePath})`, local: `${i.instanceId} at ${i.address}`, rule: i.rule });
    }
    for (const l of lb.listeners) {
      if (l.localPort === l.loadBalancerPort) continue;
      rows.push({ loadBalancer: lb.name, kind: 'listener', declared: `port ${l.loadBalancerPort}`, local: `127.0.0.1:${l.localPort}`, rule: l.rule });
    }
  }
  for (const c of mapping.standInCertificates) {
    rows.push({ loadBalancer: '', kind: 'certificate', declared: c.standInFor, local: `stand-in '${c.name}' (self-signed, kept in the state directory)`, rule: 'certificateStandIns' });
  }
  return rows;
}
