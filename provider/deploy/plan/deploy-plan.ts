import { LoadBalancerDocument } from '../../../lib/policy';
import { LoadBalancerLocalMapping } from '../../../lib/contract/local-mapping';
import type { EnforcementReport } from './enforcement-gaps';
import { PlanChange } from './plan-change';
import type { PlanDigest } from './plan-digest-value';
import { SecurityItem } from './security-item';
import type { SynthWarning } from './synth-warnings';

/** The plan format version this library writes and reads. */
export const PLAN_FORMAT_VERSION = 1;

/** The marker that identifies a seclb plan file. */
export const PLAN_KIND = 'seclb-plan';

/** A revision of live state, as the engine reports it (a counter) or as a content revision (a hash). */
export type Revision = number | string;

/** What happens to one load balancer or certificate. */
export enum PlanAction {
  /** It is desired and not live: created. */
  CREATE = 'create',
  /** It is live and desired, with differences: updated. */
  UPDATE = 'update',
  /** It is live and not desired: deleted. */
  DELETE = 'delete',
  /** Live equals desired. */
  NO_OP = 'no-op',
}

/** Where a plan came from. */
export enum PlanSource {
  /** The seclb deploy core: desired documents against the local engine's live state. */
  SECLB = 'seclb',
  /** A saved Terraform plan for the AWS target (a preview: it cannot be applied by seclb). */
  TERRAFORM = 'terraform',
}

/** The plan for one load balancer. */
export interface LoadBalancerPlan {
  /** The load balancer's name (or, for a Terraform preview, its resource address's name). */
  readonly name: string;
  /** Create, update, delete or no-op. */
  readonly action: PlanAction;
  /**
   * The live revision the plan was computed against; apply refuses the plan if live state has
   * moved since. `null` when the load balancer was absent.
   */
  readonly liveRevision: Revision | null;
  /**
   * The desired document apply will send, secrets redacted (documents hold no private keys).
   * @default - absent for deletes and Terraform previews
   */
  readonly desired?: LoadBalancerDocument;
  /** Every difference, in document order (listeners, policies, back ends, health check, attributes, tags, instances). */
  readonly changes: PlanChange[];
  /** The security-relevant differences, weakening ones first. */
  readonly security: SecurityItem[];
  /** True when at least one change reverts drift (live state changed outside the tool). */
  readonly drifted: boolean;
}

/** The plan for one server certificate, compared by fingerprint only. */
export interface CertificatePlan {
  /** The certificate's name. */
  readonly name: string;
  /** Create, update (replaced by another certificate under the same name), delete or no-op. */
  readonly action: PlanAction;
  /** The changes (the fingerprint). */
  readonly changes: PlanChange[];
  /** True when the change reverts drift. */
  readonly drifted: boolean;
}

/** One load balancer's local mapping, by name. */
export interface LoadBalancerMappingPlan extends LoadBalancerLocalMapping {
  /** The load balancer's name. */
  readonly name: string;
}

/** A certificate the local target generated in place of one the engine cannot have. */
export interface StandInCertificatePlan {
  /** The stand-in's certificate name (listeners name it). */
  readonly name: string;
  /** The ARN, or the reference a token resolves to, it stands in for. */
  readonly standInFor: string;
}

/**
 * What the local target mapped that only AWS can resolve (docs/local-target.md): instances given
 * as tokens or AWS ids and their loopback addresses, each listener's local port, and stand-in
 * certificates. Read from the synthesized stack; informational (apply sends the documents).
 */
export interface PlanLocalMapping {
  /** Per load balancer of the stack, sorted by name. */
  readonly loadBalancers: LoadBalancerMappingPlan[];
  /** Stand-in certificates, sorted by name. */
  readonly standInCertificates: StandInCertificatePlan[];
}

/** Counts over a plan. */
export interface PlanSummary {
  /** Load balancers to create. */
  readonly create: number;
  /** Load balancers to update. */
  readonly update: number;
  /** Load balancers to delete. */
  readonly delete: number;
  /** Load balancers without changes. */
  readonly noOp: number;
  /** Server certificates to create, replace or delete. */
  readonly certificateChanges: number;
  /** Individual changes that revert drift. */
  readonly driftChanges: number;
  /** Security items that weaken security. */
  readonly weakening: number;
  /** Security items that strengthen security. */
  readonly strengthening: number;
  /** True when anything changes at all. */
  readonly hasChanges: boolean;
}

/**
 * A plan: every load balancer and certificate with its action and changes, JSON-serialisable and
 * versioned. It never holds private key material.
 */
export interface DeployPlan {
  /** Always `seclb-plan`. */
  readonly kind: string;
  /** The plan format version (`PLAN_FORMAT_VERSION`). */
  readonly formatVersion: number;
  /** Where the plan came from. */
  readonly source: PlanSource;
  /** When it was computed (ISO 8601). */
  readonly createdAt: string;
  /**
   * The stack it was computed for.
   * @default - none
   */
  readonly stack?: string;
  /** Load balancers, sorted by name. */
  readonly loadBalancers: LoadBalancerPlan[];
  /** Server certificates, sorted by name. */
  readonly serverCertificates: CertificatePlan[];
  /** Counts. */
  readonly summary: PlanSummary;
  /**
   * What the local target mapped (instances, listener ports, stand-in certificates).
   * @default - absent for plans not read from a local-target stack
   */
  readonly localMapping?: PlanLocalMapping;
  /**
   * The security warnings the constructs reported at synth (from `cdktf.out/manifest.json`), with
   * acknowledgements and their reasons.
   * @default - absent when the plan was computed without the app's manifest
   */
  readonly warnings?: SynthWarning[];
  /**
   * Per HTTPS/SSL listener, what its policy enables that the engine cannot enforce, judged with the
   * engine's own capability report.
   * @default - absent when the engine gave no capability report
   */
  readonly enforcement?: EnforcementReport;
  /**
   * SHA-256 digests of the plan's content and of its inputs; `seclb apply PLANFILE` refuses a file
   * whose content no longer matches. Always the last member.
   * @default - absent until the plan is sealed (`sealPlan`)
   */
  readonly digest?: PlanDigest;
}
