/**
 * The engine's admin API as one typed contract: its paths, query parameters, request bodies and
 * answers. The engine's admin server (`provider/engine/admin`) serves it and the deploy core's
 * client (`provider/deploy/engine-client`) speaks it; both import these types, so neither side can
 * change a shape alone. The prose reference is docs/admin-api.md.
 *
 * Internal to the package (not exported from lib/index.ts).
 */

import { LoadBalancerDocument } from '../policy/document/load-balancer-document';
import { ObjectOwner } from '../policy/ownership/object-owner';

/** The API's base paths (every route is below one of them). */
export const ADMIN_API_PATHS = {
  /** `GET`: the engine's status, TLS capabilities and listeners. */
  STATUS: '/v1/status',
  /** `GET`: Prometheus text. */
  METRICS: '/v1/metrics',
  /** `GET`: the list; `/{name}` GET, PUT, DELETE; `/{name}/policies`, `/{name}/instance-health` GET. */
  LOAD_BALANCERS: '/v1/load-balancers',
  /** `GET`: the list; `/{name}` GET, PUT, DELETE. */
  SERVER_CERTIFICATES: '/v1/server-certificates',
  /** The suffix of a load balancer's DescribeLoadBalancerPolicies view. */
  POLICIES: '/policies',
  /** The suffix of a load balancer's DescribeInstanceHealth view. */
  INSTANCE_HEALTH: '/instance-health',
} as const;

/** Query parameters the API reads. */
export const ADMIN_API_QUERY = {
  /** A delete's optimistic-concurrency revision (also accepted in a DELETE body). */
  EXPECTED_REVISION: 'expectedRevision',
  /** `true`: delete even what another owner (or one not on record) holds. */
  FORCE_OWNER: 'forceOwner',
} as const;

/** Body of `PUT /v1/load-balancers/{name}`: the whole document and the revision it was planned against. */
export interface LoadBalancerWriteRequest {
  /** The canonical document the local target synthesizes. */
  readonly document: LoadBalancerDocument;
  /** The load balancer's current revision, or null to create one that must not exist yet. */
  readonly expectedRevision: number | null;
}

/** Body of `PUT /v1/server-certificates/{name}`. */
export interface ServerCertificateUploadRequest {
  /** Leaf certificate, PEM. */
  readonly certificateBody: string;
  /** Private key, PEM (stored 0600, never returned). */
  readonly privateKey: string;
  /** Intermediate certificates, PEM, issuer first. */
  readonly certificateChain?: string;
}

/** One entry of `GET /v1/load-balancers`. */
export interface LoadBalancerEntryAnswer {
  readonly name: string;
  /** The engine revision of this load balancer's last write. */
  readonly revision: number;
  /** Who created it (tool `unknown` when not on record; absent from older engines). */
  readonly owner?: ObjectOwner;
}

/** Answer of `GET /v1/load-balancers`. */
export interface LoadBalancerListAnswer {
  readonly engineRevision?: number;
  readonly loadBalancers: readonly LoadBalancerEntryAnswer[];
}

/** Answer of `GET /v1/load-balancers/{name}` (the parts a client relies on; the engine sends more). */
export interface LoadBalancerAnswer {
  readonly name: string;
  /** The engine revision of this load balancer's last write. */
  readonly revision: number;
  readonly document: LoadBalancerDocument;
  /** Who created it (tool `unknown` when not on record; absent from older engines). */
  readonly owner?: ObjectOwner;
}

/** Answer of `PUT /v1/load-balancers/{name}` (the parts a client relies on). */
export interface LoadBalancerWriteAnswer {
  /** The load balancer's revision after the write. */
  readonly revision: number;
  /** True when the write created it. */
  readonly created: boolean;
  /** Policy attributes the engine's OpenSSL cannot negotiate, per listener. */
  readonly unenforceable: unknown[];
}

/** A server certificate as the API shows it: everything but the key, plus fingerprint and users. */
export interface ServerCertificateAnswer {
  readonly name: string;
  readonly certificateBody: string;
  readonly certificateChain?: string;
  /** SHA-256 of the certificate's DER, lower-case hex. */
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly notAfter: string;
  /** The engine revision at which it was last written. */
  readonly revision: number;
  /** Who created it (`{ tool: 'unknown', stack: '' }` when not on record). */
  readonly owner: ObjectOwner;
  /** The load balancers whose listeners name it. */
  readonly usedBy: string[];
}

/** Answer of `GET /v1/server-certificates`. */
export interface ServerCertificateListAnswer {
  readonly serverCertificates: readonly ServerCertificateAnswer[];
}

/** One instance of `GET /v1/load-balancers/{name}/instance-health`, in DescribeInstanceHealth's shape. */
export interface InstanceStateAnswer {
  readonly InstanceId: string;
  readonly State: string;
  readonly ReasonCode: string;
  readonly Description: string;
}

/** Answer of `GET /v1/load-balancers/{name}/instance-health`. */
export interface InstanceHealthAnswer {
  readonly revision: number;
  readonly InstanceStates: readonly InstanceStateAnswer[];
}

/** One finding in an error answer (the policy model's finding, or one the engine adds). */
export type FindingAnswer = Record<string, string>;

/**
 * Every refusal: `{ "error": { "code", "message", ...details } }`. The details are the error's
 * own (`findings` of a 400, `port` of a port conflict, `owner`/`requester`, `allowed`, ...).
 */
export interface ErrorAnswer {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly findings?: FindingAnswer[];
    readonly [detail: string]: unknown;
  };
}

/** Building and reading the contract's values. */
export class AdminApi {
  /** The path of one load balancer (`name` URL-encoded). */
  public static loadBalancer(name: string): string {
    return `${ADMIN_API_PATHS.LOAD_BALANCERS}/${encodeURIComponent(name)}`;
  }

  /** The path of one server certificate (`name` URL-encoded). */
  public static serverCertificate(name: string): string {
    return `${ADMIN_API_PATHS.SERVER_CERTIFICATES}/${encodeURIComponent(name)}`;
  }

  /** The error answer for a code, a message and the error's details. */
  public static errorAnswer(code: string, message: string, details?: Record<string, unknown>): ErrorAnswer {
    return { error: { code, message, ...(details ?? {}) } };
  }

  /**
   * The error of an answer's text, or a bare message when the text is not an error answer (a proxy's
   * page, an older engine): never throws.
   */
  public static readError(text: string): { code?: string; message?: string; findings?: FindingAnswer[]; details: Record<string, unknown> } {
    let error: Record<string, unknown>;
    try {
      error = (JSON.parse(text) as Partial<ErrorAnswer>).error ?? {};
    } catch {
      error = { message: text };
    }
    const { code, message, findings, ...details } = error;
    return {
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : undefined,
      findings: Array.isArray(findings) ? findings as FindingAnswer[] : undefined,
      details,
    };
  }

  private constructor() {}
}
