import { DeployErrors } from '../errors';
import { DeployPlan } from '../plan/deploy-plan';
import { serializePlan } from '../plan/plan-file';
import { renderPlanMarkdown } from './markdown-renderer';
import { renderPlanText } from './text-renderer';

/** The output formats of a plan. */
export enum PlanFormat {
  /** For a terminal (colour only when asked). */
  TEXT = 'text',
  /** For a pull-request comment. */
  MARKDOWN = 'markdown',
  /** The plan itself, the form `seclb apply` reads. */
  JSON = 'json',
}

/** Options of `renderPlan`. */
export interface RenderOptions {
  /**
   * ANSI colour in the text format; ignored by the others.
   * @default false
   */
  readonly color?: boolean;
  /**
   * The longest Markdown output, in characters; ignored by the other formats.
   * @default MARKDOWN_DEFAULT_MAX_LENGTH
   */
  readonly maxMarkdownLength?: number;
}

/** Renders a plan in one of the formats. Secrets are redacted in every format. */
export function renderPlan(plan: DeployPlan, format: PlanFormat, options: RenderOptions = {}): string {
  switch (format) {
    case PlanFormat.TEXT: return renderPlanText(plan, { color: options.color ?? false });
    case PlanFormat.MARKDOWN: return renderPlanMarkdown(plan, { maxLength: options.maxMarkdownLength });
    case PlanFormat.JSON: return serializePlan(plan);
    default: throw DeployErrors.unknownFormat(String(format), Object.values(PlanFormat));
  }
}

/**
 * Reads a `--format` value.
 * @throws DeployError SECLB_DEPLOY_UNKNOWN_FORMAT naming the allowed formats
 */
export function parsePlanFormat(value: string): PlanFormat {
  const found = Object.values(PlanFormat).find((f) => f === value.toLowerCase());
  if (!found) throw DeployErrors.unknownFormat(value, Object.values(PlanFormat));
  return found;
}
