import { Elb, ElbConfig } from '@cdktf/provider-aws/lib/elb';
import { Construct } from 'constructs';
import { DOCUMENT_FIELDS, DocumentField } from '../../policy/document/document-fields';
import { LoadBalancerDocument } from '../../policy/document/load-balancer-document';

/**
 * Renders the `aws_elb` of a canonical document, argument by argument as the field table
 * (`DOCUMENT_FIELDS`, each field's `aws`) maps them:
 *
 * - Listener protocols are written in lower case, as the provider stores them, so state and
 *   configuration match exactly.
 * - The health check is always complete (the document makes every default explicit), and so are
 *   cross-zone, idle timeout, draining and desync mode: they equal what AWS would pick, so there is
 *   no diff, and the configuration says what runs.
 * - `instances` is never emitted: instances are registered with one `aws_elb_attachment` each
 *   (see `instance-attachments.ts`); combining both makes them deregister each other.
 * - Empty lists (zones, subnets, security groups) and empty tags are omitted rather than sent as
 *   "none", which the provider would read as "remove all".
 */
export function renderElb(scope: Construct, doc: LoadBalancerDocument): Elb {
  return new Elb(scope, 'Resource', elbConfig(doc));
}

/** The `aws_elb` arguments of a document, in the cdktf spelling (camel case). */
function elbConfig(doc: LoadBalancerDocument): ElbConfig {
  const config: Record<string, unknown> = {};
  const mapped = DOCUMENT_FIELDS.filter((f) => f.aws);
  for (const field of mapped.filter((f) => !f.aws!.name.includes('.'))) {
    const value = valueAt(doc, field.path);
    // A list of blocks (the listeners): one block per element, from the element's fields.
    const elementFields = mapped.filter((f) => f.path.startsWith(`${field.path}[].`));
    config[camel(field.aws!.name)] = elementFields.length && Array.isArray(value)
      ? value.map((element) => block(element, elementFields))
      : toAws(field, value);
  }
  // Single blocks (health_check, access_logs): present when the document has the part.
  const blocks = new Map<string, DocumentField[]>();
  for (const f of mapped.filter((x) => x.aws!.name.includes('.') && !x.path.includes('[]'))) {
    const name = f.aws!.name.slice(0, f.aws!.name.indexOf('.'));
    blocks.set(name, [...(blocks.get(name) ?? []), f]);
  }
  for (const [name, fields] of blocks) {
    const parent = valueAt(doc, fields[0].path.slice(0, fields[0].path.lastIndexOf('.')));
    config[camel(name)] = parent === undefined ? undefined : block(parent, fields);
  }
  return config as unknown as ElbConfig;
}

/** One block: each field's value under its argument (the part after the block's name). */
function block(source: unknown, fields: DocumentField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const argument = f.aws!.name.slice(f.aws!.name.indexOf('.') + 1);
    out[camel(argument)] = toAws(f, (source as Record<string, unknown>)[f.path.slice(f.path.lastIndexOf('.') + 1)]);
  }
  return out;
}

/** A document value as the provider takes it: lower case where it stores lower case; empty lists and maps left out where asked. */
function toAws(field: DocumentField, value: unknown): unknown {
  if (field.aws!.lowerCase && typeof value === 'string') return value.toLowerCase();
  if (field.aws!.omitEmpty && value !== null && typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  return value;
}

function valueAt(doc: LoadBalancerDocument, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v === undefined || v === null ? undefined : (v as Record<string, unknown>)[k]), doc);
}

/** `cross_zone_load_balancing` -> `crossZoneLoadBalancing` (cdktf's spelling of an argument). */
function camel(argument: string): string {
  return argument.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
