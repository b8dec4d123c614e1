import { Finding, Findings } from '../findings';
import { ContentHash } from '../hashing/content-hash';
import { DOCUMENT_CODES } from './document-codes';
import { fieldDefault } from './document-fields';
import { normalizeDocument, serializeDocument } from './document-normalization';
import { DOCUMENT_SHAPE } from './document-shape';
import { validateDocument } from './document-validation';
import { documentJsonSchema, SCHEMA_ID } from './json-schema';
import { LoadBalancerDocument, PolicyDocument } from './load-balancer-document';
import { checkShape } from './shape-check';

/** The outcome of parsing a load-balancer document. */
export interface DocumentParseResult {
  /**
   * The document in canonical (normalized) form.
   * @default - undefined when `findings` holds an error
   */
  readonly document?: LoadBalancerDocument;
  /** Every error and warning found, with paths as the text was written (e.g. `listeners[1].instancePort`). */
  readonly findings: Finding[];
}

/**
 * The codec of the canonical load-balancer document: parse and validate once here, so the local
 * target, the deploy core and the engine agree on what a document means.
 */
export class LoadBalancerDocuments {
  /** The document format version this library reads and writes. */
  public static readonly SCHEMA_VERSION = 1;

  /** `$id` of the v1 JSON Schema. */
  public static readonly SCHEMA_ID = SCHEMA_ID;

  /**
   * The JSON Schema (draft-07) of a v1 document, as text. It describes the canonical form
   * (protocols upper case); the parser also accepts protocols in any case. Derived from the same
   * field table as `parse`, so the two cannot drift apart.
   */
  public static readonly JSON_SCHEMA: string = documentJsonSchema();

  /**
   * Parses document text: JSON syntax, `schemaVersion` 1, the structure of every field (unknown
   * keys rejected with a suggestion), then every ELB API rule. Never throws.
   */
  public static parse(text: string): DocumentParseResult {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { findings: [Findings.error(DOCUMENT_CODES.INVALID_JSON, '', '',
        `The document is not valid JSON: ${(e as Error).message}.`,
        'A load-balancer document is one JSON object (see LoadBalancerDocuments.JSON_SCHEMA).',
        'fix the JSON syntax at the position given.')] };
    }
    return LoadBalancerDocuments.fromValue(value);
  }

  /**
   * Like `parse`, for a value already decoded from JSON (e.g. an HTTP request body or a Terraform
   * attribute).
   */
  public static fromValue(value: any): DocumentParseResult {
    const version = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.schemaVersion : undefined;
    if (version !== undefined && version !== LoadBalancerDocuments.SCHEMA_VERSION) {
      return { findings: [Findings.error(DOCUMENT_CODES.SCHEMA_VERSION_UNSUPPORTED, 'schemaVersion', JSON.stringify(version),
        `schemaVersion is ${JSON.stringify(version)}, which this library does not read.`,
        `This library reads and writes schemaVersion ${LoadBalancerDocuments.SCHEMA_VERSION}.`,
        'write the document with a matching version of cdktf-secure-elb, or upgrade this one.')] };
    }
    const structural = checkShape(value, DOCUMENT_SHAPE, '');
    if (structural.length > 0) return { findings: structural };
    const doc = value as LoadBalancerDocument;
    const findings = validateDocument(doc);
    if (Findings.hasErrors(findings)) return { findings };
    return { document: normalizeDocument(doc), findings };
  }

  /**
   * Every ELB API rule over a document built in code (names, listeners, certificates required,
   * policies and their bindings, every SSL negotiation policy's content, health check, timeouts,
   * access log, desync mode, tags, instances, quotas). Paths follow the document as given.
   *
   * Structural problems (a missing field, a value of the wrong JSON type, e.g. a placeholder for
   * a value known only later) are reported too, and the rules still run over the rest of the
   * document as far as its shape allows; a rule finding on a path that already has a structural
   * finding is left out. Extra keys are not reported here (`serialize` drops them).
   */
  public static validate(doc: LoadBalancerDocument): Finding[] {
    const structural = checkShape(doc, DOCUMENT_SHAPE, '').filter((f) => f.code !== DOCUMENT_CODES.UNKNOWN_KEY);
    if (structural.length === 0) return validateDocument(doc);
    let semantic: Finding[];
    try {
      semantic = validateDocument(doc);
    } catch {
      return structural;
    }
    const broken = structural.map((f) => f.path);
    const under = (path: string) => broken.some((b) => path === b || path.startsWith(`${b}.`) || path.startsWith(`${b}[`));
    return [...structural, ...semantic.filter((f) => !under(f.path))];
  }

  /**
   * The rules that concern a load balancer's name and a set of its policies alone (names, types,
   * attributes, references between them), for policies attached to a load balancer whose listeners
   * belong to someone else: rules relating policies to listeners cannot be judged without them.
   * Findings carry the paths `name` and `policies[i]...`. The rest of the document they are
   * judged in holds the field table's defaults.
   */
  public static validatePolicies(loadBalancerName: string, policies: PolicyDocument[]): Finding[] {
    return LoadBalancerDocuments.validate({
      schemaVersion: LoadBalancerDocuments.SCHEMA_VERSION,
      name: loadBalancerName,
      availabilityZones: [],
      subnets: [],
      securityGroups: [],
      internal: fieldDefault('internal'),
      crossZoneLoadBalancing: fieldDefault('crossZoneLoadBalancing'),
      idleTimeoutSeconds: fieldDefault('idleTimeoutSeconds'),
      connectionDraining: { enabled: fieldDefault('connectionDraining.enabled'), timeoutSeconds: fieldDefault('connectionDraining.timeoutSeconds') },
      desyncMitigationMode: fieldDefault('desyncMitigationMode'),
      listeners: [],
      policies,
      backendServers: [],
      healthCheck: {
        target: 'TCP:80',
        intervalSeconds: fieldDefault('healthCheck.intervalSeconds'),
        timeoutSeconds: fieldDefault('healthCheck.timeoutSeconds'),
        healthyThreshold: fieldDefault('healthCheck.healthyThreshold'),
        unhealthyThreshold: fieldDefault('healthCheck.unhealthyThreshold'),
      },
      instances: [],
      tags: {},
    }).filter((f) => f.path === 'name' || f.path.startsWith('policies'));
  }

  /**
   * The canonical form: listeners by load balancer port, policies by name, back-end servers by
   * port, instances by id, tags by key, zones/subnets/security groups sorted, protocols (listeners
   * and health-check target) upper case. Policy attribute and policy name lists keep their order.
   */
  public static normalize(doc: LoadBalancerDocument): LoadBalancerDocument {
    return normalizeDocument(doc);
  }

  /**
   * Canonical JSON text (normalized, keys sorted, two-space indentation, final newline), so
   * parse -> serialize -> parse -> serialize gives the same bytes.
   */
  public static serialize(doc: LoadBalancerDocument): string {
    return serializeDocument(doc);
  }

  /** The revision of a document: `ContentHash` (SHA-256 hex) of its normalized form. */
  public static revision(doc: LoadBalancerDocument): string {
    return ContentHash.of(normalizeDocument(doc));
  }

  private constructor() {}
}
