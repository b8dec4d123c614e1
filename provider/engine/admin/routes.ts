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

function optionalRevision(query: URLSearchParams, body: unknown): number | undefined {
  const raw = query.get('expectedRevision') ?? (body && typeof body === 'object' ? (body as Record<string, unknown>).expectedRevision : undefined);
  if (raw === undefined || raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw EngineErrors.badRequest('expectedRevision', Findings.quote(raw), 'a revision is a non-negative integer', 'send the revision you read');
  return n;
}

/** The admin API's routes (documented in docs/admin-api.md). */
export const ADMIN_ROUTES: AdminRoute[] = [
  { method: 'GET', pattern: /^\/v1\/status$/, handle: (e) => e.status() },
  { method: 'GET', pattern: /^\/v1\/metrics$/, handle: async (e) => { const m = await e.metrics(); return new RawResponse(m.contentType, m.text); } },
  { method: 'GET', pattern: /^\/v1\/load-balancers$/, handle: (e) => e.listLoadBalancers() },
  { method: 'GET', pattern: new RegExp(`^/v1/load-balancers/${NAME}$`), handle: (e, [n]) => e.getLoadBalancer(n) },
  { method: 'PUT', pattern: new RegExp(`^/v1/load-balancers/${NAME}$`), handle: (e, [n], body, _q, o) => e.putLoadBalancer(n, body, o) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/load-balancers/${NAME}$`), handle: (e, [n], body, q, o) => e.deleteLoadBalancer(n, optionalRevision(q, body), o) },
  { method: 'GET', pattern: new RegExp(`^/v1/load-balancers/${NAME}/policies$`), handle: (e, [n]) => e.describePolicies(n) },
  { method: 'GET', pattern: new RegExp(`^/v1/load-balancers/${NAME}/instance-health$`), handle: (e, [n]) => e.describeInstanceHealth(n) },
  { method: 'GET', pattern: /^\/v1\/server-certificates$/, handle: (e) => e.listCertificates() },
  { method: 'GET', pattern: new RegExp(`^/v1/server-certificates/${NAME}$`), handle: (e, [n]) => e.getCertificate(n) },
  { method: 'PUT', pattern: new RegExp(`^/v1/server-certificates/${NAME}$`), handle: (e, [n], body, _q, o) => e.putCertificate(n, body, o) },
  { method: 'DELETE', pattern: new RegExp(`^/v1/server-certificates/${NAME}$`), handle: (e, [n], _b, _q, o) => e.deleteCertificate(n, o) },
];
