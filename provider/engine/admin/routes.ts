import { ADMIN_API_PATHS, ADMIN_API_QUERY, InstanceHealthAnswer, LoadBalancerAnswer, ServerCertificateAnswer } from '../../../lib/contract/admin-api';
import { Findings } from '../../../lib/policy/findings';
import { AdminOperations } from './admin-operations';
import { EngineErrors } from '../errors';
import { WriteOwnership } from './write-owner';

/** One admin route: a method, a path pattern and a handler returning the JSON body (status 200). */
export interface AdminRoute {
  readonly method: 'GET' | 'PUT' | 'DELETE';
  readonly pattern: RegExp;
  readonly handle: (engine: AdminOperations, params: string[], body: unknown, query: URLSearchParams, ownership: WriteOwnership) => unknown | Promise<unknown>;
}

/** A non-JSON answer (e.g. Prometheus text). */
export class RawResponse {
  constructor(public readonly contentType: string, public readonly text: string) {}
}

const NAME = '([A-Za-z0-9][A-Za-z0-9+=,.@_-]{0,127})';
const LOAD_BALANCERS = ADMIN_API_PATHS.LOAD_BALANCERS;
const CERTIFICATES = ADMIN_API_PATHS.SERVER_CERTIFICATES;

/** A pattern matching the whole path (the contract's paths hold no regular-expression characters). */
function exact(path: string): RegExp {
  return new RegExp(`^${path}$`);
}

function optionalRevision(query: URLSearchParams, body: unknown): number | undefined {
  const raw = query.get(ADMIN_API_QUERY.EXPECTED_REVISION) ?? (body && typeof body === 'object' ? (body as Record<string, unknown>)[ADMIN_API_QUERY.EXPECTED_REVISION] : undefined);
  if (raw === undefined || raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw EngineErrors.badRequest('expectedRevision', Findings.quote(raw), 'a revision is a non-negative integer', 'send the revision you read');
  return n;
}

/**
 * The admin API's routes (the contract: `lib/contract/admin-api.ts`; prose: docs/admin-api.md).
 * Where the engine's answer has a contract type, `satisfies` holds the engine to it.
 */
export const ADMIN_ROUTES: AdminRoute[] = [
  { method: 'GET', pattern: exact(ADMIN_API_PATHS.STATUS), handle: (e) => e.status() },
  { method: 'GET', pattern: exact(ADMIN_API_PATHS.METRICS), handle: async (e) => { const m = await e.metrics(); return new RawResponse(m.contentType, m.text); } },
  { method: 'GET', pattern: exact(LOAD_BALANCERS), handle: (e) => e.listLoadBalancers() },
  { method: 'GET', pattern: exact(`${LOAD_BALANCERS}/${NAME}`), handle: (e, [n]) => e.getLoadBalancer(n) satisfies Promise<LoadBalancerAnswer> },
  { method: 'PUT', pattern: exact(`${LOAD_BALANCERS}/${NAME}`), handle: (e, [n], body, _q, o) => e.putLoadBalancer(n, body, o) },
  { method: 'DELETE', pattern: exact(`${LOAD_BALANCERS}/${NAME}`), handle: (e, [n], body, q, o) => e.deleteLoadBalancer(n, optionalRevision(q, body), o) },
  { method: 'GET', pattern: exact(`${LOAD_BALANCERS}/${NAME}${ADMIN_API_PATHS.POLICIES}`), handle: (e, [n]) => e.describePolicies(n) },
  { method: 'GET', pattern: exact(`${LOAD_BALANCERS}/${NAME}${ADMIN_API_PATHS.INSTANCE_HEALTH}`), handle: (e, [n]) => e.describeInstanceHealth(n) satisfies Promise<InstanceHealthAnswer> },
  { method: 'GET', pattern: exact(CERTIFICATES), handle: (e) => e.listCertificates() },
  { method: 'GET', pattern: exact(`${CERTIFICATES}/${NAME}`), handle: (e, [n]) => e.getCertificate(n) satisfies ServerCertificateAnswer },
  { method: 'PUT', pattern: exact(`${CERTIFICATES}/${NAME}`), handle: (e, [n], body, _q, o) => e.putCertificate(n, body, o) },
  { method: 'DELETE', pattern: exact(`${CERTIFICATES}/${NAME}`), handle: (e, [n], _b, _q, o) => e.deleteCertificate(n, o) },
];
