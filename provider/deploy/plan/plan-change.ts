/** A JSON value, as a plan stores before/after values. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a change does to one thing. */
export enum ChangeAction {
  /** The thing does not exist live and will be created or set. */
  ADD = 'add',
  /** The thing exists live and will be removed. */
  REMOVE = 'remove',
  /** The thing exists on both sides with different values. */
  MODIFY = 'modify',
}

/** Which part of a load balancer (or which certificate) a change touches. */
export enum ChangeSubject {
  /** A listener, keyed by its load balancer port. */
  LISTENER = 'listener',
  /** A policy of the load balancer, keyed by name (added or removed). */
  POLICY = 'policy',
  /** One attribute of a policy that exists on both sides. */
  POLICY_ATTRIBUTE = 'policy-attribute',
  /** The policies bound to an instance (back-end) port. */
  BACKEND_SERVER = 'backend-server',
  /** A field of the health check. */
  HEALTH_CHECK = 'health-check',
  /** A load balancer attribute (idle timeout, draining, cross-zone, access log, zones, ...). */
  ATTRIBUTE = 'attribute',
  /** A tag. */
  TAG = 'tag',
  /** A server certificate, compared by SHA-256 fingerprint, never by content. */
  CERTIFICATE = 'certificate',
  /** An instance registration. */
  INSTANCE = 'instance',
}

/** Why a change is in the plan. */
export enum ChangeOrigin {
  /** The desired configuration changed: the user's own change. */
  CONFIGURATION = 'configuration',
  /** Live state differs from what this tool applied last: it was changed outside the tool. */
  DRIFT = 'drift',
}

/** One difference between live and desired state, as the plan shows and apply carries out. */
export interface PlanChange {
  /**
   * A stable key of the changed thing, e.g. `listeners[443].policyNames` or
   * `policies[TLS-1-2-ab12cd34].attributes[Protocol-TLSv1]`.
   */
  readonly key: string;
  /** Which kind of thing changes. */
  readonly subject: ChangeSubject;
  /** Add, remove or modify. */
  readonly action: ChangeAction;
  /** A short label in the user's terms, e.g. `listener 443 policies`. */
  readonly label: string;
  /**
   * The live value.
   * @default - absent (action ADD)
   */
  readonly before?: JsonValue;
  /**
   * The desired value.
   * @default - absent (action REMOVE)
   */
  readonly after?: JsonValue;
  /** The user's change or drift. */
  readonly origin: ChangeOrigin;
  /**
   * For drift: the value this tool applied last (before it was changed outside the tool).
   * @default - absent when the thing did not exist at the last apply, or for configuration changes
   */
  readonly lastApplied?: JsonValue;
  /**
   * For a Terraform preview: the address of the resource that carries the change
   * (e.g. `aws_load_balancer_policy.ssl`).
   * @default - none (seclb plans)
   */
  readonly resource?: string;
}
