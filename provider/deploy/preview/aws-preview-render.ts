import { DeployErrors } from '../errors';
import { redactSecrets } from '../plan/redaction';
import { PlanFormat } from '../render/plan-renderer';
import { AwsPreview } from './aws-preview';
import { renderAwsPreviewMarkdown } from './aws-preview-markdown';
import { renderAwsPreviewText } from './aws-preview-text';

/**
 * Renders the AWS preview in one of the plan formats: Markdown for a pull-request comment, text for
 * a terminal, JSON (the `AwsPreview` model itself) for tools. Anything that looks like key material
 * is redacted in every format.
 */
export function renderAwsPreview(preview: AwsPreview, format: PlanFormat): string {
  const safe = redactSecrets(preview);
  switch (format) {
    case PlanFormat.MARKDOWN: return renderAwsPreviewMarkdown(safe);
    case PlanFormat.TEXT: return renderAwsPreviewText(safe);
    case PlanFormat.JSON: return `${JSON.stringify(safe, null, 2)}\n`;
    default: throw DeployErrors.unknownFormat(String(format), Object.values(PlanFormat));
  }
}
