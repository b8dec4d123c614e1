import type { InstanceHealthAnswer, LoadBalancerAnswer, ServerCertificateAnswer } from '../../../lib/contract/admin-api';
import { WriteOwnership } from './write-owner';

/**
 * What the admin API's routes ask of the engine: one method per route (docs/admin-api.md). The
 * engine implements it; the admin server and its routes know only this interface, so the admin room
 * sits below the engine instead of importing it back. Answers are the JSON bodies the routes send.
 */
export interface AdminOperations {
  /** GET /v1/status */
  status(): Promise<unknown>;
  /** GET /v1/metrics: Prometheus text and its content type. */
  metrics(): Promise<{ contentType: string; text: string }>;
  /** GET /v1/load-balancers */
  listLoadBalancers(): unknown;
  /** GET /v1/load-balancers/{name} */
  getLoadBalancer(name: string): Promise<LoadBalancerAnswer>;
  /** PUT /v1/load-balancers/{name} */
  putLoadBalancer(name: string, body: unknown, ownership: WriteOwnership): Promise<unknown>;
  /** DELETE /v1/load-balancers/{name} */
  deleteLoadBalancer(name: string, expectedRevision: number | undefined, ownership: WriteOwnership): Promise<unknown>;
  /** GET /v1/load-balancers/{name}/policies */
  describePolicies(name: string): unknown;
  /** GET /v1/load-balancers/{name}/instance-health */
  describeInstanceHealth(name: string): Promise<InstanceHealthAnswer>;
  /** GET /v1/server-certificates */
  listCertificates(): unknown;
  /** GET /v1/server-certificates/{name} */
  getCertificate(name: string): ServerCertificateAnswer;
  /** PUT /v1/server-certificates/{name} */
  putCertificate(name: string, body: unknown, ownership: WriteOwnership): Promise<unknown>;
  /** DELETE /v1/server-certificates/{name} */
  deleteCertificate(name: string, ownership: WriteOwnership): Promise<unknown>;
}
