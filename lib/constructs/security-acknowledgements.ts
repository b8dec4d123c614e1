import { IConstruct } from 'constructs';
import { acknowledge } from './private/acknowledgements';

/**
 * Acknowledges security warnings on any scope (a stack, or a construct of your own), for
 * everything below it. The constructs of this library also offer `acknowledge(ruleId, reason)`.
 */
export class SecurityAcknowledgements {
  /**
   * Accepts the warning `ruleId` for every construct under `scope`, for a reason. The warnings are
   * then reported as info annotations that record the reason.
   *
   * @param scope the construct (or stack) whose subtree is covered
   * @param ruleId the warning's rule id (`SecurityWarningIds`)
   * @param reason why it is accepted, e.g. 'legacy clients until Q3'
   * @example SecurityAcknowledgements.acknowledge(stack, SecurityWarningIds.TLS10_ENABLED, 'legacy clients until Q3')
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    acknowledge(scope, ruleId, reason);
  }

  private constructor() {}
}
