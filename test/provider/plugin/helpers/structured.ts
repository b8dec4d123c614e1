import { DOCUMENT_SHAPE } from '../../../../lib/policy/document/document-shape';
import { ATTACHMENT_SHAPE } from '../../../../lib/policy/document/policy-attachment-shape';
import { SeclbStructure, StructuredValue } from '../../../../lib/contract/seclb-structure';

/** A load-balancer document as the `document` attribute (nested attributes) of `seclb_load_balancer`. */
export function structuredDocument(doc: object): StructuredValue {
  return SeclbStructure.toTerraform(DOCUMENT_SHAPE, doc);
}

/** A policy attachment as the `attachment` attribute of `seclb_policy_attachment`. */
export function structuredAttachment(attachment: object): StructuredValue {
  return SeclbStructure.toTerraform(ATTACHMENT_SHAPE, attachment);
}
