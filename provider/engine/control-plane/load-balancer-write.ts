import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { Finding, Findings } from '../../../lib/policy/findings';
import { parseLoadBalancerWrite } from '../admin/write-body';
import { ENGINE_FINDING_CODES, EngineErrors } from '../errors';
import { PolicyModel } from '../model/policy-model';

/** A load balancer write the model accepted. */
export interface ValidatedLoadBalancerWrite {
  /** The document, normalized by the model. */
  readonly normalized: LoadBalancerDocument;
  /** The revision the writer expects live (`null`: absent). */
  readonly expectedRevision: number | null;
  /** Every finding (warnings only: errors throw). */
  readonly findings: Finding[];
}

/**
 * The body of `PUT /v1/load-balancers/{name}` checked by the policy model, and the document's name
 * against the URL's.
 * @throws SECLB_ENGINE_INVALID_DOCUMENT with every error finding
 */
export function validateLoadBalancerWrite(name: string, body: unknown): ValidatedLoadBalancerWrite {
  const { document, expectedRevision } = parseLoadBalancerWrite(body);
  const parsed = PolicyModel.parseDocument(document);
  const findings = [...parsed.findings];
  const docName = (document as { name?: unknown }).name;
  if (docName !== name) {
    const quoted = Findings.quote(docName);
    findings.push(Findings.error(ENGINE_FINDING_CODES.NAME_MISMATCH, 'name', quoted,
      `name is ${quoted} but the URL names '${name}'.`, 'A document is written under its own name.',
      `PUT it to /v1/load-balancers/ followed by its name, or set name to '${name}'.`));
  }
  if (!parsed.document || Findings.hasErrors(findings)) throw EngineErrors.invalidDocument(name, findings, PolicyModel.formatErrors(findings));
  return { normalized: parsed.document, expectedRevision, findings };
}
